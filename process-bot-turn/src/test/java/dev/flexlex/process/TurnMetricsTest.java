package dev.flexlex.process;

import static dev.flexlex.process.Fixtures.REGISTRY;
import static dev.flexlex.process.Fixtures.turn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.process.lex.LexRejectedException;
import dev.flexlex.process.lex.LexTransientException;
import dev.flexlex.logging.StdoutCapture;
import dev.flexlex.metrics.BridgeMetrics;
import dev.flexlex.metrics.EmfLines;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.queue.QueuePublishException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lexruntimev2.model.LexRuntimeV2Exception;

/** The metrics of process-bot-turn, as the EMF lines the function writes. */
class TurnMetricsTest {
    private final FakeLexGateway lex = new FakeLexGateway();
    private final RecordingPublisher outbound = new RecordingPublisher();
    private final List<Duration> slept = Fixtures.sleeps();
    private final List<String> lines = new ArrayList<>();
    private final BotTurnService service = new BotTurnService(REGISTRY, lex, outbound, new TurnPolicy(),
            Fixtures.recordingRetry(slept), TextForLex.DEFAULTS,
            new BridgeMetrics("FlexLexBridge", Clock.systemUTC(), lines::add));

    private List<JsonNode> documents() {
        return EmfLines.in(String.join("\n", lines));
    }

    /** The SQS event Lambda gives the function, as JSON, with one record of {@code turn}. */
    private static String sqsEvent(BotTurn turn) throws Exception {
        String body = Json.mapper().writeValueAsString(Json.write(turn));
        return "{\"Records\":[{\"messageId\":\"m1\",\"body\":" + body
                + ",\"attributes\":{\"ApproximateReceiveCount\":\"1\",\"MessageGroupId\":\"" + turn.chatSid() + "\"}}]}";
    }

    @Test
    void aHandoffTurnThroughTheHandlersStreamEntryWritesOneEmfLineWithTurnsAndHandoffsByReason() throws Exception {
        lex.answer("speak to an agent please", "TalkToAgent", "ReadyForFulfillment", "Getting you an agent now");
        BotTurn turn = turn("CH00000000000000000000000000000001", "IM00000000000000000000000000000001",
                "speak to an agent please");
        BotTurnHandler handler = new BotTurnHandler(new BotTurnService(REGISTRY, lex, outbound, new TurnPolicy(),
                Fixtures.recordingRetry(slept), TextForLex.DEFAULTS, BridgeMetrics.toStdout("FlexLexBridge")));
        ByteArrayOutputStream response = new ByteArrayOutputStream();

        String stdout = StdoutCapture.capture(() -> {
            try {
                handler.handleRequest(new ByteArrayInputStream(sqsEvent(turn).getBytes(StandardCharsets.UTF_8)),
                        response, new LambdaContext("req-handoff", () -> 60_000));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertEquals("{\"batchItemFailures\":[]}", response.toString(StandardCharsets.UTF_8));
        List<JsonNode> emf = EmfLines.in(stdout);
        assertEquals(1, emf.size(), stdout);
        JsonNode line = emf.get(0);
        assertEquals(1, line.get("Turns").asInt());
        assertEquals(1, line.get("Handoffs").asInt());
        assertEquals("AgentIntent", line.get("Reason").asText());
        assertEquals("OrderFlowers", line.get("Bot").asText());
        assertEquals("conversations", line.get("Platform").asText());
        assertFalse(line.has("UnrecognisedMessages"));
        assertFalse(stdout.contains("speak to an agent"), "no message text on stdout: " + stdout);
        // The log lines of the same invocation carry its request id (InvocationLog.begin at the top of handleRequest).
        JsonNode done = stdout.lines().filter(l -> l.contains("turn done")).map(TurnMetricsTest::tree).findFirst().orElseThrow();
        assertEquals("req-handoff", done.get("requestId").asText());
        assertTrue(done.has("coldStart"), done.toString());
        assertEquals(turn.receivedAt(), outbound.published.get(0).reply().receivedAt(),
                "the customer message's receipt time travels on to outbound for ReplyLatency");
    }

    @Test
    void anUnrecognisedMessageCountsAsOneAndTheSecondInARowAlsoAsAFallbackHandoff() {
        service.process(turn("CH1", "IM1", "blah"));
        service.process(turn("CH1", "IM2", "blah blah"));

        List<JsonNode> emf = documents();
        assertEquals(2, emf.size());
        assertEquals(1, emf.get(0).get("UnrecognisedMessages").asInt());
        assertFalse(emf.get(0).has("Handoffs"));
        assertEquals(1, emf.get(1).get("UnrecognisedMessages").asInt());
        assertEquals("FallbackLimit", emf.get(1).get("Reason").asText());
    }

    @Test
    void eachThrottledLexAttemptCountsAsAThrottleAndOtherFailuresAsErrors() {
        lex.failGetSession(new LexTransientException("throttled", LexRuntimeV2Exception.builder().statusCode(429).build()))
                .failRecognize(new LexTransientException("500", LexRuntimeV2Exception.builder().statusCode(500).build()));
        lex.answer("I want flowers", "OrderFlowers", "InProgress", "What type?");

        service.process(turn("CH1", "IM1", "I want flowers"));

        List<JsonNode> emf = documents();
        assertEquals(3, emf.size(), lines.toString());
        assertEquals(1, emf.get(0).get("LexThrottles").asInt());
        assertEquals(1, emf.get(1).get("LexErrors").asInt());
        assertEquals(1, emf.get(2).get("Turns").asInt());
    }

    @Test
    void aTurnThatGoesBackToTheQueueCountsAsReturnedAndNotAsATurn() {
        for (int i = 0; i < 10; i++) {
            lex.failGetSession(new LexTransientException("down " + i, null));
        }

        assertThrows(LexTransientException.class, () -> service.process(turn("CH1", "IM1", "hi")));

        List<JsonNode> emf = documents();
        assertEquals(1, emf.get(emf.size() - 1).get("TurnsReturnedToQueue").asInt());
        assertTrue(emf.stream().noneMatch(d -> d.has("Turns")), "not answered: not a turn");
        assertTrue(emf.stream().filter(d -> d.has("LexErrors")).count() >= 2, "each failed attempt: " + lines);
    }

    @Test
    void aReplyThatCannotBePublishedGoesBackToTheQueueCounted() {
        outbound.refuseNext = 1;

        assertThrows(QueuePublishException.class, () -> service.process(turn("CH1", "IM1", "hi")));

        assertEquals(1, documents().get(0).get("TurnsReturnedToQueue").asInt());
    }

    @Test
    void aRejectedRequestIsALexErrorAndAnUnavailableBotHandoff() {
        lex.failRecognize(new LexRejectedException("alias not found", null));

        service.process(turn("CH1", "IM1", "hi"));

        List<JsonNode> emf = documents();
        assertEquals(1, emf.get(0).get("LexErrors").asInt());
        assertEquals("BotUnavailable", emf.get(1).get("Reason").asText());
    }

    @Test
    void aChatWithoutABotIsCountedUnderBotNone() {
        service.process(new BotTurn(1, ChatPlatformKind.CHAT, "CH9", "IM9", null, "c", null, null, "hello",
                Instant.parse("2026-11-25T22:00:00Z")));

        JsonNode line = documents().get(0);
        assertEquals("none", line.get("Bot").asText());
        assertEquals("chat", line.get("Platform").asText());
        assertEquals("NoBot", line.get("Reason").asText());
    }

    private static JsonNode tree(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(line, e);
        }
    }
}
