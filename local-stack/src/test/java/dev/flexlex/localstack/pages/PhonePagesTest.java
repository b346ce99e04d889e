package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The phone page's backend ({@code /api/phone/...}) and the agent desk's channel, over HTTP against an in-process
 * local Flex configured with SMS and WhatsApp address configurations.
 */
class PhonePagesTest {

    @Test
    void thePhonePageIsServedAndConfigNamesTheShopsAddressesOnlyOnConversations() {
        try (PagesFixture f = new PagesFixture("conversations")) {
            assertTrue(f.page("/phone/").body().contains("id=\"phone-number\""));
            for (String page : new String[] {"/phone/", "/assets/phone.js", "/assets/phone.css", "/assets/site.css"}) {
                String body = f.page(page).body();
                assertEquals(200, f.page(page).statusCode(), page);
                assertFalse(body.contains("https://") || body.contains("http://"), page + " loads nothing from outside");
                assertFalse(body.contains(f.info.authToken()) || body.contains(f.info.accountSid()), page + " holds no credentials");
            }
            assertTrue(f.page("/ops/").body().contains("href=\"/phone/\""), "the operations page links the phone");
            assertTrue(f.page("/webchat/").body().contains("href=\"/phone/\""), "the webchat's site links the phone");
            JsonNode config = f.call("GET", "/api/config", null).body();
            assertEquals("+15005550006", config.path("phoneAddresses").path("sms").asText());
            assertEquals("whatsapp:+15005550006", config.path("phoneAddresses").path("whatsapp").asText());
        }
        try (PagesFixture f = new PagesFixture("chat")) {
            assertEquals(0, f.call("GET", "/api/config", null).body().path("phoneAddresses").size());
            PagesFixture.Answer a = f.call("POST", "/api/phone/messages", "{\"channel\":\"sms\",\"phone\":\"+12025550147\",\"body\":\"hi\"}");
            assertEquals(400, a.status());
            assertEquals("this stack has no SMS or WhatsApp address (they exist on the conversations platform)",
                    a.body().path("error").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sms", "whatsapp"})
    void aTextReachesTheAddressWebhookAndWhatTheShopSendsComesBackToThePhone(String channel) {
        try (PagesFixture f = new PagesFixture("conversations")) {
            String phone = "+12025550147";
            String address = channel.equals("sms") ? phone : "whatsapp:" + phone;
            PagesFixture.Answer sent = f.call("POST", "/api/phone/messages",
                    "{\"channel\":\"" + channel + "\",\"phone\":\"" + phone + "\",\"body\":\" I would like to order flowers \"}");
            assertEquals(200, sent.status(), sent.body().toString());
            String conversationSid = sent.body().path("conversationSid").asText();
            assertTrue(conversationSid.startsWith("CH"), sent.body().toString());
            assertTrue(sent.body().path("messageSid").asText().startsWith("IM"), sent.body().toString());
            assertTrue(PagesFixture.eventually(() -> f.webhookCalls.get() == 1), "the address's webhook fired once");
            JsonNode message = f.messages(conversationSid).get(0);
            assertEquals(address, message.path("author").asText(), "the phone wrote it");
            assertEquals("I would like to order flowers", message.path("body").asText());
            JsonNode participant = f.twilio.get("/conversations/v1/Conversations/" + conversationSid + "/Participants")
                    .path("participants").get(0);
            assertEquals(address, participant.path("messaging_binding").path("address").asText());
            assertEquals(channel.equals("sms") ? "+15005550006" : "whatsapp:+15005550006",
                    participant.path("messaging_binding").path("proxy_address").asText());

            String read = "/api/phone/messages?channel=" + channel + "&phone=%2B12025550147";
            assertEquals(0, f.call("GET", read, null).body().path("messages").size(), "the phone's own text is not delivered to it");
            f.twilio.post("/conversations/v1/Conversations/" + conversationSid + "/Messages",
                    Map.of("Author", "bot", "Body", "What type of flowers would you like to order?"));
            JsonNode delivered = f.call("GET", read, null).body().path("messages");
            assertEquals(1, delivered.size(), delivered.toString());
            assertEquals("What type of flowers would you like to order?", delivered.get(0).path("body").asText());
            assertEquals(conversationSid, delivered.get(0).path("conversationSid").asText());
            assertTrue(delivered.get(0).path("sid").asText().startsWith("IM"));
            String other = channel.equals("sms") ? "whatsapp" : "sms";
            assertEquals(0, f.call("GET", "/api/phone/messages?channel=" + other + "&phone=%2B12025550147", null)
                    .body().path("messages").size(), "the other channel's thread is another address");

            PagesFixture.Answer again = f.call("POST", "/api/phone/messages",
                    "{\"channel\":\"" + channel + "\",\"phone\":\"" + phone + "\",\"body\":\"roses\"}");
            assertEquals(conversationSid, again.body().path("conversationSid").asText(), "the same conversation continues");
        }
    }

    @Test
    void anSmsCustomersMessagesReachTheDeskAsTheCustomers() throws Exception {
        try (PagesFixture f = new PagesFixture("conversations")) {
            String conversationSid = f.call("POST", "/api/phone/messages",
                    "{\"channel\":\"sms\",\"phone\":\"+12025550147\",\"body\":\"talk to an agent\"}").body()
                    .path("conversationSid").asText();
            try (EventReader events = new EventReader(f.events(conversationSid))) {
                JsonNode first = events.nextMessage().path("data");
                assertEquals("customer", first.path("role").asText(), first.toString());
                assertEquals("+12025550147", first.path("author").asText());
                JsonNode status = events.next(e -> e.path("event").asText().equals("status")).path("data");
                assertEquals("+12025550147", status.path("customerName").asText());
                assertFalse(status.path("agentJoined").asBoolean(), "the phone's participant is no agent");
            }
        }
    }

    @Test
    void badPhoneRequestsAnswer400NamingTheProblemAndSendNothing() {
        try (PagesFixture f = new PagesFixture("conversations")) {
            Map<String, String> cases = new LinkedHashMap<>();
            cases.put("{\"channel\":\"fax\",\"phone\":\"+12025550147\",\"body\":\"hi\"}", "channel must be one of [sms, whatsapp]");
            cases.put("{\"phone\":\"+12025550147\",\"body\":\"hi\"}", "channel must be one of [sms, whatsapp]");
            String e164 = "phone must be a number in E.164 format, e.g. +15551234567";
            cases.put("{\"channel\":\"sms\",\"phone\":\"2025550147\",\"body\":\"hi\"}", e164);
            cases.put("{\"channel\":\"sms\",\"phone\":\"+0205550147\",\"body\":\"hi\"}", e164);
            cases.put("{\"channel\":\"sms\",\"phone\":\"+1202555014712345\",\"body\":\"hi\"}", e164);
            cases.put("{\"channel\":\"whatsapp\",\"phone\":\"whatsapp:+12025550147\",\"body\":\"hi\"}", e164);
            cases.put("{\"channel\":\"sms\",\"body\":\"hi\"}", e164);
            cases.put("{\"channel\":\"sms\",\"phone\":\"+12025550147\",\"body\":\"   \"}", "message must be 1..1600 characters");
            cases.put("{\"channel\":\"sms\",\"phone\":\"+12025550147\",\"body\":\"" + "m".repeat(1601) + "\"}",
                    "message must be 1..1600 characters");
            cases.put("not json", "body must be a JSON object");
            cases.forEach((body, error) -> {
                PagesFixture.Answer a = f.call("POST", "/api/phone/messages", body);
                assertEquals(400, a.status(), body);
                assertEquals(error, a.body().path("error").asText(), body);
            });
            PagesFixture.Answer read = f.call("GET", "/api/phone/messages?channel=sms&phone=12025550147", null);
            assertEquals(400, read.status());
            assertEquals(e164, read.body().path("error").asText());
            assertEquals(0, f.twilio.get("/conversations/v1/Conversations").path("conversations").size(), "no conversation created");
            assertEquals(0, f.webhookCalls.get(), "no webhook fired");
        }
    }

    @Test
    void theDeskShowsEachTasksChannelAndTheSmsCustomersAddressAndTasksWithoutThemAsBefore() {
        try (PagesFixture f = new PagesFixture("chat")) {
            String tasks = "/taskrouter/v1/Workspaces/" + f.info.workspaceSid() + "/Tasks";
            f.twilio.post(tasks, Map.of("WorkflowSid", f.info.workflowSid(), "TaskChannel", "chat", "Attributes",
                    "{\"channelSid\":\"CH00000000000000000000000000000001\",\"channelType\":\"sms\","
                            + "\"customerAddress\":\"+12025550147\",\"botName\":\"OrderFlowers\"}"));
            f.twilio.post(tasks, Map.of("WorkflowSid", f.info.workflowSid(), "TaskChannel", "chat", "Attributes",
                    "{\"channelSid\":\"CH00000000000000000000000000000002\",\"channelType\":\"whatsapp\","
                            + "\"customerAddress\":\"whatsapp:+12025550148\",\"customerName\":\"Ana Lima\"}"));
            f.twilio.post(tasks, Map.of("WorkflowSid", f.info.workflowSid(), "TaskChannel", "chat", "Attributes",
                    "{\"channelSid\":\"CH00000000000000000000000000000003\",\"name\":\"Ben Okafor\"}"));
            assertEquals(200, f.call("POST", "/api/desk/activity", "{\"activity\":\"Available\"}").status());
            Map<String, JsonNode> byChat = new LinkedHashMap<>();
            assertTrue(PagesFixture.eventually(() -> {
                byChat.clear();
                f.call("GET", "/api/desk/state", null).body().path("tasks").forEach(t -> byChat.put(t.path("chatSid").asText(), t));
                return byChat.size() == 3;
            }), "three tasks offered: " + byChat.keySet());

            JsonNode sms = byChat.get("CH00000000000000000000000000000001");
            assertEquals("sms", sms.path("channelType").asText());
            assertEquals("+12025550147", sms.path("customerAddress").asText());
            assertEquals("+12025550147", sms.path("customerName").asText(), "no name given: the address names the customer");
            JsonNode whatsapp = byChat.get("CH00000000000000000000000000000002");
            assertEquals("whatsapp", whatsapp.path("channelType").asText());
            assertEquals("whatsapp:+12025550148", whatsapp.path("customerAddress").asText());
            assertEquals("Ana Lima", whatsapp.path("customerName").asText());
            JsonNode old = byChat.get("CH00000000000000000000000000000003");
            assertTrue(old.path("channelType").isNull(), "a task without a channel type: " + old);
            assertTrue(old.path("customerAddress").isNull());
            assertEquals("Ben Okafor", old.path("customerName").asText());
        }
    }
}
