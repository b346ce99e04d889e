package dev.flexlex.bench.latency;

import dev.flexlex.bench.Events;
import dev.flexlex.bench.Results;
import dev.flexlex.localstack.LocalStack;
import dev.flexlex.localstack.StackOptions;
import dev.flexlex.localstack.lambda.LambdaFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Section 5, the soak: {@code chats} customers at once on the local stack (the template's real timeouts, no faults)
 * for {@code duration}, each ordering flowers turn after turn with a pause between turns, a new chat after each
 * order. Every {@code sampleEvery} each JVM's RSS ({@code /proc/<pid>/status} VmRSS), heap in use and old
 * generation in use (the handler JVMs through {@code jstat -gc}, this JVM through its memory bean) go to
 * {@code soak-memory.csv}; per window of {@code window}: turns, errors, p50 and p99 of message-to-reply latency.
 * Errors: a turn without a bot reply within {@link #TURN_TIMEOUT_MILLIS}, or a request of the customer that failed.
 */
public final class SoakSection {
    public static final String SECTION = "5. Soak on the local stack";
    static final long TURN_TIMEOUT_MILLIS = 120_000;
    static final long POLL_MILLIS = 20;

    private record Turn(long atMillis, double millis, boolean error) {
    }

    private record Sample(long atMillis, String jvm, long pid, double rssMb, double heapMb, double oldMb, double cpuSeconds) {
    }

    private final LocalStack stack;
    private final FlexRest flex;
    private final List<Turn> turns = Collections.synchronizedList(new ArrayList<>());
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger names = new AtomicInteger();
    private final long start = System.currentTimeMillis();

    private SoakSection(LocalStack stack) {
        this.stack = stack;
        this.flex = new FlexRest(stack.info().flexBaseUrl(), stack.info().accountSid(), stack.info().authToken());
    }

    /**
     * @param thinkMillis the customer's pause between a reply and their next message
     */
    public static void run(Results results, Path csv, Duration duration, int chats, Duration window, Duration sampleEvery,
                           long thinkMillis) throws Exception {
        Path project = Events.projectDir();
        try (LocalStack stack = LocalStack.start(StackOptions.defaults(project).withPortBase(0))) {
            SoakSection soak = new SoakSection(stack);
            var sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(soak::sample, 0, sampleEvery.toMillis(), TimeUnit.MILLISECONDS);
            try {
                soak.load(duration, chats, thinkMillis);
            } finally {
                sampler.shutdownNow();
                sampler.awaitTermination(30, TimeUnit.SECONDS);
            }
            soak.sample();
            soak.report(results, duration, chats, window, thinkMillis);
            soak.writeCsv(csv);
        }
    }

    private void load(Duration duration, int chats, long thinkMillis) throws Exception {
        long end = start + duration.toMillis();
        ExecutorService customers = Executors.newFixedThreadPool(chats);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < chats; c++) {
            workers.add(customers.submit(() -> {
                while (System.currentTimeMillis() < end) {
                    customer(end, thinkMillis);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        customers.shutdown();
    }

    /** One order in a new chat; stops at the first error (the chat is abandoned) or at {@code end}. */
    private void customer(long end, long thinkMillis) throws InterruptedException {
        Chat chat;
        try {
            chat = Chat.webchat(flex, stack.info(), "Soak " + names.incrementAndGet());
        } catch (RuntimeException e) {
            turns.add(new Turn(System.currentTimeMillis() - start, Double.NaN, true));
            Thread.sleep(1_000);
            return;
        }
        for (String line : LatencySection.SCRIPT) {
            if (System.currentTimeMillis() >= end) {
                return;
            }
            long at = System.currentTimeMillis() - start;
            try {
                turns.add(new Turn(at, chat.turn(line, POLL_MILLIS, TURN_TIMEOUT_MILLIS), false));
            } catch (RuntimeException e) {
                turns.add(new Turn(at, Double.NaN, true));
                Thread.sleep(1_000);
                return;
            }
            Thread.sleep(thinkMillis);
        }
    }

    /** RSS, heap and old generation in use, and CPU time so far, of this JVM and of every handler JVM running now. */
    private void sample() {
        long at = System.currentTimeMillis() - start;
        ProcessHandle self = ProcessHandle.current();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getName().contains("Old Gen") || p.getName().contains("Tenured"))
                .mapToLong(p -> p.getUsage().getUsed()).sum() / 1048576.0;
        samples.add(new Sample(at, "stack (ElasticMQ, Lex, Flex, gateway, pollers, customers)", self.pid(),
                rssMb(self.pid()), heap.getUsed() / 1048576.0, old, cpuSeconds(self)));
        for (String fn : LocalStack.FUNCTIONS) {
            for (ProcessHandle p : stack.function(fn).processes()) {
                double[] gc = jstatHeap(p.pid());
                samples.add(new Sample(at, fn, p.pid(), rssMb(p.pid()), gc[0], gc[1], cpuSeconds(p)));
            }
        }
    }

    private static double cpuSeconds(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
    }

    static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile, or not Linux
        }
        return Double.NaN;
    }

    /** Heap in use and old generation in use (MB) from {@code jstat -gc}: S0U+S1U+EU+OU, and OU. */
    static double[] jstatHeap(long pid) {
        try {
            Process jstat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(), "-gc",
                    Long.toString(pid)).redirectErrorStream(true).start();
            List<String> lines = new String(jstat.getInputStream().readAllBytes()).lines().toList();
            jstat.waitFor(10, TimeUnit.SECONDS);
            if (lines.size() < 2) {
                return new double[] {Double.NaN, Double.NaN};
            }
            List<String> names = List.of(lines.get(0).trim().split("\\s+"));
            String[] values = lines.get(1).trim().split("\\s+");
            double used = 0;
            for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                used += Double.parseDouble(values[names.indexOf(column)]);
            }
            return new double[] {used / 1024, Double.parseDouble(values[names.indexOf("OU")]) / 1024};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    private void report(Results results, Duration duration, int chats, Duration window, long thinkMillis) {
        String how = chats + " chats at once for " + duration.toMinutes() + " min, " + thinkMillis
                + " ms pause between a reply and the next message, a new chat after each order";
        List<Turn> all = List.copyOf(turns);
        results.add(SECTION, "turns", all.stream().filter(t -> !t.error).count(), "turns", how);
        results.add(SECTION, "errors", all.stream().filter(t -> t.error).count(), "turns",
                "no bot reply within " + TURN_TIMEOUT_MILLIS / 1000 + " s, or a customer request that failed");
        long windowMillis = window.toMillis();
        for (long from = 0; from < duration.toMillis(); from += windowMillis) {
            long f = from;
            List<Double> ms = all.stream().filter(t -> t.atMillis >= f && t.atMillis < f + windowMillis && !t.error)
                    .map(Turn::millis).sorted().toList();
            long errors = all.stream().filter(t -> t.atMillis >= f && t.atMillis < f + windowMillis && t.error).count();
            String name = String.format(Locale.ROOT, "minutes %d-%d", from / 60_000, (from + windowMillis) / 60_000);
            results.add(SECTION, name + ": p50", LatencySection.pct(ms, 50), "ms", ms.size() + " turns, " + errors
                    + " errors");
            results.add(SECTION, name + ": p99", LatencySection.pct(ms, 99), "ms", "");
        }
        // Per JVM that lived through two samples or more: the first sample after the first window (warm) against the
        // last, and the largest. Every sample is in the CSV.
        Map<Long, List<Sample>> byPid = new LinkedHashMap<>();
        for (Sample s : List.copyOf(samples)) {
            byPid.computeIfAbsent(s.pid, k -> new ArrayList<>()).add(s);
        }
        for (List<Sample> samplesOfOne : byPid.values()) {
            // jstat may fail to attach to a busy JVM: such samples have no heap figures and are left out here.
            List<Sample> series = samplesOfOne.stream().filter(s -> !Double.isNaN(s.heapMb) && !Double.isNaN(s.rssMb)).toList();
            if (series.size() < 2) {
                continue;
            }
            Sample first = series.stream().filter(s -> s.atMillis >= windowMillis).findFirst().orElse(series.get(0));
            Sample last = series.get(series.size() - 1);
            String jvm = series.get(0).jvm + " pid " + series.get(0).pid;
            double maxRss = series.stream().mapToDouble(Sample::rssMb).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
            results.add(SECTION, jvm + ": RSS", last.rssMb, "MB", String.format(Locale.ROOT,
                    "at %.0f min; %.0f MB at %.0f min; max %.0f MB; %d samples", last.atMillis / 60_000.0, first.rssMb,
                    first.atMillis / 60_000.0, maxRss, series.size()));
            results.add(SECTION, jvm + ": old generation in use", last.oldMb, "MB", String.format(Locale.ROOT,
                    "at %.0f min; %.1f MB at %.0f min; heap in use %.1f -> %.1f MB", last.atMillis / 60_000.0, first.oldMb,
                    first.atMillis / 60_000.0, first.heapMb, last.heapMb));
            results.add(SECTION, jvm + ": CPU", last.cpuSeconds - series.get(0).cpuSeconds, "s",
                    "CPU time over the samples");
        }
        for (String fn : LocalStack.FUNCTIONS) {
            LambdaFunction function = stack.function(fn);
            results.add(SECTION, fn + ": JVMs started", function.instancesStarted(), "JVMs",
                    function.instanceCount() + " running at the end");
        }
        for (String dlq : List.of("InboundDeadLetterQueue", "OutboundDeadLetterQueue")) {
            results.add(SECTION, dlq + " depth at the end", depth(dlq), "messages", "");
        }
    }

    private int depth(String queue) {
        try (QueueDepths depths = new QueueDepths(stack.info().sqsBaseUrl(), Map.of(queue, stack.queueUrl(queue)))) {
            Thread.sleep(3 * QueueDepths.PERIOD_MILLIS);
            return depths.depth(queue).maxWaiting();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void writeCsv(Path csv) {
        StringBuilder out = new StringBuilder("seconds,jvm,pid,rss_mb,heap_used_mb,old_gen_used_mb,cpu_seconds\n");
        for (Sample s : List.copyOf(samples)) {
            out.append(String.format(Locale.ROOT, "%.0f,%s,%d,%.1f,%.1f,%.1f,%.1f%n", s.atMillis / 1000.0, s.jvm, s.pid,
                    s.rssMb, s.heapMb, s.oldMb, s.cpuSeconds));
        }
        try {
            Files.createDirectories(csv.getParent());
            Files.writeString(csv, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv, e);
        }
    }
}
