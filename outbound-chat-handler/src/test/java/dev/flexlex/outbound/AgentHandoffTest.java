package dev.flexlex.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.chat.BridgeAttributes;
import dev.flexlex.chat.ChatMessage;
import dev.flexlex.chat.ChatPlatform;
import dev.flexlex.chat.ChatPlatformException;
import dev.flexlex.chat.Handoff;
import dev.flexlex.chat.HandoffState;
import dev.flexlex.chat.TransientChatException;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
import dev.flexlex.retry.Retry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The handoff step of {@link ReplyDelivery} over a scripted fake of our own {@link ChatPlatform}: the interaction is
 * confirmed, and a handoff that cannot complete gives the chat back to the bot and tells the customer, once.
 */
class AgentHandoffTest {
    static final String CHAT = "CH00000000000000000000000000000001";
    static final String TURN = "IM00000000000000000000000000000001";
    static final String NOTICE = "No agent right now, sorry.";

    /** A platform whose handoff calls follow a script; it records every call and keeps the posted messages. */
    static class ScriptedPlatform implements ChatPlatform {
        final List<String> calls = new ArrayList<>();
        final List<ChatMessage> posted = new ArrayList<>();
        final Deque<Object> handOffs = new ArrayDeque<>();
        final Deque<HandoffState> states = new ArrayDeque<>();
        final Deque<Optional<String>> finds = new ArrayDeque<>();
        final ChatPlatformKind kind;
        boolean webhookThere = true;

        ScriptedPlatform(ChatPlatformKind kind) {
            this.kind = kind;
        }

        @Override
        public ChatPlatformKind kind() {
            return kind;
        }

        @Override
        public ObjectNode fetchAttributes(String chatSid) {
            return Json.mapper().createObjectNode();
        }

        @Override
        public String postMessage(String chatSid, String body, String attributesJson) {
            calls.add("post " + body);
            posted.add(0, new ChatMessage("IM" + posted.size(), "bot", attributesJson));
            return "IM" + posted.size();
        }

        @Override
        public List<ChatMessage> recentMessages(String chatSid, int limit) {
            return List.copyOf(posted);
        }

        @Override
        public boolean removeBotWebhook(String chatSid, String webhookSid) {
            calls.add("removeWebhook");
            boolean was = webhookThere;
            webhookThere = false;
            return was;
        }

        @Override
        public Optional<String> findHandoff(String chatSid) {
            calls.add("findHandoff");
            return finds.isEmpty() ? Optional.empty() : finds.poll();
        }

        @Override
        public String handOff(String chatSid, Handoff handoff) {
            calls.add("handOff");
            Object next = handOffs.poll();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return next == null ? "KD1" : (String) next;
        }

        @Override
        public HandoffState handoffState(String chatSid, String handoffSid) {
            calls.add("state " + handoffSid);
            return states.isEmpty() ? HandoffState.ACTIVE : states.poll();
        }

        @Override
        public boolean restoreBot(String chatSid) {
            calls.add("restoreBot");
            boolean was = webhookThere;
            webhookThere = true;
            return !was;
        }

        @Override
        public void close(String chatSid, String webhookSid) {
            calls.add("close");
        }
    }

    static BotReply reply(ChatPlatformKind kind) {
        return new BotReply(BotReply.SCHEMA_VERSION, kind, CHAT, TURN, "WH00000000000000000000000000000001",
                "OrderFlowers", "customer-42", "Ada", List.of(ReplyMessage.plainText("Getting you an agent")),
                NextStep.AGENT, "TalkToAgent", Map.of(), "agent intent");
    }

    final List<Duration> pauses = new ArrayList<>();
    final HandoffPolicy policy = new HandoffPolicy(Duration.ofSeconds(1), Duration.ofMillis(250), NOTICE);

    ReplyDelivery delivery(ScriptedPlatform platform) {
        return new ReplyDelivery(platform, new Retry(3, Duration.ofMillis(200), 2, Duration.ofSeconds(2), pauses::add),
                policy);
    }

    @Test
    void aChannelStillInSetupIsPolledUntilActive() {
        ScriptedPlatform platform = new ScriptedPlatform(ChatPlatformKind.CONVERSATIONS);
        platform.states.addAll(List.of(HandoffState.SETTING_UP, HandoffState.SETTING_UP, HandoffState.ACTIVE));

        assertEquals(ReplyDelivery.Outcome.DELIVERED, delivery(platform).deliver(reply(ChatPlatformKind.CONVERSATIONS), false));

        assertEquals(List.of("post Getting you an agent", "removeWebhook", "findHandoff", "handOff", "state KD1",
                "state KD1", "state KD1"), platform.calls);
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(250)), pauses);
        assertEquals(false, platform.webhookThere);
    }

    @Test
    void aFailedChannelGivesTheChatBackToTheBotAndTellsTheCustomer() {
        ScriptedPlatform platform = new ScriptedPlatform(ChatPlatformKind.CONVERSATIONS);
        platform.states.add(HandoffState.failed("interaction channel UO1 failed (Twilio code 20500)"));

        assertEquals(ReplyDelivery.Outcome.HANDOFF_FAILED,
                delivery(platform).deliver(reply(ChatPlatformKind.CONVERSATIONS), false));

        assertEquals(List.of("post Getting you an agent", "removeWebhook", "findHandoff", "handOff", "state KD1",
                "restoreBot", "post " + NOTICE), platform.calls, "restored before the customer is told");
        assertTrue(platform.webhookThere);
        assertTrue(BridgeAttributes.isNotice(platform.posted.get(0).attributes(), TURN, BridgeAttributes.HANDOFF_FAILED));
    }

    @Test
    void aRefusedCreateOnEitherPlatformGivesTheChatBackWithoutRetrying() {
        for (ChatPlatformKind kind : ChatPlatformKind.values()) {
            ScriptedPlatform platform = new ScriptedPlatform(kind);
            platform.handOffs.add(new ChatPlatformException("create failed with HTTP 400 (Twilio code 20001)", 400, null));

            assertEquals(ReplyDelivery.Outcome.HANDOFF_FAILED, delivery(platform).deliver(reply(kind), false));

            assertEquals(List.of("post Getting you an agent", "removeWebhook", "findHandoff", "handOff", "restoreBot",
                    "post " + NOTICE), platform.calls, kind.wireName());
            assertTrue(platform.webhookThere);
        }
        assertEquals(List.of(), pauses, "a 4xx is not retried");
    }

    @Test
    void transientFailuresAreRetriedThenTheHandoffCompletes() {
        ScriptedPlatform platform = new ScriptedPlatform(ChatPlatformKind.CHAT);
        platform.handOffs.add(new TransientChatException("create task failed with HTTP 503", 503, null));
        platform.handOffs.add("WT1");

        assertEquals(ReplyDelivery.Outcome.DELIVERED, delivery(platform).deliver(reply(ChatPlatformKind.CHAT), false));

        assertEquals(List.of("post Getting you an agent", "removeWebhook", "findHandoff", "handOff",
                "removeWebhook", "findHandoff", "handOff", "state WT1"), platform.calls);
        assertEquals(List.of(Duration.ofMillis(200)), pauses);
    }

    @Test
    void aCreateThatFailedTransientlyIsLookedForBeforeAnotherIsMade() {
        ScriptedPlatform platform = new ScriptedPlatform(ChatPlatformKind.CONVERSATIONS);
        platform.handOffs.add(new TransientChatException("create interaction failed with HTTP 500", 500, null));
        platform.finds.addAll(List.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("WT7")));

        assertEquals(ReplyDelivery.Outcome.DELIVERED,
                delivery(platform).deliver(reply(ChatPlatformKind.CONVERSATIONS), false));

        assertEquals(1, platform.calls.stream().filter("handOff"::equals).count(), "no second interaction");
        assertTrue(platform.calls.contains("state WT7"));
    }

    @Test
    void retriesUsedUpGiveTheChatBackToTheBot() {
        ScriptedPlatform platform = new ScriptedPlatform(ChatPlatformKind.CONVERSATIONS);
        for (int i = 0; i < 20; i++) {
            platform.states.add(HandoffState.SETTING_UP);
        }
        platform.finds.addAll(List.of(Optional.empty(), Optional.of("KD1"), Optional.of("KD1")));

        assertEquals(ReplyDelivery.Outcome.HANDOFF_FAILED,
                delivery(platform).deliver(reply(ChatPlatformKind.CONVERSATIONS), false));

        assertEquals(1, platform.calls.stream().filter("handOff"::equals).count());
        assertEquals(List.of("restoreBot", "post " + NOTICE), platform.calls.subList(platform.calls.size() - 2,
                platform.calls.size()));
    }

    @Test
    void aTransientFailureOutsideTheHandoffStillEndsInTheQueueRetry() {
        ScriptedPlatform platform = new ScriptedPlatform(ChatPlatformKind.CONVERSATIONS) {
            @Override
            public boolean removeBotWebhook(String chatSid, String webhookSid) {
                throw new TransientChatException("delete webhook failed with HTTP 503", 503, null);
            }

            @Override
            public boolean restoreBot(String chatSid) {
                throw new TransientChatException("list webhooks failed with HTTP 503", 503, null);
            }
        };

        assertThrows(TransientChatException.class,
                () -> delivery(platform).deliver(reply(ChatPlatformKind.CONVERSATIONS), false),
                "Twilio still down when giving back: the reply fails and SQS delivers it again");
    }

    @Test
    void aRedeliveryAfterTheChatWasGivenBackDoesNotTryAgainNorTellTwice() {
        ScriptedPlatform platform = new ScriptedPlatform(ChatPlatformKind.CONVERSATIONS);
        platform.states.add(HandoffState.failed("failed"));
        ReplyDelivery delivery = delivery(platform);
        delivery.deliver(reply(ChatPlatformKind.CONVERSATIONS), false);
        platform.calls.clear();

        assertEquals(ReplyDelivery.Outcome.HANDOFF_FAILED, delivery.deliver(reply(ChatPlatformKind.CONVERSATIONS), true));

        assertEquals(List.of(), platform.calls, "the part is there, the notice is the mark: nothing repeated");
        assertTrue(platform.webhookThere);
    }

    @Test
    void givingBackWhenTheNoticeIsAlreadyThereOnlyRestores() {
        ScriptedPlatform platform = new ScriptedPlatform(ChatPlatformKind.CHAT);
        platform.postMessage(CHAT, NOTICE, Json.write(BridgeAttributes.noticeTag(TURN, BridgeAttributes.HANDOFF_FAILED)));
        platform.calls.clear();
        AgentHandoff handoff = new AgentHandoff(platform, policy, pauses::add);

        handoff.giveUp(reply(ChatPlatformKind.CHAT), new ChatPlatformException("x"));

        assertEquals(List.of("restoreBot"), platform.calls);
    }

    @Test
    void aPolicyNeedsANotice() {
        assertThrows(IllegalArgumentException.class, () -> policy.withFailureNotice(" "));
        assertEquals(4, policy.pollsAfterFirst());
    }
}
