package dev.flexlex.bench.cpu;

import dev.flexlex.bench.Events;
import dev.flexlex.bench.Results;
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
    }
}
