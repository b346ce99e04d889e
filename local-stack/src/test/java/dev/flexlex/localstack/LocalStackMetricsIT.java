package dev.flexlex.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexlex.localstack.testing.FlexHttp;
import dev.flexlex.localstack.testing.WebchatCustomer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The metric and log lines of a handoff turn as the shaded jars write them when the stack runs them the way Lambda
 * does (runtime interface client, the template's environment, stdout to the function's log): the lines CloudWatch
 * Logs would get.
 */
class LocalStackMetricsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = Path.of("target", "lambda-logs");

    @Test
    void aHandoffTurnWritesTurnsHandoffsAndReplyLatencyInEmfAndLogLinesWithTheInvocationsIds() throws Exception {
        long start = System.currentTimeMillis();
        try (LocalStack stack = LocalStack.start(StackOptions.defaults(Path.of("..")).withPortBase(0))) {
            WebchatCustomer customer = WebchatCustomer.open(new FlexHttp(stack.info()), stack.info(), "Metrics");
            customer.say("speak to an agent please");
            assertFalse(customer.awaitBotLines(1, 120_000).isEmpty(), "the bot answered");

            JsonNode turn = await(LocalStack.PROCESS, start, d -> d.has("Handoffs"));
            assertEquals(1, turn.get("Turns").asInt());
            assertEquals("AgentIntent", turn.get("Reason").asText());
            assertEquals("OrderFlowers", turn.get("Bot").asText());
            assertEquals("conversations", turn.get("Platform").asText());
            JsonNode reply = await(LocalStack.OUTBOUND, start, d -> d.has("ReplyLatency"));
            assertTrue(reply.get("ReplyLatency").asLong() >= 0, reply.toString());
            assertFalse(reply.has("HandoffFailures"), "the handoff completed: " + reply);
            for (JsonNode document : List.of(turn, reply)) {
                JsonNode directive = document.get("_aws").get("CloudWatchMetrics").get(0);
                assertEquals("FlexLexBridge", directive.get("Namespace").asText());
                assertFalse(document.toString().contains(customer.chatSid()), "no chat SID in a metric line");
            }

            JsonNode done = logLine(LocalStack.PROCESS, start, l -> l.path("message").asText().startsWith("turn done"))
                    .orElseThrow(() -> new AssertionError("no 'turn done' line in the process-bot-turn log"));
            assertEquals(LocalStack.PROCESS, done.get("functionName").asText());
            assertFalse(done.path("requestId").asText().isEmpty(), done.toString());
            assertTrue(done.path("xrayTraceId").asText().startsWith("1-"), "the invocation's trace root: " + done);
            assertTrue(done.has("coldStart"), done.toString());
            assertEquals(customer.chatSid(), done.get("chatSid").asText());
        }
    }

    /** The first EMF document of {@code function}'s logs since {@code since} matching {@code which}, waited for. */
    private static JsonNode await(String function, long since, Predicate<JsonNode> which) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Optional<JsonNode> found = lines(function).stream()
                    .filter(l -> l.has("_aws") && l.get("_aws").path("Timestamp").asLong() >= since)
                    .filter(which).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertTrue(System.currentTimeMillis() < deadline, "no such metric line of " + function + " within 60 s");
            Thread.sleep(250);
        }
    }

    private static Optional<JsonNode> logLine(String function, long since, Predicate<JsonNode> which) throws IOException {
        return lines(function).stream()
                .filter(l -> l.has("timestamp") && java.time.Instant.parse(l.get("timestamp").asText()).toEpochMilli() >= since)
                .filter(which).findFirst();
    }

    /** Every JSON line of the function's instance logs. */
    private static List<JsonNode> lines(String function) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(LOGS)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(function + "-")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("{")) {
                        try {
                            lines.add(JSON.readTree(line));
                        } catch (IOException notJson) {
                            // a line the runtime client wrote, not ours
                        }
                    }
                }
            }
        }
        return lines;
    }
}
