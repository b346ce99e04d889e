package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

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
            for (String page : new String[] {"/phone/", "/assets/phone.js", "/assets/phone.css"}) {
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
