package dev.flexlex.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.chat.ChatMessage;
import dev.flexlex.chat.ChatPlatform;
import dev.flexlex.chat.ChatPlatformException;
import dev.flexlex.chat.Handoff;
import dev.flexlex.chat.TransientChatException;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
import dev.flexlex.retry.Retry;
import dev.flexlex.retry.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ReplyDelivery's rules over a fake of our own {@link ChatPlatform}. */
class ReplyDeliveryTest {
    static final String CHAT = "CH00000000000000000000000000000001";

    /** Records calls; fails the given calls with a transient error. */
    static final class FakePlatform implements ChatPlatform {
        final List<String> calls = new ArrayList<>();
        final List<ChatMessage> posted = new ArrayList<>();
        int failPosts;

        @Override
        public ChatPlatformKind kind() {
            return ChatPlatformKind.CONVERSATIONS;
        }

        @Override
        public ObjectNode fetchAttributes(String chatSid) {
            calls.add("fetch");
            return Json.mapper().createObjectNode();
        }

        @Override
        public String postMessage(String chatSid, String body, String attributesJson) {
            calls.add("post " + body);
            if (failPosts-- > 0) {
                throw new TransientChatException("boom", 503, null);
            }
            posted.add(0, new ChatMessage("IM" + posted.size(), "bot", attributesJson));
            return "IM" + posted.size();
        }

        @Override
        public List<ChatMessage> recentMessages(String chatSid, int limit) {
            calls.add("recent " + limit);
            return List.copyOf(posted);
        }

        @Override
        public boolean removeBotWebhook(String chatSid, String webhookSid) {
            calls.add("removeWebhook " + webhookSid);
            return true;
        }

        @Override
        public Optional<String> findHandoff(String chatSid) {
            calls.add("findHandoff");
            return Optional.empty();
        }

        @Override
        public String handOff(String chatSid, Handoff handoff) {
            calls.add("handOff " + handoff.botName() + " " + handoff.lastIntent() + " " + handoff.reason());
            return "KD1";
        }

        @Override
        public boolean restoreBot(String chatSid) {
            calls.add("restoreBot");
            return true;
        }

        @Override
        public void close(String chatSid, String webhookSid) {
            calls.add("close");
        }
    }

    static BotReply reply(ChatPlatformKind platform, NextStep next) {
        return new BotReply(BotReply.SCHEMA_VERSION, platform, CHAT, "IM00000000000000000000000000000001",
                "WH00000000000000000000000000000001", "OrderFlowers", "customer-42", "Ada",
                List.of(ReplyMessage.plainText("bye")), next, "TalkToAgent", Map.of(), "agent intent");
    }

    final FakePlatform platform = new FakePlatform();
    final List<Duration> pauses = new ArrayList<>();
    final ReplyDelivery delivery = new ReplyDelivery(platform, ReplyDelivery.RETRY.withSleeper(pauses::add));

    @Test
    void handoffOrderIsPostThenRemoveWebhookThenLookThenHandOff() {
        delivery.deliver(reply(ChatPlatformKind.CONVERSATIONS, NextStep.AGENT), false);

        assertEquals(List.of("post bye", "removeWebhook WH00000000000000000000000000000001", "findHandoff",
                "handOff OrderFlowers TalkToAgent agent intent"), platform.calls);
    }

    @Test
    void aMaybeRedeliveredReplyReadsTheChatFirst() {
        delivery.deliver(reply(ChatPlatformKind.CONVERSATIONS, NextStep.CLOSE_CHAT), true);

        assertEquals(List.of("recent " + ReplyDelivery.LOOKBACK, "post bye", "close"), platform.calls);
    }

    @Test
    void aReplyForTheOtherPlatformIsRefusedBeforeAnyCall() {
        ChatPlatformException e = assertThrows(ChatPlatformException.class,
                () -> delivery.deliver(reply(ChatPlatformKind.CHAT, NextStep.WAIT_FOR_MESSAGE), false));

        assertTrue(e.getMessage().contains("chat"));
        assertEquals(List.of(), platform.calls);
    }

    @Test
    void backoffIsBounded() {
        Retry policy = new Retry(10, Duration.ofMillis(200), 2, Duration.ofSeconds(1), Sleeper.THREAD);

        // the pause after failed attempt n, before attempt n + 1
        assertEquals(Duration.ofMillis(200), policy.delayAfter(1));
        assertEquals(Duration.ofMillis(800), policy.delayAfter(3));
        assertEquals(Duration.ofSeconds(1), policy.delayAfter(8));
    }

    @Test
    void anInterruptedBackoffGivesUpWithTheTwilioError() {
        platform.failPosts = 1;
        ReplyDelivery interrupted = new ReplyDelivery(platform, ReplyDelivery.RETRY.withSleeper(d -> {
            throw new InterruptedException();
        }));

        assertThrows(TransientChatException.class,
                () -> interrupted.deliver(reply(ChatPlatformKind.CONVERSATIONS, NextStep.WAIT_FOR_MESSAGE), false));
        assertTrue(Thread.interrupted(), "interrupt flag restored");
    }
}
