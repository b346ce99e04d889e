package dev.flexlex.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.chat.ConversationsChatPlatform;
import dev.flexlex.chat.HandoffRouting;
import dev.flexlex.chat.ProgrammableChatPlatform;
import dev.flexlex.it.twilio.LocalTwilio;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
import dev.flexlex.retry.Retry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler over the real adapters and twilio-java, against the local Flex (requests checked against Twilio's
 * specs), fed the SQS events of {@code events/} with their chat and webhook SIDs replaced by the local Flex's.
 */
class BotReplyHandlerTest {
    LocalTwilio twilio;
    String conv;
    String channel;
    String service;
    /** The SIDs the events name → the local Flex's. */
    Map<String, String> sids;
    HandoffRouting routing;
    BotReplyHandler handler;

    @BeforeEach
    void start() {
        twilio = LocalTwilio.start();
        service = twilio.chatServiceSid();
        routing = new HandoffRouting(twilio.workspaceSid(), twilio.workflowSid(), "chat");
        conv = twilio.addConversation("{}");
        String convWebhook = twilio.addWebhook(conv, "https://bot.example/webhook");
        channel = twilio.addChannel("{\"status\":\"ACTIVE\"}");
        String channelWebhook = twilio.addWebhook(channel, "https://bot.example/webhook");
        sids = Map.of("CH00000000000000000000000000000001", conv, "WH00000000000000000000000000000001", convWebhook,
                "CH00000000000000000000000000000002", channel, "WH00000000000000000000000000000002", channelWebhook);
        Retry noWait = new Retry(3, Duration.ZERO, 2, Duration.ZERO, d -> { });
        handler = new BotReplyHandler(new BotReplyService(Map.of(
                ChatPlatformKind.CONVERSATIONS, new ReplyDelivery(
                        new ConversationsChatPlatform(twilio.client(), "bot", null, routing), noWait),
                ChatPlatformKind.CHAT, new ReplyDelivery(
                        new ProgrammableChatPlatform(twilio.client(), service, "bot", null, routing), noWait))));
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), twilio.contractViolations());
        twilio.close();
    }

    /** The events file with its SIDs replaced by the local Flex's. */
    String eventText(String file) throws java.io.IOException {
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("..", "events", file));
        for (Map.Entry<String, String> sid : sids.entrySet()) {
            text = text.replace(sid.getKey(), sid.getValue());
        }
        return text;
    }

    ObjectNode event(String file) {
        try {
            return (ObjectNode) Json.mapper().readTree(eventText(file));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read events/" + file, e);
        }
    }

    @Test
    void lambdasStreamEntryPointTakesTheEventFileAndWritesThePartialBatchResponse() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        handler.handleRequest(new java.io.ByteArrayInputStream(
                eventText("sqs-bot-replies.json").getBytes(java.nio.charset.StandardCharsets.UTF_8)), out, null);

        assertEquals("{\"batchItemFailures\":[]}", out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(1, twilio.messages(conv).size());
        assertEquals(1, twilio.tasks().size());
    }

    @Test
    void theEventsBatchPostsTheQuestionAndHandsTheSecondChatToAnAgent() {
        List<String> response = SqsEvents.handle(handler, event("sqs-bot-replies.json"), null);

        assertEquals(List.of(), response);
        assertEquals(1, twilio.messages(conv).size());
        assertEquals("bot", twilio.messages(conv).get(0).author());
        assertEquals(1, twilio.messages(channel).size());
        assertEquals(1, twilio.tasks().size());
        assertEquals(channel, FakeTwilioAttributes.field(twilio.tasks().get(0).path("attributes").asText(), "channelSid"));
        assertEquals(List.of(), twilio.webhooks(channel));
        assertTrue(twilio.requestLines().get(1).startsWith("GET chat/"),
                "the redelivered record (receive count 2) reads the channel's messages before posting");
    }

    @Test
    void theSameBatchDeliveredTwiceChangesNothingTheSecondTime() {
        ObjectNode event = event("sqs-bot-replies.json");
        event.path("Records").forEach(r -> ((ObjectNode) r).putObject("attributes").put("ApproximateReceiveCount", "2"));
        SqsEvents.handle(handler, event, null);

        List<String> again = SqsEvents.handle(handler, event, null);

        assertEquals(List.of(), again);
        assertEquals(1, twilio.messages(conv).size());
        assertEquals(1, twilio.messages(channel).size());
        assertEquals(1, twilio.tasks().size());
    }

    @Test
    void aFailureStopsTheFifoBatchAndReportsItAndEveryLaterMessage() {
        twilio.failNext("POST", "/*/Messages", 400, false);
        ObjectNode event = SqsEvents.event(
                SqsEvents.message("m1", reply("first"), 1),
                SqsEvents.message("m2", reply("second"), 1),
                SqsEvents.message("m3", reply("third"), 1));

        List<String> response = SqsEvents.handle(handler, event, null);

        assertEquals(List.of("m1", "m2", "m3"), response);
        assertEquals(List.of(), twilio.messages(conv), "nothing after the failure was attempted");
    }

    @Test
    void aFailureInTheMiddleKeepsTheEarlierMessagesDone() {
        ObjectNode event = SqsEvents.event(
                SqsEvents.message("m1", reply("first"), 1),
                SqsEvents.message("m2", "{\"schemaVersion\":2}", 1),
                SqsEvents.message("m3", reply("third"), 1));

        List<String> response = SqsEvents.handle(handler, event, null);

        assertEquals(List.of("m2", "m3"), response);
        assertEquals(1, twilio.messages(conv).size());
    }

    @Test
    void aReplyForAChatThatIsGoneIsDroppedNotRetried() {
        twilio.removeChat(conv);
        ObjectNode event = SqsEvents.event(SqsEvents.message("m1", reply("hello"), 1));

        assertEquals(List.of(), SqsEvents.handle(handler, event, null));
    }

    @Test
    void aReplyForAPlatformThisDeploymentCannotReachFails() {
        BotReplyHandler conversationsOnly = new BotReplyHandler(new BotReplyService(Map.of(
                ChatPlatformKind.CONVERSATIONS, new ReplyDelivery(
                        new ConversationsChatPlatform(twilio.client(), "bot", null, routing)))));

        List<String> response = SqsEvents.handle(conversationsOnly, event("sqs-bot-replies.json"), null);

        assertEquals(List.of("0c6a8d4e-1f1b-4c1e-9d2a-000000000005"), response);
        assertEquals(List.of(), twilio.messages(channel));
    }

    @Test
    void aReplyMarkedAsAPossibleRepeatIsCheckedAgainstTheChatEvenOnItsFirstReceive() {
        // The turn came back to process-bot-turn after SQS's 5-minute deduplication window: its second BotReply is
        // a new message (receive 1) on the outbound queue, for a reply the chat already shows.
        ObjectNode first = SqsEvents.event(SqsEvents.message("m1", reply("hello"), 1));
        SqsEvents.handle(handler, first, null);
        ObjectNode repeat = SqsEvents.event(SqsEvents.message("m2",
                Json.write(Json.readBotReply(reply("hello")).asPossibleRepeat()), 1));

        List<String> response = SqsEvents.handle(handler, repeat, null);

        assertEquals(List.of(), response);
        assertEquals(1, twilio.messages(conv).size(), "posted once");
    }

    @Test
    void repliesThatMightNotFinishBeforeTheTimeoutAreLeftForTheNextDelivery() {
        long[] remaining = {BotReplyService.RESERVE_MILLIS + 1_000};
        Context context = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[]{Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> {
                        long left = remaining[0];
                        remaining[0] -= 2_000;
                        yield (int) left;
                    }
                    case "getAwsRequestId" -> "req-1";
                    default -> null;
                });
        ObjectNode event = SqsEvents.event(
                SqsEvents.message("m1", reply("first"), 1),
                SqsEvents.message("m2", reply("second"), 1));

        List<String> response = SqsEvents.handle(handler, event, context);

        assertEquals(List.of("m2"), response);
        assertEquals(List.of("first"), twilio.messages(conv).stream().map(LocalTwilio.StoredMessage::body).toList());
    }

    @Test
    void anEmptyEventIsAnEmptyResponse() {
        assertEquals(List.of(), SqsEvents.handle(handler, SqsEvents.event(), null));
    }

    String reply(String text) {
        List<ReplyMessage> messages = new ArrayList<>(List.of(ReplyMessage.plainText(text)));
        return Json.write(new BotReply(BotReply.SCHEMA_VERSION, ChatPlatformKind.CONVERSATIONS, conv,
                "IM0000000000000000000000000000000" + text.length(), null, "OrderFlowers", "customer-42", null,
                messages, NextStep.WAIT_FOR_MESSAGE, null, Map.of(), null));
    }
}
