package dev.flexlex.bench.latency;

import dev.flexlex.bench.Events;
import dev.flexlex.bench.Results;
import dev.flexlex.bench.cold.ColdStartSection;
import dev.flexlex.localstack.LocalStack;
import dev.flexlex.localstack.StackOptions;
import dev.flexlex.localstack.lambda.LambdaFunction;
import dev.flexlex.priming.Priming;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Section 6: the JVM flags and priming, decided by measurement. Each variant sets {@code JAVA_TOOL_OPTIONS},
 * {@code PRIMING_ROUNDS} and {@code PRIME_AT_INIT=true} (the priming a SnapStart snapshot gets, run at init as the
 * local stack has no snapshots) on all three functions over the template's own values, then: each handler's cold start
 * (JVM start to the first response, init including the priming, the first invocation) against hello-world with the
 * same JIT flags; and on a local stack of its own, the queued design's turn latency at 1 chat and at 20 chats with
 * the handler JVMs' CPU time per turn.
 */
public final class FlagsSection {
    public static final String SECTION = "6. JVM flags and priming (each variant on all three functions)";
    /** Rounds of the heavier priming: enough for the hot paths to pass C2's compile thresholds. */
    static final int HEAVY_ROUNDS = 2_000;

    /** One setting of the three functions' {@code JAVA_TOOL_OPTIONS} and {@code PRIMING_ROUNDS}. */
    public record Variant(String name, String javaToolOptions, int primingRounds) {
        Map<String, String> environment() {
            return Map.of("JAVA_TOOL_OPTIONS", javaToolOptions, Priming.PRIMING_ROUNDS, Integer.toString(primingRounds),
                    Priming.PRIME_AT_INIT, "true");
        }
    }

    public static final List<Variant> VARIANTS = List.of(
            new Variant("C1 only (Lambda's default)", "-XX:TieredStopAtLevel=1", 1),
            new Variant("full tiered (C1 + C2)", "-XX:TieredStopAtLevel=4", 1),
            new Variant("full tiered, heavier priming", "-XX:TieredStopAtLevel=4", HEAVY_ROUNDS));

    private FlagsSection() {
    }

    /** {@code reps} cold starts per function and {@code messages} turns at 20 chats per variant. */
    public static void run(Results results, int reps, int messages) throws Exception {
        for (Variant v : VARIANTS) {
            System.out.println("  variant: " + v.name());
            String label = v.name() + ": ";
            Map<String, double[]> cold = ColdStartSection.coldStarts(v.environment(), v.name(), reps);
            double hello = cold.values().iterator().next()[0];
            results.add(SECTION, label + "hello-world cold start", hello, "ms", "median of " + reps
                    + ", same JIT flags");
            for (Map.Entry<String, double[]> e : cold.entrySet()) {
                if (e.getKey().equals(ColdStartSection.HELLO)) {
                    continue;
                }
                double[] m = e.getValue();
                results.add(SECTION, label + e.getKey() + " cold start", m[0], "ms", String.format(Locale.ROOT,
                        "median of %d; %.2fx hello-world; init (JVM start + priming, %d rounds) %.0f ms, first invocation"
                                + " %.1f ms", reps, m[0] / hello, v.primingRounds(), m[1], m[2]));
            }
            try (LocalStack stack = LatencySection.startStack(StackOptions.defaults(Events.projectDir())
                    .withFunctionEnvironment(v.environment()))) {
                queued(results, label, stack, messages);
            }
        }
    }

    private static void queued(Results results, String label, LocalStack stack, int messages) throws Exception {
        FlexRest flex = new FlexRest(stack.info().flexBaseUrl(), stack.info().accountSid(), stack.info().authToken());
        AtomicInteger names = new AtomicInteger();
        AtomicInteger timeouts = new AtomicInteger();
        LatencySection.ChatOpener webchat = name -> Chat.webchat(flex, stack.info(), name);
        LatencySection.phase(webchat, 1, 3 * LatencySection.ONE_CHAT_MESSAGES, names, timeouts);
        List<Double> one = LatencySection.sorted(LatencySection.phase(webchat, 1, LatencySection.ONE_CHAT_MESSAGES,
                names, timeouts).millis());
        results.add(SECTION, label + "(a) 1 chat median", LatencySection.pct(one, 50), "ms", String.format(Locale.ROOT,
                "p99 %.1f ms; %d messages after %d as warm-up", LatencySection.pct(one, 99),
                LatencySection.ONE_CHAT_MESSAGES, 3 * LatencySection.ONE_CHAT_MESSAGES));
        LatencySection.phase(webchat, 20, 20 * 20, names, timeouts);
        Map<String, LambdaFunction> jvms = new LinkedHashMap<>();
        LocalStack.FUNCTIONS.forEach(fn -> jvms.put(fn, stack.function(fn)));
        LatencySection.CpuSample before = LatencySection.CpuSample.now(jvms);
        List<Double> twenty = LatencySection.sorted(LatencySection.phase(webchat, 20, messages, names, timeouts).millis());
        Map<String, Double> cpu = LatencySection.CpuSample.now(jvms).minus(before);
        results.add(SECTION, label + "(a) 20 chats median", LatencySection.pct(twenty, 50), "ms", String.format(
                Locale.ROOT, "p99 %.0f ms; %d messages after 400 as warm-up; %d without a reply in %d s",
                LatencySection.pct(twenty, 99), messages, timeouts.get(), LatencySection.TURN_TIMEOUT_MILLIS / 1000));
        double handlers = 0;
        StringBuilder split = new StringBuilder();
        for (String fn : LocalStack.FUNCTIONS) {
            double perTurn = cpu.get(fn) / twenty.size();
            handlers += perTurn;
            split.append(String.format(Locale.ROOT, "%s%s %.1f", split.length() == 0 ? "" : ", ",
                    fn.replace("Function", ""), perTurn));
        }
        results.add(SECTION, label + "(a) 20 chats, handler JVMs' CPU per turn", handlers, "ms",
                split + "; process CPU time of every JVM of the three functions / turns");
    }
}
