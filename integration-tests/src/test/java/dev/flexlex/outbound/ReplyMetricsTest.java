package dev.flexlex.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.chat.ConversationsChatPlatform;
import dev.flexlex.chat.HandoffRouting;
import dev.flexlex.chat.ProgrammableChatPlatform;
import dev.flexlex.logging.StdoutCapture;
import dev.flexlex.metrics.BridgeMetrics;
import dev.flexlex.metrics.EmfLines;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
import dev.flexlex.retry.Retry;
import dev.flexlex.it.twilio.LocalTwilio;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metrics of outbound-chat-handler, as the EMF lines the function writes, against a fake Twilio. */
class ReplyMetricsTest {
    static final Instant RECEIVED = Instant.parse("2026-12-05T23:00:00Z");
    static final Instant POSTED = RECEIVED.plusMillis(842);

    LocalTwilio twilio;
    String conv;
    String channel;
    String service;
    HandoffRouting routing;
    final List<String> lines = new ArrayList<>();

    @BeforeEach
    void start() {
        twilio = LocalTwilio.start();
        service = twilio.chatServiceSid();
        routing = new HandoffRouting(twilio.workspaceSid(), twilio.workflowSid(), "chat");
        conv = twilio.addConversation("{}");
        twilio.addWebhook(conv, "https://bot.example/webhook");
        channel = twilio.addChannel("{\"status\":\"ACTIVE\"}");
        twilio.addWebhook(channel, "https://bot.example/webhook");
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), twilio.contractViolations());
        twilio.close();
    }

    private BotReplyHandler handler(BridgeMetrics metrics) {
        Retry noWait = new Retry(3, Duration.ZERO, 2, Duration.ZERO, d -> { });
        return new BotReplyHandler(new BotReplyService(Map.of(
                ChatPlatformKind.CONVERSATIONS, new ReplyDelivery(
                        new ConversationsChatPlatform(twilio.client(), "bot", null, routing), noWait,
                        HandoffPolicy.DEFAULT, metrics),
                ChatPlatformKind.CHAT, new ReplyDelivery(
                        new ProgrammableChatPlatform(twilio.client(), service, "bot", null, routing), noWait,
                        HandoffPolicy.DEFAULT, metrics)),
                metrics, Clock.fixed(POSTED, ZoneOffset.UTC)));
    }

    private BotReplyHandler handler() {
        return handler(new BridgeMetrics("FlexLexBridge", Clock.fixed(POSTED, ZoneOffset.UTC), lines::add));
    }

    static BotReply reply(ChatPlatformKind platform, String chatSid, NextStep next, String... texts) {
        List<ReplyMessage> messages = new ArrayList<>();
        for (String text : texts) {
            messages.add(ReplyMessage.plainText(text));
        }
        return new BotReply(BotReply.SCHEMA_VERSION, platform, chatSid, "IM00000000000000000000000000000009", null,
                "OrderFlowers", "customer-42", null, messages, next, next == NextStep.AGENT ? "TalkToAgent" : null,
                Map.of(), next == NextStep.AGENT ? "agent intent TalkToAgent" : null).withReceivedAt(RECEIVED);
    }

    private static ObjectNode event(BotReply reply) {
        return SqsEvents.event(SqsEvents.message("m1", Json.write(reply), 1));
    }

    private List<JsonNode> documents() {
        return EmfLines.in(String.join("\n", lines));
    }

    @Test
    void aHandoffReplyThroughTheHandlersStreamEntryWritesItsLatencyFromTheCustomersMessage() throws Exception {
        BotReplyHandler handler = handler(new BridgeMetrics("FlexLexBridge", Clock.systemUTC(), dev.flexlex.logging.Stdout::line));
        String body = Json.mapper().writeValueAsString(Json.write(reply(ChatPlatformKind.CHAT, channel, NextStep.AGENT,
                "Getting you an agent now")));
        String event = "{\"Records\":[{\"messageId\":\"m1\",\"body\":" + body
                + ",\"attributes\":{\"ApproximateReceiveCount\":\"1\",\"MessageGroupId\":\"" + channel + "\"}}]}";
        Context context = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[]{Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> 60_000;
                    case "getAwsRequestId" -> "req-outbound";
                    default -> null;
                });
        ByteArrayOutputStream response = new ByteArrayOutputStream();

        String stdout = StdoutCapture.capture(() -> {
            try {
                handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), response, context);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertEquals("{\"batchItemFailures\":[]}", response.toString(StandardCharsets.UTF_8));
        assertEquals(1, twilio.tasks().size(), "handed off");
        List<JsonNode> emf = EmfLines.in(stdout);
        assertEquals(1, emf.size(), stdout);
        assertTrue(emf.get(0).get("ReplyLatency").asLong() > 0, "from the customer message's receipt: " + emf.get(0));
        assertEquals("chat", emf.get(0).get("Platform").asText());
        assertFalse(emf.get(0).has("HandoffFailures"));
        assertFalse(stdout.contains("Getting you an agent now"), "no message text on stdout");
    }

    @Test
    void latencyIsMeasuredFromTheWebhooksReceiptToTheReplyPosted() {
        SqsEvents.handle(handler(), event(reply(ChatPlatformKind.CONVERSATIONS, conv, NextStep.WAIT_FOR_MESSAGE, "What type?")), null);

        JsonNode line = documents().get(0);
        assertEquals(842, line.get("ReplyLatency").asLong());
        assertEquals("OrderFlowers", line.get("Bot").asText());
        assertFalse(line.has("RepliesSplit"));
    }

    @Test
    void aReplyPostedAsSeveralMessagesCountsAsSplitAndAClosedChatAsClosed() {
        SqsEvents.handle(handler(), event(reply(ChatPlatformKind.CONVERSATIONS, conv, NextStep.CLOSE_CHAT, "Thanks!", "Bye")), null);

        JsonNode line = documents().get(0);
        assertEquals(1, line.get("RepliesSplit").asInt());
        assertEquals(1, line.get("ChatsClosed").asInt());
        assertEquals(2, twilio.messages(conv).size());
    }

    @Test
    void aReplyFromBeforeTheReceiptTimeExistedHasNoLatency() {
        BotReply old = new BotReply(BotReply.SCHEMA_VERSION, ChatPlatformKind.CONVERSATIONS, conv,
                "IM00000000000000000000000000000009", null, "OrderFlowers", "customer-42", null,
                List.of(ReplyMessage.plainText("Hi")), NextStep.WAIT_FOR_MESSAGE, null, Map.of(), null);

        SqsEvents.handle(handler(), event(old), null);

        assertEquals(List.of(), lines, "nothing to measure from, nothing else to count");
        assertEquals(1, twilio.messages(conv).size());
    }

    @Test
    void twilioErrorsAreCountedByStatusEachAttempt() {
        twilio.failNext("POST", "/*/Messages", 503, false);
        SqsEvents.handle(handler(), event(reply(ChatPlatformKind.CONVERSATIONS, conv, NextStep.WAIT_FOR_MESSAGE, "What type?")), null);
        twilio.failNext("POST", "/*/Messages", 400, false);
        SqsEvents.handle(handler(), event(reply(ChatPlatformKind.CONVERSATIONS, conv, NextStep.WAIT_FOR_MESSAGE, "Again?")), null);

        List<JsonNode> emf = documents();
        assertEquals("503", emf.get(0).get("Status").asText());
        assertEquals(1, emf.get(0).get("TwilioErrors").asInt());
        assertTrue(emf.get(1).has("ReplyLatency"), "the retry got it through");
        assertEquals("400", emf.get(2).get("Status").asText());
        assertEquals(3, emf.size(), "a refused reply goes back to the queue: no latency " + lines);
    }

    @Test
    void aHandoffThatCannotCompleteCountsAsAFailure() {
        twilio.failNext("POST", "/*/Tasks", 400, false);

        SqsEvents.handle(handler(), event(reply(ChatPlatformKind.CHAT, channel, NextStep.AGENT, "Getting you an agent now")), null);

        List<JsonNode> emf = documents();
        JsonNode last = emf.get(emf.size() - 1);
        assertEquals(1, last.get("HandoffFailures").asInt(), lines.toString());
        assertTrue(emf.stream().anyMatch(d -> "400".equals(d.path("Status").asText())), lines.toString());
    }
}
