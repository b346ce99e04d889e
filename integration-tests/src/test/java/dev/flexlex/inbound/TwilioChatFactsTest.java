package dev.flexlex.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flexlex.chat.ChatNotFoundException;
import dev.flexlex.chat.TransientChatException;
import dev.flexlex.it.twilio.LocalTwilio;
import dev.flexlex.model.ChatPlatformKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pre-engagement data fetched over the real twilio-java client from the local Flex, cached per chat. */
class TwilioChatFactsTest {
    LocalTwilio twilio;
    TwilioChatFacts facts;

    @BeforeEach
    void start() {
        twilio = LocalTwilio.start();
        facts = new TwilioChatFacts(twilio.client(), "bot");
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), twilio.contractViolations());
        twilio.close();
    }

    @Test
    void readsTheConversationsPreEngagementDataOnceperChat() {
        String chat = twilio.addConversation("{\"pre_engagement_data\":{\"friendlyName\":\"Ada\",\"botName\":\"OrderPizza\"}}");

        ChatFacts first = facts.facts(ChatPlatformKind.CONVERSATIONS, null, chat);
        ChatFacts second = facts.facts(ChatPlatformKind.CONVERSATIONS, null, chat);

        assertEquals(new ChatFacts("OrderPizza", "Ada", null), first);
        assertEquals(first, second);
        assertEquals(List.of("GET conversations/v1/Conversations/" + chat), twilio.requestLines());
    }

    @Test
    void readsAChannelInTheEventsService() {
        String service = twilio.chatServiceSid();
        String chat = twilio.addChannel("{\"from\":\"Ada\",\"customerIdentity\":\"customer-43\"}");

        assertEquals(new ChatFacts(null, "Ada", "customer-43"), facts.facts(ChatPlatformKind.CHAT, service, chat));
        assertEquals(List.of("GET chat/v2/Services/" + service + "/Channels/" + chat), twilio.requestLines());
    }

    @Test
    void aTransientFailureIsReadAgainAfterShortPausesSoTheMessageIsNotLost() {
        String chat = twilio.addConversation("{\"pre_engagement_data\":{\"friendlyName\":\"Ada\",\"botName\":\"OrderPizza\"}}");
        twilio.failNext("GET", "/conversations/v1/Conversations/" + chat, 503, false);
        twilio.failNext("GET", "/conversations/v1/Conversations/" + chat, 429, false);
        List<Duration> pauses = new ArrayList<>();
        TwilioChatFacts patient = new TwilioChatFacts(twilio.client(), "bot", pauses::add);

        assertEquals(new ChatFacts("OrderPizza", "Ada", null), patient.facts(ChatPlatformKind.CONVERSATIONS, null, chat));
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(400)), pauses);
        assertEquals(3, twilio.requestLines().size(), "two failed reads and the good one");
    }

    @Test
    void aChatThatStaysUnreadableFailsAfterThreeReadsSoTheWebhookAnswers5xx() {
        String chat = twilio.addConversation("{}");
        for (int i = 0; i < 3; i++) {
            twilio.failNext("GET", "/conversations/v1/Conversations/" + chat, 500, false);
        }
        List<Duration> pauses = new ArrayList<>();
        TwilioChatFacts patient = new TwilioChatFacts(twilio.client(), "bot", pauses::add);

        assertThrows(TransientChatException.class, () -> patient.facts(ChatPlatformKind.CONVERSATIONS, null, chat));
        assertEquals(3, twilio.requestLines().size());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(400)), pauses);
    }

    @Test
    void aChatThatIsGoneIsReportedWithoutReadingAgain() {
        assertThrows(ChatNotFoundException.class,
                () -> facts.facts(ChatPlatformKind.CONVERSATIONS, null, "CH00000000000000000000000000000009"));
        assertEquals(1, twilio.requestLines().size());
    }
}
