package dev.flexlex.process;

import static dev.flexlex.process.Fixtures.turn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.logging.StdoutCapture;
import dev.flexlex.model.Json;
import dev.flexlex.process.lex.LexTransientException;
import dev.flexlex.queue.SqsEventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BotTurnHandlerTest {
    private final FakeLexGateway lex = new FakeLexGateway();
    private final RecordingPublisher outbound = new RecordingPublisher();
    private final List<Duration> slept = Fixtures.sleeps();
    private final BotTurnHandler handler = Fixtures.handler(lex, outbound, Fixtures.recordingRetry(slept));

    private static ObjectNode record(String messageId, String body) {
        return SqsEventJson.record(messageId, body, 1);
    }

    private static ObjectNode record(String messageId, String body, int receiveCount) {
        return SqsEventJson.record(messageId, body, receiveCount);
    }

    private static ObjectNode event(JsonNode... records) {
        return SqsEventJson.event(records);
    }

    /** The event through Lambda's entry point; the message ids reported as batch item failures. */
    private static List<String> handle(BotTurnHandler handler, ObjectNode event, Context context) {
        return SqsEventJson.failures((in, out) -> handler.handleRequest(in, out, context), event);
    }

    private List<String> publishedDedupIds() {
        return outbound.published.stream().map(RecordingPublisher.Published::dedupId).toList();
    }

    @Test
    void lambdasStreamEntryPointReadsTheSqsEventAndWritesThePartialBatchResponse() throws Exception {
        String body = Json.mapper().writeValueAsString(Json.write(turn("CH1", "IM1", "one")));
        String event = "{\"Records\":[{\"messageId\":\"m1\",\"body\":" + body
                + ",\"attributes\":{\"ApproximateReceiveCount\":\"1\",\"MessageGroupId\":\"CH1\"}}]}";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        handler.handleRequest(new java.io.ByteArrayInputStream(event.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                out, null);

        assertEquals("{\"batchItemFailures\":[]}", out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of("IM1"), publishedDedupIds());
    }

    @Test
    void aGoodBatchIsProcessedInOrderWithNoFailures() {
        List<String> response = handle(handler, event(
                record("m1", Json.write(turn("CH1", "IM1", "one"))),
                record("m2", Json.write(turn("CH2", "IM2", "two"))),
                record("m3", Json.write(turn("CH1", "IM3", "three")))), null);

        assertEquals(List.of(), response);
        assertEquals(List.of("IM1", "IM2", "IM3"), publishedDedupIds());
        assertEquals(List.of("one", "two", "three"), lex.recognized.stream().map(FakeLexGateway.Recognize::text).toList());
    }

    @Test
    void theFirstFailureAndEveryLaterRecordAreReportedAndLaterOnesAreNotTouched() {
        for (int i = 0; i < 4; i++) {
            lex.failRecognize(new LexTransientException("throttled", null));
        }

        List<String> response = handle(handler, event(
                record("m0", Json.write(turn("CH0", "IM0", "zero"))),
                record("m1", Json.write(turn("CH1", "IM1", "one"))),
                record("m2", Json.write(turn("CH2", "IM2", "two")))), null);

        // m0 used the 4 queued failures and failed: it and everything after it come back.
        assertEquals(List.of("m0", "m1", "m2"), response);
        assertEquals(List.of(), outbound.published);
        assertEquals(List.of(), lex.recognized);
        assertEquals(4, lex.calls.stream().filter(c -> c.startsWith("RecognizeText")).count());
        assertFalse(lex.calls.contains("GetSession CH1"));
    }

    @Test
    void aFailureInTheMiddleKeepsTheEarlierRecordsAcknowledged() {
        outbound.refuseNext = 0;
        ObjectNode first = record("m1", Json.write(turn("CH1", "IM1", "one")));
        ObjectNode second = record("m2", Json.write(turn("CH2", "IM2", "two")));
        ObjectNode third = record("m3", Json.write(turn("CH3", "IM3", "three")));
        PublisherFailingOn failing = new PublisherFailingOn("IM2");
        BotTurnHandler handlerWithFailingQueue = Fixtures.handler(lex, failing, Fixtures.recordingRetry(slept));

        List<String> response = handle(handlerWithFailingQueue, event(first, second, third), null);

        assertEquals(List.of("m2", "m3"), response);
        assertEquals(List.of("IM1"), failing.published);
        assertEquals(List.of("one", "two"), lex.recognized.stream().map(FakeLexGateway.Recognize::text).toList());
    }

    @Test
    void malformedRecordsAreReportedAndTheirBodiesNeverLogged() {
        String secret = "my card number is 4111";
        List<List<String>> responses = new ArrayList<>();
        String logged = StdoutCapture.capture(() -> {
            responses.add(handle(handler, event(
                    record("m1", Json.write(turn("CH1", "IM1", "one"))),
                    record("m2", "{\"text\": " + secret),
                    record("m3", Json.write(turn("CH3", "IM3", "three")))), null));
            responses.add(handle(handler, event(record("m4",
                    Json.write(turn("CH4", "IM4", secret)).replace("\"schemaVersion\":1", "\"schemaVersion\":2"))), null));
        });
        List<String> badJson = responses.get(0);
        List<String> futureVersion = responses.get(1);

        assertEquals(List.of("m2", "m3"), badJson);
        assertEquals(List.of("m4"), futureVersion);
        assertEquals(List.of("IM1"), publishedDedupIds());
        assertFalse(logged.contains("4111"), logged);
        assertTrue(logged.contains("\"sqsMessageId\":\"m2\""), logged);
        assertTrue(logged.contains("BotTurn schemaVersion 2 is not supported"), logged);
        for (String line : logged.split("\n")) {
            assertTrue(line.startsWith("{") && line.endsWith("}"), line);
        }
    }

    @Test
    void everyLogLineOfATurnCarriesItsIds() throws Exception {
        String[] lines = StdoutCapture.capture(() -> handle(handler,
                event(record("m1", Json.write(turn("CH1", "IM1", "customer words")))), null)).split("\n");
        assertTrue(lines.length >= 1 && !lines[0].isBlank(), String.join("\n", lines));
        for (String line : lines) {
            var node = Json.mapper().readTree(line);
            if (node.get("logger").asText().startsWith("dev.flexlex.process")) {
                assertEquals("CH1", node.get("chatSid").asText(), line);
                assertEquals("IM1", node.get("messageSid").asText(), line);
            }
            assertEquals("m1", node.get("sqsMessageId").asText(), line);
            assertFalse(line.contains("customer words"), line);
            assertFalse(line.contains("Ada"), line);
        }
    }

    @Test
    void turnsThatMightNotFinishBeforeTheTimeoutAreLeftForTheNextDelivery() {
        long[] remaining = {BotTurnService.RESERVE_MILLIS + 1_000};
        Context context = new LambdaContext("req-1", () -> remaining[0]);
        lex.answer("one", "Greeting", "Fulfilled", "Hi");
        outbound.onPublish = () -> remaining[0] -= 2_000;

        List<String> response = handle(handler, event(
                record("m1", Json.write(turn("CH1", "IM1", "one"))),
                record("m2", Json.write(turn("CH2", "IM2", "two")))), context);

        assertEquals(List.of("m2"), response);
        assertEquals(List.of("IM1"), publishedDedupIds());
        assertEquals(List.of("one"), lex.recognized.stream().map(FakeLexGateway.Recognize::text).toList());
    }

    @Test
    void aTurnSqsDeliveredBeforeGetsAReplyMarkedAsAPossibleRepeat() {
        // The first attempt may have published its reply and died before the turn was acknowledged; past SQS's
        // 5-minute deduplication window this reply is a new message, so outbound must check the chat first.
        List<String> response = handle(handler, event(
                record("m1", Json.write(turn("CH1", "IM1", "one")), 1),
                record("m2", Json.write(turn("CH2", "IM2", "two")), 2)), null);

        assertEquals(List.of(), response);
        assertEquals(List.of(false, true), outbound.published.stream().map(p -> p.reply().possibleRepeat()).toList());
    }

    @Test
    void theRequestIdIsInEveryLineOfTheInvocation() throws Exception {
        String[] lines = StdoutCapture.capture(() -> handle(handler,
                event(record("m1", Json.write(turn("CH1", "IM1", "hi")))),
                new LambdaContext("req-42", () -> 60_000))).split("\n");
        for (String line : lines) {
            assertEquals("req-42", Json.mapper().readTree(line).get("requestId").asText(), line);
        }
    }

    @Test
    void anEmptyEventHasNoFailures() {
        assertEquals(List.of(), handle(handler, Json.mapper().createObjectNode(), null));
    }

    /** A queue that refuses one message SID. */
    private static final class PublisherFailingOn implements dev.flexlex.queue.QueuePublisher {
        private final String refusedDedupId;
        final List<String> published = new ArrayList<>();

        PublisherFailingOn(String refusedDedupId) {
            this.refusedDedupId = refusedDedupId;
        }

        @Override
        public void publish(String groupId, String dedupId, Object record) {
            if (dedupId.equals(refusedDedupId)) {
                throw new dev.flexlex.queue.QueuePublishException("queue refused " + dedupId, null);
            }
            published.add(dedupId);
        }
    }
}
