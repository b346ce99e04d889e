#!/usr/bin/env sh
# Runs every benchmark (bench/): handler CPU per message (JMH), cold start of each handler jar against a hello-world
# handler, turn latency on the local stack against a direct bridge and the loopback floor (and from it what 1,000
# turns cost at AWS list prices), and the JVM flag variants. Prints one table and writes bench/results/results.json
# and bench/results/RESULTS.md. Builds first when the jars are missing.
# Arguments: sections to run (cpu cold latency flags; default all). Figures only: nothing here fails on speed.
# ./bench.sh soak: the soak alone (SOAK_MINUTES=30 SOAK_CHATS=20 SOAK_WINDOW_MINUTES=5), to bench/results/SOAK.md.
# BENCH_QUICK=1 ./bench.sh ... checks the harness with fewer repetitions (not figures to publish).
set -eu
cd "$(dirname "$0")"
for f in bench/target/bench.classpath bench/target/classes/META-INF/BenchmarkList local-stack/target/lambda-runtime \
         inbound-bot-handler/target/inbound-bot-handler.jar process-bot-turn/target/process-bot-turn.jar \
         outbound-chat-handler/target/outbound-chat-handler.jar; do
  if [ ! -e "$f" ]; then
    echo "Building (./mvnw -B -ntp -q -DskipTests package)..."
    ./mvnw -B -ntp -q -DskipTests package
    break
  fi
done
# The handlers log through their own JSON-lines SLF4J provider; INFO lines to stdout would dominate the CPU figures.
export LOG_LEVEL="${LOG_LEVEL:-WARN}"
# This JVM (local stack, stand-ins, direct bridge) logs at INFO to a file, like the handler JVMs do. It runs in
# bench/target, so whatever the handler JVMs it starts leave in their working directory stays out of the checkout.
root="$(pwd)"
cd bench/target
exec java -Xmx1g -Dhttp.maxConnections=64 -Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.logFile="$root/bench/target/bench.log" \
  -Dbench.project="$root" \
  -cp "$root/bench/target/classes:$(cat bench.classpath)" dev.flexlex.bench.BenchMain "$@"
