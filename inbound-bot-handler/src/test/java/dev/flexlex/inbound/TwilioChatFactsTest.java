package dev.flexlex.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flexlex.chat.ChatNotFoundException;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.twilio.FakeTwilioServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pre-engagement data fetched over the real twilio-java client from the in-test Twilio, cached per chat. */
class TwilioChatFactsTest {
    FakeTwilioServer twilio;
    TwilioChatFacts facts;

    @BeforeEach
    void start() {
        twilio = FakeTwilioServer.start();
        facts = new TwilioChatFacts(twilio.client(), "bot");
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), twilio.contractViolations());
        twilio.close();
    }

    @Test
    void readsTheConversationsPreEngagementDataOnceperChat() {
        String chat = "CH00000000000000000000000000000001";
        twilio.addConversation(chat, "{\"pre_engagement_data\":{\"friendlyName\":\"Ada\",\"botName\":\"OrderPizza\"}}");

        ChatFacts first = facts.facts(ChatPlatformKind.CONVERSATIONS, null, chat);
        ChatFacts second = facts.facts(ChatPlatformKind.CONVERSATIONS, null, chat);

        assertEquals(new ChatFacts("OrderPizza", "Ada", null), first);
        assertEquals(first, second);
        assertEquals(List.of("GET conversations/v1/Conversations/" + chat), twilio.requestLines());
    }

    @Test
    void readsAChannelInTheEventsService() {
        String service = "IS00000000000000000000000000000002";
        String chat = "CH00000000000000000000000000000002";
        twilio.addChannel(service, chat, "{\"from\":\"Ada\",\"customerIdentity\":\"customer-43\"}");

        assertEquals(new ChatFacts(null, "Ada", "customer-43"), facts.facts(ChatPlatformKind.CHAT, service, chat));
        assertEquals(List.of("GET chat/v2/Services/" + service + "/Channels/" + chat), twilio.requestLines());
    }

    @Test
    void aChatThatIsGoneIsReported() {
        assertThrows(ChatNotFoundException.class,
                () -> facts.facts(ChatPlatformKind.CONVERSATIONS, null, "CH00000000000000000000000000000009"));
    }
}
