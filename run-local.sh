#!/usr/bin/env sh
# The whole Flex Lex Bridge on 127.0.0.1: customer webchat, agent desk, the three unmodified handler jars run the way
# Lambda runs them, ElasticMQ, the local Lex and the local Flex. Builds the jars first if they are missing.
# Arguments go to the runner: --platform conversations|chat, --port-base P, --ready-file PATH, --faults SPEC, --help.
set -eu
cd "$(dirname "$0")"
for jar in local-stack/target/local-stack.jar inbound-bot-handler/target/inbound-bot-handler.jar \
           process-bot-turn/target/process-bot-turn.jar outbound-chat-handler/target/outbound-chat-handler.jar; do
  if [ ! -f "$jar" ]; then
    echo "Building the jars (first run, a few minutes)..."
    ./mvnw -B -ntp -q -DskipTests package
    break
  fi
done
exec java -jar local-stack/target/local-stack.jar "$@"
