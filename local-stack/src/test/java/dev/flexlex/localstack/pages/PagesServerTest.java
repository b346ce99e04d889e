package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.localflex.FaultSpec;
import dev.flexlex.localstack.StackInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.flexlex.localstack.pages.PagesFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages' backend over HTTP, against an in-process local Flex, on both chat platforms. */
class PagesServerTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conversations", "chat"})
    void startingAChatCreatesItThroughTheWebchatApiWithThePreEngagementData(String platform) {
        try (PagesFixture f = new PagesFixture(platform)) {
            JsonNode chat = f.startChat("Ana Lima");
            String chatSid = chat.path("chatSid").asText();
            assertTrue(chatSid.matches("CH[0-9a-f]{32}"), chatSid);
            assertEquals("OrderFlowers", chat.path("botName").asText());
            JsonNode pre = Pages.attributes(f.chat(chatSid).path("attributes").asText()).path("pre_engagement_data");
            assertEquals("Ana Lima", pre.path("friendlyName").asText());
            assertEquals("OrderFlowers", pre.path("botName").asText());
            assertEquals("Roses for Friday?", pre.path("question").asText());
            assertEquals(chat.path("identity").asText(), pre.path("customerIdentity").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conversations", "chat"})
    void aCustomerMessageIsPostedAsTheCustomerAndFiresTheChatWebhook(String platform) {
        try (PagesFixture f = new PagesFixture(platform)) {
            JsonNode chat = f.startChat("Ana Lima");
            String chatSid = chat.path("chatSid").asText();
            PagesFixture.Answer a = f.call("POST", "/api/webchat/chats/" + chatSid + "/messages",
                    "{\"identity\":\"" + chat.path("identity").asText() + "\",\"body\":\"  I want roses  \"}");
            assertEquals(200, a.status(), a.body().toString());
            JsonNode messages = f.messages(chatSid);
            assertEquals(1, messages.size());
            String authorField = platform.equals("conversations") ? "author" : "from";
            assertEquals(chat.path("identity").asText(), messages.get(0).path(authorField).asText());
            assertEquals("I want roses", messages.get(0).path("body").asText());
            assertTrue(eventually(() -> f.webhookCalls.get() == 1), "the webhook fired once (X-Twilio-Webhook-Enabled)");
        }
    }

    @Test
    void badStartRequestsAnswer400NamingTheProblemAndCreateNoChat() {
        try (PagesFixture f = new PagesFixture("conversations")) {
            Map<String, String> cases = Map.of(
                    "{\"name\":\"  \",\"bot\":\"OrderFlowers\"}", "name must be 1..60 characters",
                    "{\"name\":\"" + "x".repeat(61) + "\",\"bot\":\"OrderFlowers\"}", "name must be 1..60 characters",
                    "{\"name\":\"Ana\",\"bot\":\"NoSuchBot\"}", "bot must be one of [OrderFlowers, OrderPizza]",
                    "{\"name\":\"Ana\"}", "bot must be one of [OrderFlowers, OrderPizza]",
                    "{\"name\":\"Ana\",\"bot\":\"OrderFlowers\",\"question\":\"" + "q".repeat(501) + "\"}", "question must be at most 500 characters",
                    "[1,2]", "body must be a JSON object",
                    "not json", "body must be a JSON object");
            cases.forEach((body, error) -> {
                PagesFixture.Answer a = f.call("POST", "/api/webchat/chats", body);
                assertEquals(400, a.status(), body);
                assertEquals(error, a.body().path("error").asText(), body);
            });
            assertEquals(0, f.twilio.get("/conversations/v1/Conversations").path("conversations").size(), "no chat created");
        }
    }

    @Test
    void badCustomerMessagesAnswer400AndPostNothing() {
        try (PagesFixture f = new PagesFixture("chat")) {
            JsonNode chat = f.startChat("Ana Lima");
            String chatSid = chat.path("chatSid").asText();
            String identity = chat.path("identity").asText();
            Map<String, String> cases = Map.of(
                    "{\"identity\":\"" + identity + "\",\"body\":\"   \"}", "message must be 1..1600 characters",
                    "{\"identity\":\"" + identity + "\",\"body\":\"" + "m".repeat(1601) + "\"}", "message must be 1..1600 characters",
                    "{\"identity\":\"agent\",\"body\":\"hi\"}", "identity must be the one the chat started with",
                    "{\"body\":\"hi\"}", "identity must be the one the chat started with");
            cases.forEach((body, error) -> {
                PagesFixture.Answer a = f.call("POST", "/api/webchat/chats/" + chatSid + "/messages", body);
                assertEquals(400, a.status(), body);
                assertEquals(error, a.body().path("error").asText(), body);
            });
            assertEquals(0, f.messages(chatSid).size(), "nothing posted");
            assertEquals(0, f.webhookCalls.get());
            assertEquals(404, f.call("POST", "/api/webchat/chats/not-a-sid/messages", "{}").status());
            assertEquals(404, f.call("GET", "/api/nothing", null).status());
            assertEquals(404, f.page("/assets/pom.xml").statusCode(), "only the pages' own asset types");
            assertEquals(404, f.page("/assets/missing.js").statusCode());
            assertEquals(405, f.call("POST", "/webchat/", "{}").status());
        }
    }

    @Test
    void aFailingTwilioApiAnswers502WithTwiliosStatus() {
        try (PagesFixture f = new PagesFixture("conversations")) {
            f.flex.setFaults(FaultSpec.parse("flex-api:500=1.0"));
            PagesFixture.Answer a = f.call("POST", "/api/webchat/chats", "{\"name\":\"Ana\",\"bot\":\"OrderFlowers\"}");
            assertEquals(502, a.status());
            assertTrue(a.body().path("error").asText().startsWith("Twilio API answered 500"), a.body().toString());
        }
    }

    @Test
    void thePagesAndTheirAssetsAreServedAndConfigNamesTheBots() {
        try (PagesFixture f = new PagesFixture("chat")) {
            assertTrue(f.page("/webchat/").body().contains("id=\"pre-engagement\""));
            assertTrue(f.page("/agent/").body().contains("id=\"activity-toggle\""));
            assertTrue(f.page("/ops/").body().contains("id=\"dead-letters\""));
            assertEquals(404, f.page("/api/ops/state").statusCode(), "no operations data without a stack behind the pages");
            assertEquals("text/javascript; charset=utf-8", f.page("/assets/webchat.js").headers().firstValue("Content-Type").orElse(""));
            for (String page : List.of("/webchat/", "/agent/", "/assets/webchat.js", "/assets/agent.js", "/assets/common.js",
                    "/assets/webchat.css", "/assets/agent.css", "/ops/", "/assets/ops.js", "/assets/ops.css")) {
                String body = f.page(page).body();
                assertFalse(body.contains("https://") || body.contains("http://"), page + " loads nothing from outside");
            }
            JsonNode config = f.call("GET", "/api/config", null).body();
            assertEquals("chat", config.path("platform").asText());
            assertEquals(List.of("OrderFlowers", "OrderPizza"), List.of(config.path("botNames").get(0).asText(), config.path("botNames").get(1).asText()));
            assertEquals(302, f.page("/").statusCode());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conversations", "chat"})
    void theEventStreamReplaysAndFollowsTheChatWithOnePollerThatStopsWhenNobodyListens(String platform) throws Exception {
        try (PagesFixture f = new PagesFixture(platform)) {
            JsonNode chat = f.startChat("Ana Lima");
            String chatSid = chat.path("chatSid").asText();
            String identity = chat.path("identity").asText();
            f.call("POST", "/api/webchat/chats/" + chatSid + "/messages", "{\"identity\":\"" + identity + "\",\"body\":\"first\"}");
            String author = platform.equals("conversations") ? "Author" : "From";
            try (EventReader one = new EventReader(f.events(chatSid)); EventReader two = new EventReader(f.events(chatSid))) {
                JsonNode replayed = one.nextMessage();
                assertNotNull(replayed, "history replayed");
                assertEquals("customer", replayed.path("data").path("role").asText());
                assertEquals("Ana Lima", replayed.path("data").path("author").asText());
                JsonNode status = one.next(e -> e.path("event").asText().equals("status"));
                assertNotNull(status, "the chat's state follows the history");
                assertFalse(status.path("data").path("closed").asBoolean());
                assertFalse(status.path("data").path("handedOff").asBoolean());
                assertEquals("Roses for Friday?", status.path("data").path("question").asText());
                f.twilio.post(f.chatPath(chatSid) + "/Messages", Map.of(author, "bot", "Body", "Pick one\nroses | tulips",
                        "Attributes", "{\"flexLex\":{\"turn\":\"IM1\",\"part\":1,\"parts\":1,\"contentType\":\"ImageResponseCard\",\"buttons\":[\"roses\",\"tulips\"]}}"));
                JsonNode bot = one.next(e -> e.path("data").path("role").asText().equals("bot"));
                assertNotNull(bot, "live bot message");
                assertEquals("Pick one", bot.path("data").path("body").asText(), "card choices become buttons, not text");
                assertEquals("roses", bot.path("data").path("buttons").get(0).path("value").asText());
                assertEquals("OrderFlowers", bot.path("data").path("author").asText());
                assertNotNull(two.next(e -> e.path("data").path("role").asText().equals("bot")), "second listener sees it too");
                assertEquals(1, f.pages.chatsPolled(), "one poller for the chat, whatever the listeners");
            }
            assertTrue(eventually(() -> f.pages.chatsPolled() == 0), "poller stopped after the last listener left");
        }
    }

    @Test
    void aStreamForAChatThatDoesNotExistSaysGoneAndEnds() throws Exception {
        try (PagesFixture f = new PagesFixture("conversations");
             EventReader events = new EventReader(f.events("CH00000000000000000000000000000000"))) {
            JsonNode gone = events.next(e -> true);
            assertNotNull(gone, "an event arrives");
            assertEquals("gone", gone.path("event").asText());
            assertEquals("CH00000000000000000000000000000000", gone.path("data").path("chatSid").asText());
            assertTrue(eventually(() -> f.pages.chatsPolled() == 0), "no poller left for it");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conversations", "chat"})
    void theAgentDeskAcceptsTalksAndEndsAHandedOffChat(String platform) {
        try (PagesFixture f = new PagesFixture(platform)) {
            JsonNode chat = f.startChat("Ana Lima");
            String chatSid = chat.path("chatSid").asText();
            handOff(f, chatSid);
            assertEquals(200, f.call("POST", "/api/desk/activity", "{\"activity\":\"Available\"}").status());
            JsonNode state = f.call("GET", "/api/desk/state", null).body();
            assertTrue(state.path("worker").path("available").asBoolean());
            JsonNode task = state.path("tasks").get(0);
            assertEquals("pending", task.path("reservationStatus").asText());
            assertEquals(chatSid, task.path("chatSid").asText());
            assertEquals("Ana Lima", task.path("customerName").asText());
            assertEquals("TalkToAgent", task.path("lastIntent").asText());
            assertEquals("roses", task.path("slots").path("FlowerType").asText());

            assertEquals(200, f.call("POST", "/api/desk/reservations/" + task.path("reservationSid").asText() + "/accept", null).status());
            List<String> members = new ArrayList<>();
            String list = platform.equals("conversations") ? "participants" : "members";
            f.twilio.get(f.chatPath(chatSid) + (platform.equals("conversations") ? "/Participants" : "/Members")).path(list)
                    .forEach(m -> members.add(m.path("identity").asText()));
            assertTrue(members.contains("agent"), "the agent joined the chat: " + members);

            String taskSid = task.path("taskSid").asText();
            assertEquals(200, f.call("POST", "/api/desk/tasks/" + taskSid + "/messages", "{\"body\":\"How can I help?\"}").status());
            JsonNode last = f.messages(chatSid).get(f.messages(chatSid).size() - 1);
            assertEquals("agent", last.path(platform.equals("conversations") ? "author" : "from").asText());
            assertEquals(400, f.call("POST", "/api/desk/tasks/" + taskSid + "/messages", "{\"body\":\" \"}").status());

            assertEquals(200, f.call("POST", "/api/desk/tasks/" + taskSid + "/end", null).status());
            JsonNode closed = f.chat(chatSid);
            if (platform.equals("conversations")) {
                assertEquals("closed", closed.path("state").asText());
            } else {
                assertEquals("INACTIVE", Pages.attributes(closed.path("attributes").asText()).path("status").asText());
            }
            assertEquals("completed", f.twilio.get("/taskrouter/v1/Workspaces/" + f.info.workspaceSid() + "/Tasks/" + taskSid)
                    .path("assignment_status").asText());
            assertEquals(0, f.call("GET", "/api/desk/state", null).body().path("tasks").size(), "no live task left");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conversations", "chat"})
    void theAgentDeskHoldsSeveralChatsAtOnce(String platform) {
        try (PagesFixture f = new PagesFixture(platform)) {
            List<String> chats = new ArrayList<>();
            for (int i = 0; i < AgentDesk.CHAT_CAPACITY; i++) {
                String chatSid = f.startChat("Customer " + i).path("chatSid").asText();
                handOff(f, chatSid);
                chats.add(chatSid);
            }
            assertEquals(200, f.call("POST", "/api/desk/activity", "{\"activity\":\"Available\"}").status());
            JsonNode tasks = f.call("GET", "/api/desk/state", null).body().path("tasks");
            assertEquals(AgentDesk.CHAT_CAPACITY, tasks.size(), "every handed-off chat is offered to the one agent: " + tasks);
            List<String> offered = new ArrayList<>();
            tasks.forEach(t -> offered.add(t.path("chatSid").asText()));
            assertTrue(offered.containsAll(chats), offered.toString());
            for (JsonNode t : tasks) {
                assertEquals(200, f.call("POST", "/api/desk/reservations/" + t.path("reservationSid").asText() + "/accept", null).status());
            }
            for (JsonNode t : tasks) {
                assertEquals(200, f.call("POST", "/api/desk/tasks/" + t.path("taskSid").asText() + "/messages",
                        "{\"body\":\"Hello from the agent\"}").status());
            }
            for (String chatSid : chats) {
                JsonNode last = f.messages(chatSid).get(f.messages(chatSid).size() - 1);
                assertEquals("Hello from the agent", last.path("body").asText(), "each chat got its own agent message");
            }
        }
    }

    @Test
    void anUnknownActivityAnswers400AndLeavesTheWorkerAsItWas() {
        try (PagesFixture f = new PagesFixture("chat")) {
            PagesFixture.Answer a = f.call("POST", "/api/desk/activity", "{\"activity\":\"Dancing\"}");
            assertEquals(400, a.status());
            assertEquals("no activity named 'Dancing'", a.body().path("error").asText());
            assertEquals("Offline", f.call("GET", "/api/desk/state", null).body().path("worker").path("activity").asText());
        }
    }

    @Test
    void aTakenPortFailsWithAMessageNamingIt() throws Exception {
        try (PagesFixture f = new PagesFixture("chat"); ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> PagesServer.start(taken.getLocalPort(), f.info));
            assertTrue(e.getMessage().startsWith("pages could not start on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void aStackInfoThePagesCannotServeFailsAtStartNamingWhatIsMissing() {
        try (PagesFixture f = new PagesFixture("conversations")) {
            StackInfo i = f.info;
            StackInfo sms = new StackInfo("sms", i.flexBaseUrl(), i.accountSid(), i.authToken(), i.conversationsServiceSid(),
                    i.chatServiceSid(), i.flexFlowSid(), i.addressSid(), i.workspaceSid(), i.workflowSid(), i.workerSid(),
                    i.taskQueueSid(), i.lexBaseUrl(), i.sqsBaseUrl(), i.webhookUrl(), i.botNames());
            assertEquals("platform must be conversations or chat, got 'sms'",
                    assertThrows(IllegalArgumentException.class, () -> PagesServer.start(0, sms)).getMessage());
            StackInfo noAddress = new StackInfo("conversations", i.flexBaseUrl(), i.accountSid(), i.authToken(),
                    i.conversationsServiceSid(), i.chatServiceSid(), null, null, i.workspaceSid(), i.workflowSid(),
                    i.workerSid(), i.taskQueueSid(), i.lexBaseUrl(), i.sqsBaseUrl(), i.webhookUrl(), i.botNames());
            assertEquals("the conversations platform needs the webchat address configuration SID (IG...)",
                    assertThrows(IllegalArgumentException.class, () -> PagesServer.start(0, noAddress)).getMessage());
            StackInfo noFlow = new StackInfo("chat", i.flexBaseUrl(), i.accountSid(), i.authToken(),
                    i.conversationsServiceSid(), i.chatServiceSid(), null, null, i.workspaceSid(), i.workflowSid(),
                    i.workerSid(), i.taskQueueSid(), i.lexBaseUrl(), i.sqsBaseUrl(), i.webhookUrl(), i.botNames());
            assertEquals("the chat platform needs the Flex Flow SID (FO...)",
                    assertThrows(IllegalArgumentException.class, () -> PagesServer.start(0, noFlow)).getMessage());
            assertEquals("pages port must be 0..65535, got 70000",
                    assertThrows(IllegalArgumentException.class, () -> PagesServer.start(70000, i)).getMessage());
        }
    }

    /** What the bridge's outbound function does on a hand-off: an Interaction (Conversations) or a task (Chat). */
    private static void handOff(PagesFixture f, String chatSid) {
        String key = f.info.platform().equals("conversations") ? "conversationSid" : "channelSid";
        String attributes = "{\"" + key + "\":\"" + chatSid + "\",\"channelType\":\"web\",\"name\":\"Ana Lima\",\"customerName\":\"Ana Lima\","
                + "\"botName\":\"OrderFlowers\",\"lastIntent\":\"TalkToAgent\",\"slots\":{\"FlowerType\":\"roses\"}}";
        if (f.info.platform().equals("conversations")) {
            JsonNode interaction = f.twilio.post("/flex-api/v1/Interactions", Map.of(
                    "Channel", "{\"type\":\"web\",\"initiated_by\":\"customer\",\"properties\":{\"media_channel_sid\":\"" + chatSid + "\"}}",
                    "Routing", "{\"properties\":{\"workspace_sid\":\"" + f.info.workspaceSid() + "\",\"workflow_sid\":\""
                            + f.info.workflowSid() + "\",\"task_channel_unique_name\":\"chat\",\"attributes\":" + attributes + "}}"));
            awaitChannel(f, interaction.path("sid").asText());
        } else {
            f.twilio.post("/taskrouter/v1/Workspaces/" + f.info.workspaceSid() + "/Tasks",
                    Map.of("WorkflowSid", f.info.workflowSid(), "TaskChannel", "chat", "Attributes", attributes));
        }
    }

    /** Interactions are set up asynchronously, as on Twilio: the task exists once the channel is listed. */
    private static void awaitChannel(PagesFixture f, String interactionSid) {
        for (int i = 0; i < 100; i++) {
            if (!f.twilio.get("/flex-api/v1/Interactions/" + interactionSid + "/Channels").path("channels").isEmpty()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("interaction " + interactionSid + " got no channel");
    }
}
