package dev.flexlex.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The targets table says met or not met for each measured figure and leaves out what was not measured. */
class TargetsTest {
    @Test
    void judgesOnlyMeasuredFigures() {
        Results results = new Results();
        results.add("1", "inboundWebhook CPU time", 20, "us/op", "");
        results.add("1", "processTurn CPU time", 60, "us/op", "");
        results.add("2", "ProcessBotTurnFunction cold start / hello-world", 2.6, "x", "");
        results.add("3", "(a)/(b) median, 1 chat", 1.5, "x", "");
        results.add("3", "(a)/(b) handler-JVM CPU per turn", 1.2, "x", "");
        BenchMain.targets(results);
        List<Results.Row> targets = results.rows().stream().filter(r -> r.section().startsWith("Targets")).toList();
        assertEquals(List.of("handler CPU inboundWebhook", "handler CPU processTurn",
                "cold start / hello-world ProcessBotTurnFunction", "(a)/(b) median, 1 chat",
                "(a)/(b) handler-JVM CPU per turn, 20 chats"), targets.stream().map(Results.Row::name).toList());
        assertEquals(List.of("met (target <= 50)", "NOT met (target <= 50)", "NOT met (target <= 2.50)",
                "met (target <= 1.50)", "met (target <= 1.50)"), targets.stream().map(Results.Row::note).toList());
    }
}
