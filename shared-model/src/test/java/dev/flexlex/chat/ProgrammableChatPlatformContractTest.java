package dev.flexlex.chat;

import static dev.flexlex.chat.ConversationsChatPlatformContractTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.twilio.FakeTwilioServer;
import dev.flexlex.twilio.FakeTwilioServer.Recorded;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every request the Programmable Chat adapter sends, through the real twilio-java client, checked against the specs. */
public class ProgrammableChatPlatformContractTest {
    public static final String SERVICE = "IS00000000000000000000000000000002";
    static final String CHAT = "CH00000000000000000000000000000002";
    static final String WEBHOOK = "WH00000000000000000000000000000002";
    static final String BOT_URL = "https://example.execute-api.us-east-1.amazonaws.com/twilio/webhook";
    static final String CHANNEL_PATH = "chat/v2/Services/" + SERVICE + "/Channels/" + CHAT;
    static final HandoffRouting ROUTING = ConversationsChatPlatformContractTest.ROUTING;

    FakeTwilioServer twilio;
    ProgrammableChatPlatform platform;

    @BeforeEach
    void start() {
        twilio = FakeTwilioServer.start();
        twilio.addChannel(SERVICE, CHAT, "{\"status\":\"ACTIVE\",\"from\":\"Ada\",\"channel_type\":\"web\"}");
        twilio.addWebhook(CHAT, WEBHOOK, BOT_URL);
        platform = new ProgrammableChatPlatform(twilio.client(), SERVICE, "bot", BOT_URL, ROUTING);
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), twilio.contractViolations(), "requests must conform to Twilio's OpenAPI specs");
        twilio.close();
    }

    @Test
    void postsFromTheBotWithAttributes() {
        platform.postMessage(CHAT, "Hello", "{\"flexLex\":{}}");

        Recorded request = single();
        assertEquals("POST " + CHANNEL_PATH + "/Messages", request.line());
        assertEquals(Map.of("From", "bot", "Body", "Hello", "Attributes", "{\"flexLex\":{}}"), request.form());
    }

    @Test
    void readsTheLatestMessagesNewestFirst() {
        platform.postMessage(CHAT, "one", "{}");
        platform.postMessage(CHAT, "two", "{}");
        twilio.clearRequests();

        List<ChatMessage> recent = platform.recentMessages(CHAT, 30);

        assertEquals(twilio.messages(CHAT).get(1).sid(), recent.get(0).sid());
        assertEquals("bot", recent.get(0).author());
        Recorded request = single();
        assertEquals("GET " + CHANNEL_PATH + "/Messages", request.line());
        assertEquals(List.of("desc"), request.query().get("Order"));
    }

    @Test
    void removesTheWebhookAndReportsOneAlreadyGone() {
        assertTrue(platform.removeBotWebhook(CHAT, WEBHOOK));
        assertFalse(platform.removeBotWebhook(CHAT, WEBHOOK));
        assertEquals(List.of("GET " + CHANNEL_PATH + "/Webhooks/" + WEBHOOK, "GET " + CHANNEL_PATH,
                "POST " + CHANNEL_PATH, "DELETE " + CHANNEL_PATH + "/Webhooks/" + WEBHOOK,
                "GET " + CHANNEL_PATH + "/Webhooks/" + WEBHOOK, "GET " + CHANNEL_PATH, "GET " + CHANNEL_PATH + "/Webhooks"),
                twilio.requestLines());
    }

    @Test
    void restoresTheSavedWebhookWithItsType() {
        platform.removeBotWebhook(CHAT, WEBHOOK);
        twilio.clearRequests();

        assertTrue(platform.restoreBot(CHAT));

        assertEquals(List.of("GET " + CHANNEL_PATH, "GET " + CHANNEL_PATH + "/Webhooks", "POST " + CHANNEL_PATH + "/Webhooks"),
                twilio.requestLines().subList(1, 4), "no task to cancel, no handoff mark to clear");
        assertEquals("webhook", twilio.requests().get(3).form().get("Type"));
        assertEquals(1, twilio.webhooks(CHAT).size());
    }

    @Test
    void handsOffWithATaskRouterTaskAndRecordsItsSid() {
        String sid = platform.handOff(CHAT, new Handoff("customer-43", "Ada", "OrderFlowers", "TalkToAgent",
                Map.of(), "agent intent"));

        assertEquals(List.of("POST taskrouter/v1/Workspaces/" + ROUTING.workspaceSid() + "/Tasks",
                "GET " + CHANNEL_PATH, "POST " + CHANNEL_PATH), twilio.requestLines());
        Map<String, String> form = twilio.requests().get(0).form();
        assertEquals(ROUTING.workflowSid(), form.get("WorkflowSid"));
        assertEquals("chat", form.get("TaskChannel"));
        JsonNode task = read(form.get("Attributes"));
        assertEquals(CHAT, task.path("channelSid").asText());
        assertEquals("web", task.path("channelType").asText());
        assertEquals("Ada", task.path("name").asText());
        assertEquals("OrderFlowers", task.path("botName").asText());
        JsonNode channel = read(twilio.attributes(CHAT));
        assertEquals(sid, channel.path(BridgeAttributes.HANDOFF_SID).asText());
        assertEquals("ACTIVE", channel.path("status").asText(), "attributes merged");
    }

    @Test
    void findsATaskForTheChannelWithEvaluateTaskAttributes() {
        twilio.addTask(ROUTING.workspaceSid(), "{\"channelSid\":\"" + CHAT + "\"}");

        assertEquals(Optional.of(twilio.tasks().get(0).path("sid").asText()), platform.findHandoff(CHAT));
        assertEquals(List.of("channelSid == \"" + CHAT + "\""),
                twilio.requests().get(1).query().get("EvaluateTaskAttributes"));
    }

    @Test
    void closesByMarkingTheChannelInactiveAndRemovingTheWebhook() {
        platform.close(CHAT, WEBHOOK);

        assertEquals(List.of("GET " + CHANNEL_PATH, "POST " + CHANNEL_PATH,
                "DELETE " + CHANNEL_PATH + "/Webhooks/" + WEBHOOK), twilio.requestLines());
        JsonNode channel = read(twilio.attributes(CHAT));
        assertEquals("INACTIVE", channel.path("status").asText());
        assertEquals("Ada", channel.path("from").asText());
        assertEquals(List.of(), twilio.webhooks(CHAT));
    }

    @Test
    void aChannelThatIsGoneIsReportedAsSuch() {
        twilio.removeChat(CHAT);

        assertThrows(ChatNotFoundException.class, () -> platform.fetchAttributes(CHAT));
    }

    private Recorded single() {
        List<Recorded> requests = twilio.requests();
        assertEquals(1, requests.size(), () -> "requests: " + twilio.requestLines());
        return requests.get(0);
    }
}
