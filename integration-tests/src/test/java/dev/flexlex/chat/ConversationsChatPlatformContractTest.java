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

/**
 * Every request the Conversations adapter sends, through the real twilio-java client to the local Flex, checked
 * against the specs.
 */
class ConversationsChatPlatformContractTest {
    static final String BOT_URL = "https://example.execute-api.us-east-1.amazonaws.com/twilio/webhook";

    LocalTwilio twilio;
    String chat;
    String webhook;
    String flexWebhook;
    HandoffRouting routing;
    ConversationsChatPlatform platform;

    @BeforeEach
    void start() {
        twilio = LocalTwilio.start();
        routing = new HandoffRouting(twilio.workspaceSid(), twilio.workflowSid(), "chat");
        chat = twilio.addConversation("{\"pre_engagement_data\":{\"friendlyName\":\"Ada\"}}");
        webhook = twilio.addWebhook(chat, BOT_URL + "?bot=OrderFlowers");
        flexWebhook = twilio.addWebhook(chat, "https://flex.twilio.com/studio");
        platform = new ConversationsChatPlatform(twilio.client(), "bot", BOT_URL, routing);
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), twilio.contractViolations(), "requests must conform to Twilio's OpenAPI specs");
        twilio.close();
    }

    @Test
    void postsAsTheBotWithAttributes() {
        String sid = platform.postMessage(chat, "Hello", "{\"flexLex\":{\"turn\":\"IM1\",\"part\":1,\"parts\":1}}");

        RecordedRequest request = twilio.onlyRequest();
        assertEquals("POST conversations/v1/Conversations/" + chat + "/Messages", request.line());
        assertEquals(Map.of("Author", "bot", "Body", "Hello",
                "Attributes", "{\"flexLex\":{\"turn\":\"IM1\",\"part\":1,\"parts\":1}}"), request.form());
        assertEquals(sid, twilio.messages(chat).get(0).sid());
    }

    @Test
    void readsTheLatestMessagesNewestFirst() {
        platform.postMessage(chat, "one", "{}");
        platform.postMessage(chat, "two", "{}");
        twilio.clearRequests();

        List<ChatMessage> recent = platform.recentMessages(chat, 30);

        assertEquals(List.of("two", "one").size(), recent.size());
        assertEquals(twilio.messages(chat).get(1).sid(), recent.get(0).sid());
        RecordedRequest request = twilio.onlyRequest();
        assertEquals("GET conversations/v1/Conversations/" + chat + "/Messages", request.line());
        assertEquals(List.of("desc"), request.query().get("Order"));
        assertEquals(List.of("30"), request.query().get("PageSize"));
    }

    @Test
    void fetchesAttributes() {
        JsonNode attributes = platform.fetchAttributes(chat);

        assertEquals("Ada", attributes.path("pre_engagement_data").path("friendlyName").asText());
        assertEquals("GET conversations/v1/Conversations/" + chat, twilio.onlyRequest().line());
    }

    @Test
    void removesTheWebhookBySidKeepingItOnTheChatAndReportsOneAlreadyGone() {
        assertTrue(platform.removeBotWebhook(chat, webhook));
        assertFalse(platform.removeBotWebhook(chat, webhook));

        assertEquals(List.of("GET conversations/v1/Conversations/" + chat + "/Webhooks/" + webhook,
                "GET conversations/v1/Conversations/" + chat,
                "POST conversations/v1/Conversations/" + chat,
                "DELETE conversations/v1/Conversations/" + chat + "/Webhooks/" + webhook,
                "GET conversations/v1/Conversations/" + chat + "/Webhooks/" + webhook,
                "GET conversations/v1/Conversations/" + chat,
                "GET conversations/v1/Conversations/" + chat + "/Webhooks"), twilio.requestLines());
        assertEquals(List.of(flexWebhook), twilio.webhooks(chat));
        JsonNode saved = read(twilio.attributes(chat)).path(BridgeAttributes.BOT_WEBHOOK);
        assertEquals("webhook", saved.path("target").asText());
        assertEquals(BOT_URL + "?bot=OrderFlowers", saved.path("configuration").path("url").asText());
        assertEquals("Ada", read(twilio.attributes(chat)).path("pre_engagement_data").path("friendlyName").asText(),
                "the chat's own attributes are kept");
    }

    @Test
    void restoresTheSavedWebhookOnceAndClearsTheHandoffMark() {
        platform.removeBotWebhook(chat, webhook);
        platform.handOff(chat, new Handoff("customer-42", "Ada", "OrderFlowers", "TalkToAgent", Map.of(), "agent intent"));
        twilio.clearRequests();

        assertTrue(platform.restoreBot(chat));
        assertFalse(platform.restoreBot(chat), "already in place");

        String task = twilio.tasks().get(0).path("sid").asText();
        assertEquals(List.of("GET taskrouter/v1/Workspaces/" + routing.workspaceSid() + "/Tasks",
                "POST taskrouter/v1/Workspaces/" + routing.workspaceSid() + "/Tasks/" + task,
                "GET conversations/v1/Conversations/" + chat,
                "GET conversations/v1/Conversations/" + chat + "/Webhooks",
                "POST conversations/v1/Conversations/" + chat + "/Webhooks",
                "POST conversations/v1/Conversations/" + chat,
                "GET taskrouter/v1/Workspaces/" + routing.workspaceSid() + "/Tasks",
                "GET conversations/v1/Conversations/" + chat,
                "GET conversations/v1/Conversations/" + chat + "/Webhooks"), twilio.requestLines());
        assertEquals("canceled", twilio.tasks().get(0).path("assignment_status").asText(), "no task left waiting");
        RecordedRequest create = twilio.requests().get(4);
        assertEquals("webhook", create.form().get("Target"));
        assertEquals(BOT_URL + "?bot=OrderFlowers", create.form().get("Configuration.Url"));
        assertEquals("post", create.form().get("Configuration.Method").toLowerCase(java.util.Locale.ROOT));
        assertEquals(2, twilio.webhooks(chat).size());
        assertFalse(read(twilio.attributes(chat)).has(BridgeAttributes.HANDOFF_SID));
    }

    @Test
    void aRestoredWebhookIsFoundByItsSavedUrlWhenTheReplyNamesTheOldSid() {
        platform.removeBotWebhook(chat, webhook);
        platform.restoreBot(chat);

        assertTrue(platform.removeBotWebhook(chat, webhook), "the re-created webhook is the bot's");

        assertEquals(List.of(flexWebhook), twilio.webhooks(chat));
    }

    @Test
    void readsTheInteractionChannelToConfirmAHandoff() {
        String interaction = platform.handOff(chat, new Handoff("customer-42", "Ada", "OrderFlowers", "TalkToAgent",
                Map.of(), "agent intent"));
        twilio.awaitInteraction(interaction);
        twilio.clearRequests();

        assertEquals(HandoffState.Status.ACTIVE, platform.handoffState(chat, interaction).status());
        assertEquals(HandoffState.Status.ACTIVE, platform.handoffState(chat, "WT00000000000000000000000000000005").status(),
                "a task found for the chat is routed already");

        assertEquals(List.of("GET flex-api/v1/Interactions/" + interaction + "/Channels"),
                twilio.requestLines());
    }

    @Test
    void findsTheBotWebhookByUrlWhenTheEventNamedNone() {
        assertTrue(platform.removeBotWebhook(chat, null));

        assertEquals(List.of("GET conversations/v1/Conversations/" + chat + "/Webhooks",
                "GET conversations/v1/Conversations/" + chat,
                "POST conversations/v1/Conversations/" + chat,
                "DELETE conversations/v1/Conversations/" + chat + "/Webhooks/" + webhook), twilio.requestLines());
        assertEquals(List.of(flexWebhook), twilio.webhooks(chat), "Flex's own webhook stays");
    }

    @Test
    void withNeitherSidNorUrlNothingIsRemovedAndNothingIsSent() {
        ConversationsChatPlatform noUrl = new ConversationsChatPlatform(twilio.client(), "bot", null, routing);

        assertFalse(noUrl.removeBotWebhook(chat, null));
        assertEquals(List.of(), twilio.requestLines());
        assertEquals(2, twilio.webhooks(chat).size());
    }

    @Test
    void handsOffWithAnInteractionAndRecordsItsSid() {
        String sid = platform.handOff(chat, new Handoff("customer-42", "Ada", "OrderFlowers", "TalkToAgent",
                Map.of("FlowerType", "roses"), "agent intent"));

        assertEquals(List.of("POST flex-api/v1/Interactions",
                "GET conversations/v1/Conversations/" + chat,
                "POST conversations/v1/Conversations/" + chat), twilio.requestLines());
        RecordedRequest create = twilio.requests().get(0);
        JsonNode channel = read(create.form().get("Channel"));
        assertEquals("web", channel.path("type").asText());
        assertEquals(chat, channel.path("properties").path("media_channel_sid").asText());
        JsonNode properties = read(create.form().get("Routing")).path("properties");
        assertEquals(routing.workspaceSid(), properties.path("workspace_sid").asText());
        assertEquals(routing.workflowSid(), properties.path("workflow_sid").asText());
        assertEquals("chat", properties.path("task_channel_unique_name").asText());
        JsonNode task = properties.path("attributes");
        assertEquals(chat, task.path("conversationSid").asText());
        assertEquals("Ada", task.path("customerName").asText());
        assertEquals("OrderFlowers", task.path("botName").asText());
        assertEquals("TalkToAgent", task.path("lastIntent").asText());
        assertEquals("roses", task.path("slots").path("FlowerType").asText());
        assertEquals(chat, task.path("botTranscript").path("chatSid").asText());

        JsonNode attributes = read(twilio.attributes(chat));
        assertEquals(sid, attributes.path(BridgeAttributes.HANDOFF_SID).asText());
        assertEquals("Ada", attributes.path("pre_engagement_data").path("friendlyName").asText(), "attributes merged");
    }

    @Test
    void findsAHandoffRecordedOnTheChatWithoutAskingTaskRouter() {
        twilio.setAttributes(chat, "{\"flexLexHandoffSid\":\"KD00000000000000000000000000000001\"}");

        assertEquals(Optional.of("KD00000000000000000000000000000001"), platform.findHandoff(chat));
        assertEquals(List.of("GET conversations/v1/Conversations/" + chat), twilio.requestLines());
    }

    @Test
    void findsATaskForTheChatWithEvaluateTaskAttributes() {
        twilio.addTask("{\"conversationSid\":\"" + chat + "\"}");
        twilio.addTask("{\"conversationSid\":\"CH00000000000000000000000000000077\"}");

        Optional<String> found = platform.findHandoff(chat);

        assertEquals(Optional.of(twilio.tasks().get(0).path("sid").asText()), found);
        RecordedRequest query = twilio.requests().get(1);
        assertEquals("GET taskrouter/v1/Workspaces/" + routing.workspaceSid() + "/Tasks", query.line());
        assertEquals(List.of("conversationSid == \"" + chat + "\""), query.query().get("EvaluateTaskAttributes"));
    }

    @Test
    void closesTheConversation() {
        platform.close(chat, webhook);

        RecordedRequest request = twilio.onlyRequest();
        assertEquals("POST conversations/v1/Conversations/" + chat, request.line());
        assertEquals(Map.of("State", "closed"), request.form());
        assertEquals("closed", twilio.state(chat));
    }

    @Test
    void aChatThatIsGoneIsReportedAsSuch() {
        twilio.removeChat(chat);

        assertThrows(ChatNotFoundException.class, () -> platform.postMessage(chat, "Hello", "{}"));
    }

    @Test
    void aServerErrorIsTransientAndSentExactlyOnce() {
        twilio.failNext("POST", "/*/Messages", 500, true);

        TransientChatException e = assertThrows(TransientChatException.class,
                () -> platform.postMessage(chat, "Hello", "{}"));

        assertEquals(500, e.status());
        assertEquals(1, twilio.requests().size(), "one attempt: twilio-java's own 5xx retries are off");
        assertEquals(1, twilio.messages(chat).size());
    }

    @Test
    void aRejectedRequestIsPermanent() {
        twilio.failNext("POST", "/*/Messages", 400, false);

        ChatPlatformException e = assertThrows(ChatPlatformException.class,
                () -> platform.postMessage(chat, "Hello", "{}"));

        assertFalse(e instanceof TransientChatException);
        assertEquals(400, e.status());
    }
}
