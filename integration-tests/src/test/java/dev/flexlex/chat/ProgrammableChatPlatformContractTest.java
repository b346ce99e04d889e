package dev.flexlex.chat;

import static dev.flexlex.it.twilio.LocalTwilio.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.it.twilio.LocalTwilio;
import dev.flexlex.localflex.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every request the Programmable Chat adapter sends, through the real twilio-java client, checked against the specs. */
class ProgrammableChatPlatformContractTest {
    static final String BOT_URL = "https://example.execute-api.us-east-1.amazonaws.com/twilio/webhook";

    LocalTwilio twilio;
    String service;
    String chat;
    String webhook;
    String channelPath;
    HandoffRouting routing;
    ProgrammableChatPlatform platform;

    @BeforeEach
    void start() {
        twilio = LocalTwilio.start();
        service = twilio.chatServiceSid();
        routing = new HandoffRouting(twilio.workspaceSid(), twilio.workflowSid(), "chat");
        chat = twilio.addChannel("{\"status\":\"ACTIVE\",\"from\":\"Ada\",\"channel_type\":\"web\"}");
        webhook = twilio.addWebhook(chat, BOT_URL);
        channelPath = "chat/v2/Services/" + service + "/Channels/" + chat;
        platform = new ProgrammableChatPlatform(twilio.client(), service, "bot", BOT_URL, routing);
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), twilio.contractViolations(), "requests must conform to Twilio's OpenAPI specs");
        twilio.close();
    }

    @Test
    void postsFromTheBotWithAttributes() {
        platform.postMessage(chat, "Hello", "{\"flexLex\":{}}");

        RecordedRequest request = twilio.onlyRequest();
        assertEquals("POST " + channelPath + "/Messages", request.line());
        assertEquals(Map.of("From", "bot", "Body", "Hello", "Attributes", "{\"flexLex\":{}}"), request.form());
    }

    @Test
    void readsTheLatestMessagesNewestFirst() {
        platform.postMessage(chat, "one", "{}");
        platform.postMessage(chat, "two", "{}");
        twilio.clearRequests();

        List<ChatMessage> recent = platform.recentMessages(chat, 30);

        assertEquals(twilio.messages(chat).get(1).sid(), recent.get(0).sid());
        assertEquals("bot", recent.get(0).author());
        RecordedRequest request = twilio.onlyRequest();
        assertEquals("GET " + channelPath + "/Messages", request.line());
        assertEquals(List.of("desc"), request.query().get("Order"));
    }

    @Test
    void removesTheWebhookAndReportsOneAlreadyGone() {
        assertTrue(platform.removeBotWebhook(chat, webhook));
        assertFalse(platform.removeBotWebhook(chat, webhook));
        assertEquals(List.of("GET " + channelPath + "/Webhooks/" + webhook, "GET " + channelPath,
                "POST " + channelPath, "DELETE " + channelPath + "/Webhooks/" + webhook,
                "GET " + channelPath + "/Webhooks/" + webhook, "GET " + channelPath, "GET " + channelPath + "/Webhooks"),
                twilio.requestLines());
    }

    @Test
    void restoresTheSavedWebhookWithItsType() {
        platform.removeBotWebhook(chat, webhook);
        twilio.clearRequests();

        assertTrue(platform.restoreBot(chat));

        assertEquals(List.of("GET " + channelPath, "GET " + channelPath + "/Webhooks", "POST " + channelPath + "/Webhooks"),
                twilio.requestLines().subList(1, 4), "no task to cancel, no handoff mark to clear");
        assertEquals("webhook", twilio.requests().get(3).form().get("Type"));
        assertEquals(1, twilio.webhooks(chat).size());
    }

    @Test
    void handsOffWithATaskRouterTaskAndRecordsItsSid() {
        String sid = platform.handOff(chat, new Handoff("customer-43", "Ada", "OrderFlowers", "TalkToAgent",
                Map.of(), "agent intent"));

        assertEquals(List.of("POST taskrouter/v1/Workspaces/" + routing.workspaceSid() + "/Tasks",
                "GET " + channelPath, "POST " + channelPath), twilio.requestLines());
        Map<String, String> form = twilio.requests().get(0).form();
        assertEquals(routing.workflowSid(), form.get("WorkflowSid"));
        assertEquals("chat", form.get("TaskChannel"));
        JsonNode task = read(form.get("Attributes"));
        assertEquals(chat, task.path("channelSid").asText());
        assertEquals("web", task.path("channelType").asText());
        assertEquals("Ada", task.path("name").asText());
        assertEquals("OrderFlowers", task.path("botName").asText());
        JsonNode channel = read(twilio.attributes(chat));
        assertEquals(sid, channel.path(BridgeAttributes.HANDOFF_SID).asText());
        assertEquals("ACTIVE", channel.path("status").asText(), "attributes merged");
    }

    @Test
    void findsATaskForTheChannelWithEvaluateTaskAttributes() {
        twilio.addTask("{\"channelSid\":\"" + chat + "\"}");

        assertEquals(Optional.of(twilio.tasks().get(0).path("sid").asText()), platform.findHandoff(chat));
        assertEquals(List.of("channelSid == \"" + chat + "\""),
                twilio.requests().get(1).query().get("EvaluateTaskAttributes"));
    }

    @Test
    void closesByMarkingTheChannelInactiveAndRemovingTheWebhook() {
        platform.close(chat, webhook);

        assertEquals(List.of("GET " + channelPath, "POST " + channelPath,
                "DELETE " + channelPath + "/Webhooks/" + webhook), twilio.requestLines());
        JsonNode channel = read(twilio.attributes(chat));
        assertEquals("INACTIVE", channel.path("status").asText());
        assertEquals("Ada", channel.path("from").asText());
        assertEquals(List.of(), twilio.webhooks(chat));
    }

    @Test
    void aChannelThatIsGoneIsReportedAsSuch() {
        twilio.removeChat(chat);

        assertThrows(ChatNotFoundException.class, () -> platform.fetchAttributes(chat));
    }
}
