package dev.flexlex.bench.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The same three operations as {@link HandlerCpuBenchmark}, timed by the thread's CPU clock instead of the wall
 * clock: on a machine shared with other work, being descheduled inflates wall time but not CPU time. Run in its own
 * JVM by {@link CpuSection}; prints {@code name microseconds} lines.
 */
public final class CpuTimeLoop {
    private CpuTimeLoop() {
    }

    public static void main(String[] args) {
        int warmup = Integer.parseInt(args[0]);
        int measured = Integer.parseInt(args[1]);
        HandlerCpuBenchmark bench = new HandlerCpuBenchmark();
        bench.setUp();
        Map<String, Supplier<Object>> ops = new LinkedHashMap<>();
        ops.put("inboundWebhook", bench::inboundWebhook);
        ops.put("processTurn", bench::processTurn);
        ops.put("outboundHandoff", bench::outboundHandoff);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int sink = 0;
        for (Map.Entry<String, Supplier<Object>> op : ops.entrySet()) {
            for (int i = 0; i < warmup; i++) {
                sink += op.getValue().get().hashCode() & 1;
            }
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < measured; i++) {
                sink += op.getValue().get().hashCode() & 1;
            }
            long cpu = threads.getCurrentThreadCpuTime() - start;
            System.out.printf(Locale.ROOT, "%s %.3f%n", op.getKey(), cpu / 1e3 / measured);
        }
        System.out.println("sink " + sink);
    }
}
