package dev.flexlex.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.flexlex.chat.ConversationsChatPlatform;
import dev.flexlex.chat.HandoffRouting;
import dev.flexlex.chat.ProgrammableChatPlatform;
import dev.flexlex.it.twilio.LocalTwilio;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
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
        ReplyDelivery.RetryPolicy noWait = new ReplyDelivery.RetryPolicy(3, Duration.ZERO, Duration.ZERO);
        handler = new BotReplyHandler(new BotReplyService(Map.of(
                ChatPlatformKind.CONVERSATIONS, new ReplyDelivery(
                        new ConversationsChatPlatform(twilio.client(), "bot", null, routing), noWait, d -> { }),
                ChatPlatformKind.CHAT, new ReplyDelivery(
                        new ProgrammableChatPlatform(twilio.client(), service, "bot", null, routing), noWait, d -> { }))));
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), twilio.contractViolations());
        twilio.close();
    }

    /** The events file with its SIDs replaced by the local Flex's. */
    String eventText(String file) throws java.io.IOException {
        String text = java.nio.file.Files.readString(SqsEvents.eventsDir().resolve(file));
        for (Map.Entry<String, String> sid : sids.entrySet()) {
            text = text.replace(sid.getKey(), sid.getValue());
        }
        return text;
    }

    SQSEvent event(String file) {
        try {
            return SqsEvents.of(Json.mapper().readTree(eventText(file)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read events/" + file, e);
        }
    }

    static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
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
        SQSBatchResponse response = handler.handle(event("sqs-bot-replies.json"), null);

        assertEquals(List.of(), failures(response));
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
        SQSEvent event = event("sqs-bot-replies.json");
        event.getRecords().forEach(r -> r.setAttributes(Map.of("ApproximateReceiveCount", "2")));
        handler.handle(event, null);

        SQSBatchResponse again = handler.handle(event, null);

        assertEquals(List.of(), failures(again));
        assertEquals(1, twilio.messages(conv).size());
        assertEquals(1, twilio.messages(channel).size());
        assertEquals(1, twilio.tasks().size());
    }

    @Test
    void aFailureStopsTheFifoBatchAndReportsItAndEveryLaterMessage() {
        twilio.failNext("POST", "/*/Messages", 400, false);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(
                SqsEvents.message("m1", reply("first"), 1),
                SqsEvents.message("m2", reply("second"), 1),
                SqsEvents.message("m3", reply("third"), 1)));

        SQSBatchResponse response = handler.handle(event, null);

        assertEquals(List.of("m1", "m2", "m3"), failures(response));
        assertEquals(List.of(), twilio.messages(conv), "nothing after the failure was attempted");
    }

    @Test
    void aFailureInTheMiddleKeepsTheEarlierMessagesDone() {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(
                SqsEvents.message("m1", reply("first"), 1),
                SqsEvents.message("m2", "{\"schemaVersion\":2}", 1),
                SqsEvents.message("m3", reply("third"), 1)));

        SQSBatchResponse response = handler.handle(event, null);

        assertEquals(List.of("m2", "m3"), failures(response));
        assertEquals(1, twilio.messages(conv).size());
    }

    @Test
    void aReplyForAChatThatIsGoneIsDroppedNotRetried() {
        twilio.removeChat(conv);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(SqsEvents.message("m1", reply("hello"), 1)));

        assertEquals(List.of(), failures(handler.handle(event, null)));
    }

    @Test
    void aReplyForAPlatformThisDeploymentCannotReachFails() {
        BotReplyHandler conversationsOnly = new BotReplyHandler(new BotReplyService(Map.of(
                ChatPlatformKind.CONVERSATIONS, new ReplyDelivery(
                        new ConversationsChatPlatform(twilio.client(), "bot", null, routing)))));

        SQSBatchResponse response = conversationsOnly.handle(event("sqs-bot-replies.json"), null);

        assertEquals(List.of("0c6a8d4e-1f1b-4c1e-9d2a-000000000005"), failures(response));
        assertEquals(List.of(), twilio.messages(channel));
    }

    @Test
    void aReplyMarkedAsAPossibleRepeatIsCheckedAgainstTheChatEvenOnItsFirstReceive() {
        // The turn came back to process-bot-turn after SQS's 5-minute deduplication window: its second BotReply is
        // a new message (receive 1) on the outbound queue, for a reply the chat already shows.
        SQSEvent first = new SQSEvent();
        first.setRecords(List.of(SqsEvents.message("m1", reply("hello"), 1)));
        handler.handle(first, null);
        SQSEvent repeat = new SQSEvent();
        repeat.setRecords(List.of(SqsEvents.message("m2",
                Json.write(Json.readBotReply(reply("hello")).asPossibleRepeat()), 1)));

        SQSBatchResponse response = handler.handle(repeat, null);

        assertEquals(List.of(), failures(response));
        assertEquals(1, twilio.messages(conv).size(), "posted once");
    }

    @Test
    void repliesThatMightNotFinishBeforeTheTimeoutAreLeftForTheNextDelivery() {
        long[] remaining = {BotReplyHandler.RESERVE_MILLIS + 1_000};
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
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(
                SqsEvents.message("m1", reply("first"), 1),
                SqsEvents.message("m2", reply("second"), 1)));

        SQSBatchResponse response = handler.handle(event, context);

        assertEquals(List.of("m2"), failures(response));
        assertEquals(List.of("first"), twilio.messages(conv).stream().map(LocalTwilio.StoredMessage::body).toList());
    }

    @Test
    void anEmptyEventIsAnEmptyResponse() {
        assertEquals(List.of(), failures(handler.handle(new SQSEvent(), null)));
    }

    String reply(String text) {
        List<ReplyMessage> messages = new ArrayList<>(List.of(ReplyMessage.plainText(text)));
        return Json.write(new BotReply(BotReply.SCHEMA_VERSION, ChatPlatformKind.CONVERSATIONS, conv,
                "IM0000000000000000000000000000000" + text.length(), null, "OrderFlowers", "customer-42", null,
                messages, NextStep.WAIT_FOR_MESSAGE, null, Map.of(), null));
    }
}
