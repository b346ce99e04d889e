package dev.flexlex.bench.cpu;

import dev.flexlex.bench.Events;
import dev.flexlex.bench.Results;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Section 1: {@link HandlerCpuBenchmark} under JMH with the GC profiler, kept short for a small shared machine. */
public final class CpuSection {
    public static final String SECTION = "1. Handler CPU per message (JMH, fakes for all I/O)";
    private static final String HOW = "JMH avgt, 1 fork, 3x1 s warmup, 3x1 s measure, 1 thread, log level WARN";

    private CpuSection() {
    }

    public static void run(Results results) {
        System.out.println("  JMH: 3 benchmarks, about 30 s...");
        Options options = new OptionsBuilder()
                .include(HandlerCpuBenchmark.class.getName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .threads(1)
                .timeUnit(TimeUnit.MICROSECONDS)
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT)
                // The handlers' own SLF4J provider (as in their jars), at LOG_LEVEL (bench.sh: WARN): no log I/O measured.
                .jvmArgsAppend("-Dbench.project=" + Events.projectDir(), "-Xmx512m",
                        "-Dslf4j.provider=dev.flexlex.logging.JsonLineServiceProvider")
                .build();
        Collection<RunResult> runs;
        try {
            runs = new Runner(options).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        }
        for (RunResult run : runs) {
            String method = run.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            Result<?> primary = run.getPrimaryResult();
            results.add(SECTION, method + " time", primary.getScore(), "us/op",
                    String.format(java.util.Locale.ROOT, "%s; error +-%.2f", HOW, primary.getScoreError()));
            Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            results.add(SECTION, method + " allocation", alloc == null ? Double.NaN : alloc.getScore(), "B/op",
                    "JMH -prof gc (gc.alloc.rate.norm)");
        }
        cpuTime(results);
    }

    /** {@link CpuTimeLoop} in its own JVM: CPU microseconds per operation, immune to being descheduled. */
    private static void cpuTime(Results results) {
        int warmup = 30_000;
        int measured = 30_000;
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-Dbench.project=" + Events.projectDir(),
                    "-Dslf4j.provider=dev.flexlex.logging.JsonLineServiceProvider",
                    "-cp", System.getProperty("java.class.path"), CpuTimeLoop.class.getName(),
                    Integer.toString(warmup), Integer.toString(measured)).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("CpuTimeLoop failed: " + out);
            }
            for (String line : out.split("\\R")) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && !parts[0].equals("sink") && parts[1].matches("[0-9.]+")) {
                    results.add(SECTION, parts[0] + " CPU time", Double.parseDouble(parts[1]), "us/op",
                            "thread CPU clock, " + measured + " ops after " + warmup + " warm-up, own JVM; target <= 50");
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
