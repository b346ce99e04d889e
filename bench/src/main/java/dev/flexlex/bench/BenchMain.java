package dev.flexlex.bench;

import dev.flexlex.bench.cold.ColdStartSection;
import dev.flexlex.bench.cpu.CpuSection;
import dev.flexlex.bench.latency.LatencySection;
import dev.flexlex.localstack.LocalStack;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every benchmark section in order and writes {@code bench/results/results.json} and {@code RESULTS.md}.
 * Usage: {@code BenchMain [section ...]} with sections {@code cpu cold latency flags} (default: all). Figures are printed;
 * nothing here is a test and nothing fails on speed.
 */
public final class BenchMain {
    static final List<String> ALL = List.of("cpu", "cold", "latency", "flags");

    private BenchMain() {
    }

    /**
     * The soak (not part of the default run): {@code SOAK_MINUTES} (default 30) at {@code SOAK_CHATS} chats (20),
     * figures per {@code SOAK_WINDOW_MINUTES} (5); writes {@code bench/results/soak.json}, {@code SOAK.md} and
     * {@code soak-memory.csv}, leaving the other sections' results alone.
     */
    static void soak() throws Exception {
        double minutes = positive("SOAK_MINUTES", 30);
        int chats = (int) positive("SOAK_CHATS", 20);
        double window = positive("SOAK_WINDOW_MINUTES", 5);
        Results results = new Results();
        if (!"WARN".equalsIgnoreCase(System.getenv("LOG_LEVEL"))) {
            results.note("LOG_LEVEL is not WARN: the handlers log every turn at INFO");
        }
        Path out = Events.projectDir().resolve("bench").resolve("results");
        System.out.println("== soak: " + minutes + " min at " + chats + " chats");
        dev.flexlex.bench.latency.SoakSection.run(results, out.resolve("soak-memory.csv"),
                java.time.Duration.ofMillis((long) (minutes * 60_000)), chats,
                java.time.Duration.ofMillis((long) (window * 60_000)), java.time.Duration.ofSeconds(30), 1_000);
        results.write(out, "soak", "# Soak results", "`./bench.sh soak`");
        System.out.println("written: " + out.resolve("soak.json") + ", SOAK.md and soak-memory.csv");
    }

    private static double positive(String variable, double fallback) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(value);
            if (d > 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        System.err.println(variable + " must be a positive number, got '" + value + "'");
        System.exit(2);
        return fallback;
    }

    /** Issue 17's targets against this run's figures (only those measured); (a)/(c) is reported, not a target. */
    static void targets(Results results) {
        String section = "Targets (issue 17) in this run";
        for (String op : List.of("inboundWebhook", "processTurn", "outboundHandoff")) {
            target(results, section, "handler CPU " + op, results.value(op + " CPU time"), 50, "us/op");
        }
        for (String fn : LocalStack.FUNCTIONS) {
            target(results, section, "cold start / hello-world " + fn, results.value(fn + " cold start / hello-world"), 2.5, "x");
        }
        target(results, section, "(a)/(b) median, 1 chat", results.value("(a)/(b) median, 1 chat"), 1.5, "x");
        target(results, section, "(a)/(b) handler-JVM CPU per turn, 20 chats",
                results.value("(a)/(b) handler-JVM CPU per turn"), 1.5, "x");
    }

    private static void target(Results results, String section, String name, double value, double limit, String unit) {
        if (!Double.isNaN(value)) {
            results.add(section, name, value, unit, (value <= limit ? "met" : "NOT met") + " (target <= "
                    + Results.format(limit) + ")");
        }
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).equals(List.of("soak"))) {
            soak();
            return;
        }
        Set<String> sections = new LinkedHashSet<>(args.length == 0 ? ALL : List.of(args));
        for (String s : sections) {
            if (!ALL.contains(s)) {
                System.err.println("usage: BenchMain [" + String.join("|", ALL) + "]...  or BenchMain soak  (unknown section '"
                        + s + "')");
                System.exit(2);
            }
        }
        Path project = Events.projectDir();
        Results results = new Results();
        // BENCH_QUICK=1: fewer repetitions, to check the harness (figures not for publishing).
        boolean quick = System.getenv("BENCH_QUICK") != null;
        if (quick) {
            results.note("BENCH_QUICK run: fewer repetitions and messages; not the published figures");
        }
        if (!"WARN".equalsIgnoreCase(System.getenv("LOG_LEVEL"))) {
            results.note("LOG_LEVEL is not WARN: the handlers' INFO log lines are part of the CPU figures");
        }
        for (String section : ALL) {
            if (!sections.contains(section)) {
                continue;
            }
            System.out.println("== " + section);
            try {
                switch (section) {
                    case "cpu" -> CpuSection.run(results);
                    case "cold" -> ColdStartSection.run(results, quick ? 1 : 5, quick ? 20 : 1000);
                    case "latency" -> LatencySection.run(results, quick ? 100 : 500, 20);
                    case "flags" -> dev.flexlex.bench.latency.FlagsSection.run(results, quick ? 1 : 3, quick ? 100 : 500);
                    default -> throw new IllegalStateException(section);
                }
            } catch (Exception e) {
                results.note("section " + section + " failed: " + e);
                e.printStackTrace();
            }
        }
        if (sections.contains("latency")) {
            CostSection.run(results, dev.flexlex.localstack.SamTemplate.read(project.resolve("template.yaml")));
        }
        targets(results);
        Path out = project.resolve("bench").resolve("results");
        results.write(out);
        System.out.println("written: " + out.resolve("results.json") + " and " + out.resolve("RESULTS.md"));
    }
}
