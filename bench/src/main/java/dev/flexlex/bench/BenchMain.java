package dev.flexlex.bench;

import dev.flexlex.bench.cold.ColdStartSection;
import dev.flexlex.bench.cpu.CpuSection;
import dev.flexlex.bench.latency.LatencySection;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every benchmark section in order and writes {@code bench/results/results.json} and {@code RESULTS.md}.
 * Usage: {@code BenchMain [section ...]} with sections {@code cpu cold latency} (default: all). Figures are printed;
 * nothing here is a test and nothing fails on speed.
 */
public final class BenchMain {
    static final List<String> ALL = List.of("cpu", "cold", "latency");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> sections = new LinkedHashSet<>(args.length == 0 ? ALL : List.of(args));
        for (String s : sections) {
            if (!ALL.contains(s)) {
                System.err.println("usage: BenchMain [" + String.join("|", ALL) + "]...  (unknown section '" + s + "')");
                System.exit(2);
            }
        }
        Path project = Events.projectDir();
        Results results = new Results();
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
                    case "cold" -> ColdStartSection.run(results, 3, 1000);
                    case "latency" -> LatencySection.run(results, 500, 20);
                    default -> throw new IllegalStateException(section);
                }
            } catch (Exception e) {
                results.note("section " + section + " failed: " + e);
                e.printStackTrace();
            }
        }
        Path out = project.resolve("bench").resolve("results");
        results.write(out);
        System.out.println("written: " + out.resolve("results.json") + " and " + out.resolve("RESULTS.md"));
    }
}
