package dev.flexlex.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Every figure of one run, with the machine it ran on; printed as one table and written as JSON and Markdown. */
public final class Results {
    /** One figure: {@code section} groups rows in the table; {@code note} says how it was measured. */
    public record Row(String section, String name, double value, String unit, String note) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Instant started = Instant.now();
    private Instant finished;
    private final double loadAtStart = loadAverage();
    private String machine;

    public void add(String section, String name, double value, String unit, String note) {
        rows.add(new Row(section, name, value, unit, note == null ? "" : note));
        System.out.printf(Locale.ROOT, "  %-58s %12s %-8s %s%n", name, format(value), unit, note == null ? "" : note);
    }

    /** A remark printed under the table (what was skipped, why). */
    public void note(String text) {
        notes.add(text);
        System.out.println("  note: " + text);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public double value(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).mapToDouble(Row::value).findFirst().orElse(Double.NaN);
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (Math.abs(value) < 0.1) {
            // Small amounts (a cost per 1,000 turns) keep three significant digits instead of reading as 0.00.
            return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    String machine() {
        long memoryMb = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memoryMb = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave unknown
        }
        return String.format(Locale.ROOT, "%d cores, %s MB memory, %s %s (%s), %s %s; load average %.1f at start, %.1f at end",
                Runtime.getRuntime().availableProcessors(), memoryMb < 0 ? "?" : Long.toString(memoryMb),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"),
                loadAtStart, loadAverage());
    }

    /**
     * Rewrites {@code RESULTS.md} of {@code dir} from its {@code results.json} (e.g. after a change of layout),
     * keeping the run's figures, time and machine. Usage: {@code Results <dir>}.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        com.fasterxml.jackson.databind.JsonNode json = Json.mapper().readTree(Files.readString(dir.resolve("results.json")));
        Results results = new Results();
        results.started = Instant.parse(json.path("started").asText());
        results.finished = Instant.parse(json.path("finished").asText());
        results.machine = json.path("machine").asText();
        for (com.fasterxml.jackson.databind.JsonNode row : json.path("rows")) {
            results.rows.add(new Row(row.path("section").asText(), row.path("name").asText(),
                    row.path("value").isNull() ? Double.NaN : row.path("value").asDouble(), row.path("unit").asText(),
                    row.path("note").asText()));
        }
        json.path("notes").forEach(n -> results.notes.add(n.asText()));
        results.write(dir);
    }

    public void write(Path dir) {
        write(dir, "results", "# Benchmark results", "`./bench.sh`");
    }

    /** Writes {@code <name>.json} and {@code <NAME>.md} in {@code dir}, the Markdown under {@code title}. */
    public void write(Path dir, String name, String title, String producedBy) {
        String machine = this.machine != null ? this.machine : machine();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("started", started.toString());
        root.put("finished", (finished != null ? finished : Instant.now()).toString());
        root.put("machine", machine);
        ArrayNode array = root.putArray("rows");
        for (Row row : rows) {
            ObjectNode node = array.addObject();
            node.put("section", row.section());
            node.put("name", row.name());
            if (Double.isNaN(row.value())) {
                node.putNull("value");
            } else {
                node.put("value", row.value());
            }
            node.put("unit", row.unit());
            node.put("note", row.note());
        }
        root.putArray("notes").addAll(notes.stream().map(n -> root.textNode(n)).toList());
        StringBuilder md = new StringBuilder();
        md.append(title).append("\n\n");
        md.append("Produced by ").append(producedBy).append(" (see the README's Performance section); ").append(started).append(".\n\n");
        md.append("Machine: ").append(machine).append(".\n\n");
        // Numbered sections in their order, then the others; each with all its figures (rows may come interleaved).
        for (String section : rows.stream().map(Row::section).distinct()
                .sorted(java.util.Comparator.comparing(t -> Character.isDigit(t.charAt(0)) ? t : "~" + t)).toList()) {
            md.append("\n## ").append(section).append("\n\n| figure | value | unit | how |\n|---|---:|---|---|\n");
            for (Row row : rows) {
                if (row.section().equals(section)) {
                    md.append("| ").append(row.name()).append(" | ").append(format(row.value())).append(" | ")
                            .append(row.unit()).append(" | ").append(row.note().replace("|", "\\|")).append(" |\n");
                }
            }
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".json"),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
            Files.writeString(dir.resolve(name.toUpperCase(Locale.ROOT) + ".md"), md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir, e);
        }
    }
}
