package dev.flexlex.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written results: every row in the JSON and under its section in the Markdown; a missing figure stays n/a. */
class ResultsTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryRowToJsonAndMarkdown() throws Exception {
        Results results = new Results();
        results.add("1. CPU", "inboundWebhook time", 12.345, "us/op", "JMH");
        results.add("1. CPU", "inboundWebhook allocation", Double.NaN, "B/op", "no gc profiler");
        results.add("2. Cold", "hello cold start", 653, "ms", "median | of 3");
        results.note("section latency failed: x");
        results.write(dir);

        JsonNode json = Json.mapper().readTree(Files.readString(dir.resolve("results.json")));
        assertEquals(3, json.path("rows").size());
        assertEquals(12.345, json.path("rows").path(0).path("value").asDouble());
        assertTrue(json.path("rows").path(1).path("value").isNull());
        assertTrue(json.path("machine").asText().contains("cores"));
        assertEquals("section latency failed: x", json.path("notes").path(0).asText());

        String md = Files.readString(dir.resolve("RESULTS.md"));
        assertTrue(md.contains("## 1. CPU\n"), md);
        assertTrue(md.contains("| inboundWebhook time | 12.3 | us/op | JMH |"), md);
        assertTrue(md.contains("| inboundWebhook allocation | n/a | B/op |"), md);
        assertTrue(md.contains("| hello cold start | 653 | ms | median \\| of 3 |"), md);
        assertTrue(md.indexOf("## 1. CPU") < md.indexOf("## 2. Cold"), md);
    }

    @Test
    void smallAmountsKeepThreeSignificantDigitsAndOthersKeepTheirFormat() {
        assertEquals("0.00529", Results.format(0.005291));
        assertEquals("0.0125", Results.format(0.012499));
        assertEquals("0", Results.format(0));
        assertEquals("0.75", Results.format(0.75));
        assertEquals("12.3", Results.format(12.345));
        assertEquals("734", Results.format(733.5));
    }
}
