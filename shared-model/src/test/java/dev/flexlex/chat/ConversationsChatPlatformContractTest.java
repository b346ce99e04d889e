package dev.flexlex.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.Json;
import dev.flexlex.twilio.FakeTwilioServer;
import dev.flexlex.twilio.FakeTwilioServer.Recorded;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every request the Conversations adapter sends, through the real twilio-java client, checked against the specs. */
public class ConversationsChatPlatformContractTest {
    public static final String CHAT = "CH00000000000000000000000000000001";
    public static final String WEBHOOK = "WH00000000000000000000000000000001";
    static final String BOT_URL = "https://example.execute-api.us-east-1.amazonaws.com/twilio/webhook";
    public static final HandoffRouting ROUTING = new HandoffRouting("WS00000000000000000000000000000001",
            "WW00000000000000000000000000000001", "chat");

    FakeTwilioServer twilio;
    ConversationsChatPlatform platform;

    @BeforeEach
    void start() {
        twilio = FakeTwilioServer.start();
        twilio.addConversation(CHAT, "{\"pre_engagement_data\":{\"friendlyName\":\"Ada\"}}");
        twilio.addWebhook(CHAT, WEBHOOK, BOT_URL + "?bot=OrderFlowers");
        twilio.addWebhook(CHAT, "WH00000000000000000000000000000009", "https://flex.twilio.com/studio");
        platform = new ConversationsChatPlatform(twilio.client(), "bot", BOT_URL, ROUTING);
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), twilio.contractViolations(), "requests must conform to Twilio's OpenAPI specs");
        twilio.close();
    }

    @Test
    void postsAsTheBotWithAttributes() {
        String sid = platform.postMessage(CHAT, "Hello", "{\"flexLex\":{\"turn\":\"IM1\",\"part\":1,\"parts\":1}}");

        Recorded request = single();
        assertEquals("POST conversations/v1/Conversations/" + CHAT + "/Messages", request.line());
        assertEquals(Map.of("Author", "bot", "Body", "Hello",
                "Attributes", "{\"flexLex\":{\"turn\":\"IM1\",\"part\":1,\"parts\":1}}"), request.form());
        assertEquals(sid, twilio.messages(CHAT).get(0).sid());
    }

    @Test
    void readsTheLatestMessagesNewestFirst() {
        platform.postMessage(CHAT, "one", "{}");
        platform.postMessage(CHAT, "two", "{}");
        twilio.clearRequests();

        List<ChatMessage> recent = platform.recentMessages(CHAT, 30);

        assertEquals(List.of("two", "one").size(), recent.size());
        assertEquals(twilio.messages(CHAT).get(1).sid(), recent.get(0).sid());
        Recorded request = single();
        assertEquals("GET conversations/v1/Conversations/" + CHAT + "/Messages", request.line());
        assertEquals(List.of("desc"), request.query().get("Order"));
        assertEquals(List.of("30"), request.query().get("PageSize"));
    }

    @Test
    void fetchesAttributes() {
        JsonNode attributes = platform.fetchAttributes(CHAT);

        assertEquals("Ada", attributes.path("pre_engagement_data").path("friendlyName").asText());
        assertEquals("GET conversations/v1/Conversations/" + CHAT, single().line());
    }

    @Test
    void removesTheWebhookBySidKeepingItOnTheChatAndReportsOneAlreadyGone() {
        assertTrue(platform.removeBotWebhook(CHAT, WEBHOOK));
        assertFalse(platform.removeBotWebhook(CHAT, WEBHOOK));

        assertEquals(List.of("GET conversations/v1/Conversations/" + CHAT + "/Webhooks/" + WEBHOOK,
                "GET conversations/v1/Conversations/" + CHAT,
                "POST conversations/v1/Conversations/" + CHAT,
                "DELETE conversations/v1/Conversations/" + CHAT + "/Webhooks/" + WEBHOOK,
                "GET conversations/v1/Conversations/" + CHAT + "/Webhooks/" + WEBHOOK,
                "GET conversations/v1/Conversations/" + CHAT,
                "GET conversations/v1/Conversations/" + CHAT + "/Webhooks"), twilio.requestLines());
        assertEquals(List.of("WH00000000000000000000000000000009"), twilio.webhooks(CHAT));
        JsonNode saved = read(twilio.attributes(CHAT)).path(BridgeAttributes.BOT_WEBHOOK);
        assertEquals("webhook", saved.path("target").asText());
        assertEquals(BOT_URL + "?bot=OrderFlowers", saved.path("configuration").path("url").asText());
        assertEquals("Ada", read(twilio.attributes(CHAT)).path("pre_engagement_data").path("friendlyName").asText(),
                "the chat's own attributes are kept");
    }

    @Test
    void restoresTheSavedWebhookOnceAndClearsTheHandoffMark() {
        platform.removeBotWebhook(CHAT, WEBHOOK);
        platform.handOff(CHAT, new Handoff("customer-42", "Ada", "OrderFlowers", "TalkToAgent", Map.of(), "agent intent"));
        twilio.clearRequests();

        assertTrue(platform.restoreBot(CHAT));
        assertFalse(platform.restoreBot(CHAT), "already in place");

        String task = twilio.tasks().get(0).path("sid").asText();
        assertEquals(List.of("GET taskrouter/v1/Workspaces/" + ROUTING.workspaceSid() + "/Tasks",
                "POST taskrouter/v1/Workspaces/" + ROUTING.workspaceSid() + "/Tasks/" + task,
                "GET conversations/v1/Conversations/" + CHAT,
                "GET conversations/v1/Conversations/" + CHAT + "/Webhooks",
                "POST conversations/v1/Conversations/" + CHAT + "/Webhooks",
                "POST conversations/v1/Conversations/" + CHAT,
                "GET taskrouter/v1/Workspaces/" + ROUTING.workspaceSid() + "/Tasks",
                "GET conversations/v1/Conversations/" + CHAT,
                "GET conversations/v1/Conversations/" + CHAT + "/Webhooks"), twilio.requestLines());
        assertEquals("canceled", twilio.tasks().get(0).path("assignment_status").asText(), "no task left waiting");
        Recorded create = twilio.requests().get(4);
        assertEquals("webhook", create.form().get("Target"));
        assertEquals(BOT_URL + "?bot=OrderFlowers", create.form().get("Configuration.Url"));
        assertEquals("post", create.form().get("Configuration.Method").toLowerCase(java.util.Locale.ROOT));
        assertEquals(2, twilio.webhooks(CHAT).size());
        assertFalse(read(twilio.attributes(CHAT)).has(BridgeAttributes.HANDOFF_SID));
    }

    @Test
    void aRestoredWebhookIsFoundByItsSavedUrlWhenTheReplyNamesTheOldSid() {
        platform.removeBotWebhook(CHAT, WEBHOOK);
        platform.restoreBot(CHAT);

        assertTrue(platform.removeBotWebhook(CHAT, WEBHOOK), "the re-created webhook is the bot's");

        assertEquals(List.of("WH00000000000000000000000000000009"), twilio.webhooks(CHAT));
    }

    @Test
    void readsTheInteractionChannelToConfirmAHandoff() {
        assertEquals(HandoffState.Status.ACTIVE, platform.handoffState(CHAT, "KD00000000000000000000000000000005").status());
        assertEquals(HandoffState.Status.ACTIVE, platform.handoffState(CHAT, "WT00000000000000000000000000000005").status(),
                "a task found for the chat is routed already");

        assertEquals(List.of("GET flex-api/v1/Interactions/KD00000000000000000000000000000005/Channels"),
                twilio.requestLines());
    }

    @Test
    void findsTheBotWebhookByUrlWhenTheEventNamedNone() {
        assertTrue(platform.removeBotWebhook(CHAT, null));

        assertEquals(List.of("GET conversations/v1/Conversations/" + CHAT + "/Webhooks",
                "GET conversations/v1/Conversations/" + CHAT,
                "POST conversations/v1/Conversations/" + CHAT,
                "DELETE conversations/v1/Conversations/" + CHAT + "/Webhooks/" + WEBHOOK), twilio.requestLines());
        assertEquals(List.of("WH00000000000000000000000000000009"), twilio.webhooks(CHAT), "Flex's own webhook stays");
    }

    @Test
    void withNeitherSidNorUrlNothingIsRemovedAndNothingIsSent() {
        ConversationsChatPlatform noUrl = new ConversationsChatPlatform(twilio.client(), "bot", null, ROUTING);

        assertFalse(noUrl.removeBotWebhook(CHAT, null));
        assertEquals(List.of(), twilio.requestLines());
        assertEquals(2, twilio.webhooks(CHAT).size());
    }

    @Test
    void handsOffWithAnInteractionAndRecordsItsSid() {
        String sid = platform.handOff(CHAT, new Handoff("customer-42", "Ada", "OrderFlowers", "TalkToAgent",
                Map.of("FlowerType", "roses"), "agent intent"));

        assertEquals(List.of("POST flex-api/v1/Interactions",
                "GET conversations/v1/Conversations/" + CHAT,
                "POST conversations/v1/Conversations/" + CHAT), twilio.requestLines());
        Recorded create = twilio.requests().get(0);
        JsonNode channel = read(create.form().get("Channel"));
        assertEquals("web", channel.path("type").asText());
        assertEquals(CHAT, channel.path("properties").path("media_channel_sid").asText());
        JsonNode routing = read(create.form().get("Routing")).path("properties");
        assertEquals(ROUTING.workspaceSid(), routing.path("workspace_sid").asText());
        assertEquals(ROUTING.workflowSid(), routing.path("workflow_sid").asText());
        assertEquals("chat", routing.path("task_channel_unique_name").asText());
        JsonNode task = routing.path("attributes");
        assertEquals(CHAT, task.path("conversationSid").asText());
        assertEquals("Ada", task.path("customerName").asText());
        assertEquals("OrderFlowers", task.path("botName").asText());
        assertEquals("TalkToAgent", task.path("lastIntent").asText());
        assertEquals("roses", task.path("slots").path("FlowerType").asText());
        assertEquals(CHAT, task.path("botTranscript").path("chatSid").asText());

        JsonNode attributes = read(twilio.attributes(CHAT));
        assertEquals(sid, attributes.path(BridgeAttributes.HANDOFF_SID).asText());
        assertEquals("Ada", attributes.path("pre_engagement_data").path("friendlyName").asText(), "attributes merged");
    }

    @Test
    void findsAHandoffRecordedOnTheChatWithoutAskingTaskRouter() {
        twilio.addConversation(CHAT, "{\"flexLexHandoffSid\":\"KD00000000000000000000000000000001\"}");

        assertEquals(Optional.of("KD00000000000000000000000000000001"), platform.findHandoff(CHAT));
        assertEquals(List.of("GET conversations/v1/Conversations/" + CHAT), twilio.requestLines());
    }

    @Test
    void findsATaskForTheChatWithEvaluateTaskAttributes() {
        twilio.addTask(ROUTING.workspaceSid(), "{\"conversationSid\":\"" + CHAT + "\"}");
        twilio.addTask(ROUTING.workspaceSid(), "{\"conversationSid\":\"CH00000000000000000000000000000077\"}");

        Optional<String> found = platform.findHandoff(CHAT);

        assertEquals(Optional.of(twilio.tasks().get(0).path("sid").asText()), found);
        Recorded query = twilio.requests().get(1);
        assertEquals("GET taskrouter/v1/Workspaces/" + ROUTING.workspaceSid() + "/Tasks", query.line());
        assertEquals(List.of("conversationSid == \"" + CHAT + "\""), query.query().get("EvaluateTaskAttributes"));
    }

    @Test
    void closesTheConversation() {
        platform.close(CHAT, WEBHOOK);

        Recorded request = single();
        assertEquals("POST conversations/v1/Conversations/" + CHAT, request.line());
        assertEquals(Map.of("State", "closed"), request.form());
        assertEquals("closed", twilio.state(CHAT));
    }

    @Test
    void aChatThatIsGoneIsReportedAsSuch() {
        twilio.removeChat(CHAT);

        assertThrows(ChatNotFoundException.class, () -> platform.postMessage(CHAT, "Hello", "{}"));
    }

    @Test
    void aServerErrorIsTransientAndSentExactlyOnce() {
        twilio.failNext("POST", ".*/Messages", 500, true);

        TransientChatException e = assertThrows(TransientChatException.class,
                () -> platform.postMessage(CHAT, "Hello", "{}"));

        assertEquals(500, e.status());
        assertEquals(1, twilio.requests().size(), "one attempt: twilio-java's own 5xx retries are off");
        assertEquals(1, twilio.messages(CHAT).size());
    }

    @Test
    void aRejectedRequestIsPermanent() {
        twilio.failNext("POST", ".*/Messages", 400, false);

        ChatPlatformException e = assertThrows(ChatPlatformException.class,
                () -> platform.postMessage(CHAT, "Hello", "{}"));

        assertFalse(e instanceof TransientChatException);
        assertEquals(400, e.status());
    }

    private Recorded single() {
        List<Recorded> requests = twilio.requests();
        assertEquals(1, requests.size(), () -> "requests: " + twilio.requestLines());
        return requests.get(0);
    }

    public static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
