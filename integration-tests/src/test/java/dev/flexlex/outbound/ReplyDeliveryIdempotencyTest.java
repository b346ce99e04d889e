package dev.flexlex.outbound;

import static dev.flexlex.it.twilio.LocalTwilio.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flexlex.chat.ConversationsChatPlatform;
import dev.flexlex.chat.HandoffRouting;
import dev.flexlex.chat.ProgrammableChatPlatform;
import dev.flexlex.chat.TransientChatException;
import dev.flexlex.it.twilio.LocalTwilio;
import dev.flexlex.localflex.RecordedRequest;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
import dev.flexlex.retry.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivering the same reply again (our retry, or an SQS redelivery) never doubles a message, a webhook removal
 * or a handoff. Real twilio-java client against the local Flex; requests checked against the specs.
 */
class ReplyDeliveryIdempotencyTest {
    static final String TURN = "IM00000000000000000000000000000001";

    LocalTwilio twilio;
    String chat;
    String webhook;
    HandoffRouting routing;
    List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void start() {
        twilio = LocalTwilio.start();
        routing = new HandoffRouting(twilio.workspaceSid(), twilio.workflowSid(), "chat");
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), twilio.contractViolations());
        twilio.close();
    }

    ReplyDelivery conversations(int attempts) {
        chat = twilio.addConversation("{}");
        webhook = twilio.addWebhook(chat, "https://bot.example/webhook");
        return new ReplyDelivery(new ConversationsChatPlatform(twilio.client(), "bot", null, routing),
                new Retry(attempts, Duration.ofMillis(200), 2, Duration.ofSeconds(2), pauses::add));
    }

    ReplyDelivery chat(int attempts) {
        chat = twilio.addChannel("{\"status\":\"ACTIVE\"}");
        webhook = twilio.addWebhook(chat, "https://bot.example/webhook");
        return new ReplyDelivery(new ProgrammableChatPlatform(twilio.client(), twilio.chatServiceSid(), "bot", null, routing),
                new Retry(attempts, Duration.ofMillis(200), 2, Duration.ofSeconds(2), pauses::add));
    }

    BotReply reply(ChatPlatformKind platform, NextStep next, String... texts) {
        List<ReplyMessage> messages = new ArrayList<>();
        for (String text : texts) {
            messages.add(ReplyMessage.plainText(text));
        }
        return new BotReply(BotReply.SCHEMA_VERSION, platform, chat, TURN, webhook, "OrderFlowers", "customer-42",
                "Ada", messages, next, next == NextStep.AGENT ? "TalkToAgent" : "OrderFlowers",
                Map.of("FlowerType", "roses"), next == NextStep.AGENT ? "agent intent" : null);
    }

    List<String> bodies() {
        return twilio.messages(chat).stream().map(LocalTwilio.StoredMessage::body).toList();
    }

    @Test
    void postsEachPartTaggedWithTheTurnAndItsNumber() {
        ReplyDelivery delivery = conversations(3);

        assertEquals(ReplyDelivery.Outcome.DELIVERED,
                delivery.deliver(reply(ChatPlatformKind.CONVERSATIONS, NextStep.WAIT_FOR_MESSAGE, "a", "b"), false));

        assertEquals(List.of("a", "b"), bodies());
        var second = read(twilio.messages(chat).get(1).attributes()).path("flexLex");
        assertEquals(TURN, second.path("turn").asText());
        assertEquals(2, second.path("part").asInt());
        assertEquals(2, second.path("parts").asInt());
        assertEquals(2, twilio.requests().size(), "first delivery does not read the chat first");
    }

    @Test
    void aPartialPostThenARedeliveryShowsEachPartOnce() {
        ReplyDelivery delivery = conversations(1);
        twilio.fail("POST", "/*/Messages", 500, false, 1);
        BotReply reply = reply(ChatPlatformKind.CONVERSATIONS, NextStep.WAIT_FOR_MESSAGE, "a", "b", "c");

        assertThrows(TransientChatException.class, () -> delivery.deliver(reply, false));
        assertEquals(List.of("a"), bodies());

        delivery.deliver(reply, true);

        assertEquals(List.of("a", "b", "c"), bodies());
    }

    @Test
    void aServerErrorAfterThePostTookEffectIsRetriedWithoutADouble() {
        ReplyDelivery delivery = conversations(3);
        twilio.fail("POST", "/*/Messages", 500, true, 1);

        delivery.deliver(reply(ChatPlatformKind.CONVERSATIONS, NextStep.WAIT_FOR_MESSAGE, "a", "b", "c"), false);

        assertEquals(List.of("a", "b", "c"), bodies());
        assertEquals(List.of(Duration.ofMillis(200)), pauses);
        assertEquals(List.of("POST", "POST", "GET", "POST"),
                twilio.requests().stream().map(RecordedRequest::method).toList(),
                "retry reads the chat before posting the rest");
    }

    @Test
    void anInteractionCreatedDespiteA500IsNotCreatedAgain() {
        ReplyDelivery delivery = conversations(3);
        twilio.failNext("POST", "/flex-api/v1/Interactions", 500, true);

        delivery.deliver(reply(ChatPlatformKind.CONVERSATIONS, NextStep.AGENT, "Connecting you to an agent."), false);

        assertEquals(1, twilio.interactions().size());
        assertEquals(1, twilio.tasks().size());
        assertEquals(List.of("Connecting you to an agent."), bodies());
        assertEquals(List.of(), twilio.webhooks(chat));
    }

    @Test
    void aTaskCreatedDespiteA500IsNotCreatedAgain() {
        ReplyDelivery delivery = chat(3);
        twilio.failNext("POST", "/*/Tasks", 502, true);

        delivery.deliver(reply(ChatPlatformKind.CHAT, NextStep.AGENT, "Connecting you to an agent."), false);

        assertEquals(1, twilio.tasks().size());
        assertEquals(List.of("Connecting you to an agent."), bodies());
    }

    @Test
    void aRedeliveredHandoffFindsTheRecordedOneAndCreatesNothing() {
        ReplyDelivery delivery = chat(3);
        BotReply reply = reply(ChatPlatformKind.CHAT, NextStep.AGENT, "Connecting you to an agent.");
        delivery.deliver(reply, false);
        twilio.clearRequests();

        delivery.deliver(reply, true);

        assertEquals(1, twilio.tasks().size());
        assertEquals(1, bodies().size());
        assertEquals(List.of("GET", "GET", "GET", "GET", "GET"),
                twilio.requests().stream().map(RecordedRequest::method).toList(),
                "read messages (parts and any failure notice), webhook gone and none with its saved URL, handoff SID found");
    }

    @Test
    void aLateRedeliveryFindsItsPartsBehindEverythingTheChatSaidSince() {
        // The handoff reply was delivered, the function died before SQS heard of it, and by the time the reply comes
        // back the agent and the customer have exchanged more messages than the usual look-back.
        ReplyDelivery delivery = conversations(3);
        ConversationsChatPlatform platform = new ConversationsChatPlatform(twilio.client(), "bot", null, routing);
        String turn = platform.postMessage(chat, "I want a person", "{}");
        BotReply reply = new BotReply(BotReply.SCHEMA_VERSION, ChatPlatformKind.CONVERSATIONS, chat, turn, webhook,
                "OrderFlowers", "customer-42", "Ada", List.of(ReplyMessage.plainText("Getting you an agent now.")),
                NextStep.AGENT, "TalkToAgent", Map.of(), "agent intent");
        delivery.deliver(reply, false);
        for (int i = 0; i < ReplyDelivery.LOOKBACK + 10; i++) {
            platform.postMessage(chat, "message " + i, "{}");
        }

        assertEquals(ReplyDelivery.Outcome.DELIVERED, delivery.deliver(reply.asPossibleRepeat(), true));

        assertEquals(1, bodies().stream().filter("Getting you an agent now."::equals).count(), "posted once");
        assertEquals(1, twilio.interactions().size());
    }

    @Test
    void aWebhookAlreadyGoneDoesNotStopTheHandoff() {
        ReplyDelivery delivery = conversations(3);
        for (String sid : twilio.webhooks(chat)) {
            twilio.removeWebhook(chat, sid);
        }

        delivery.deliver(reply(ChatPlatformKind.CONVERSATIONS, NextStep.AGENT, "bye"), false);

        assertEquals(1, twilio.interactions().size());
    }

    @Test
    void aChatThatNoLongerExistsIsDropped() {
        ReplyDelivery delivery = conversations(3);
        twilio.removeChat(chat);

        assertEquals(ReplyDelivery.Outcome.CHAT_GONE,
                delivery.deliver(reply(ChatPlatformKind.CONVERSATIONS, NextStep.WAIT_FOR_MESSAGE, "a"), false));
        assertEquals(1, twilio.requests().size());
        assertEquals(List.of(), pauses);
    }

    @Test
    void closingChatsOnBothPlatforms() {
        conversations(1).deliver(reply(ChatPlatformKind.CONVERSATIONS, NextStep.CLOSE_CHAT, "Thanks!"), false);
        assertEquals("closed", twilio.state(chat));

        chat(1).deliver(reply(ChatPlatformKind.CHAT, NextStep.CLOSE_CHAT, "Thanks!"), false);
        assertEquals("INACTIVE", read(twilio.attributes(chat)).path("status").asText());
        assertEquals(List.of(), twilio.webhooks(chat));
    }

    @Test
    void transientFailuresOutlastingTheRetriesFailTheDelivery() {
        ReplyDelivery delivery = conversations(3);
        for (int i = 0; i < 3; i++) {
            twilio.failNext("POST", "/*/Messages", 503, false);
        }

        assertThrows(TransientChatException.class, () -> delivery.deliver(
                reply(ChatPlatformKind.CONVERSATIONS, NextStep.WAIT_FOR_MESSAGE, "a"), false));

        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), pauses);
        assertEquals(List.of(), bodies());
    }
}
