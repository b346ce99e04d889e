package dev.flexlex.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.priming.PrimingKit;
import dev.flexlex.registry.BotRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler fed the webhook events of {@code events/} (signed with the documented test token for that URL). */
class TwilioWebhookHandlerTest {
    final WebhookServiceTest.RecordingQueue queue = new WebhookServiceTest.RecordingQueue();
    final WebhookServiceTest.FakeFacts facts = new WebhookServiceTest.FakeFacts();

    TwilioWebhookHandler handler(ChatPlatformKind platform) {
        return new TwilioWebhookHandler(new WebhookService(platform,
                new TwilioSignatureVerifier(WebhookServiceTest.URL, WebhookServiceTest.CREDENTIALS),
                BotRegistry.parse(WebhookServiceTest.REGISTRY), facts, queue, "bot", Clock.systemUTC()));
    }

    /** An HTTP API event of {@code events/}, to change before sending. */
    static ObjectNode load(String file) {
        try {
            return (ObjectNode) Json.mapper().readTree(Files.readString(Path.of("..", "events", file)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read events/" + file, e);
        }
    }

    /** The event through Lambda's entry point; the response's JSON. */
    static JsonNode invoke(TwilioWebhookHandler handler, JsonNode event) {
        return PrimingKit.invoke((in, out) -> handler.handleRequest(in, out, null),
                event.toString().getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode body(JsonNode response) {
        try {
            return Json.mapper().readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theConversationsEventIsEnqueued() {
        JsonNode response = invoke(handler(ChatPlatformKind.CONVERSATIONS), load("webhook-conversations.json"));

        assertEquals(200, response.path("statusCode").asInt());
        assertEquals("application/json", response.path("headers").path("Content-Type").asText());
        BotTurn turn = (BotTurn) queue.sent.get(0).record();
        assertEquals("CH00000000000000000000000000000001", queue.sent.get(0).group());
        assertEquals("IM00000000000000000000000000000001", queue.sent.get(0).dedup());
        assertEquals("I would like to order flowers", turn.text());
        assertEquals("OrderFlowers", turn.botName());
    }

    /** Also: the chat event's signed query string ({@code ?bot=}) is part of what is verified. */
    @Test
    void lambdasStreamEntryPointReadsTheEventFileAndWritesThePayload20Response() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        handler(ChatPlatformKind.CHAT).handleRequest(Files.newInputStream(Path.of("..", "events", "webhook-chat.json")),
                out, null);

        JsonNode response = Json.mapper().readTree(out.toByteArray());
        assertEquals(200, response.path("statusCode").asInt());
        assertEquals("application/json", response.path("headers").path("Content-Type").asText());
        assertEquals(false, response.path("isBase64Encoded").asBoolean(true));
        assertEquals("accepted", Json.mapper().readTree(response.path("body").asText()).path("status").asText(),
                response.toString());
        BotTurn turn = (BotTurn) queue.sent.get(0).record();
        assertEquals(ChatPlatformKind.CHAT, turn.platform());
    }

    @Test
    void theBadSignatureEventIs403WithNothingEnqueued() {
        JsonNode response = invoke(handler(ChatPlatformKind.CONVERSATIONS), load("webhook-bad-signature.json"));

        assertEquals(403, response.path("statusCode").asInt());
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void theMalformedEventIs400NamingTheField() {
        JsonNode response = invoke(handler(ChatPlatformKind.CONVERSATIONS), load("webhook-malformed.json"));

        assertEquals(400, response.path("statusCode").asInt());
        assertEquals("MessageSid", body(response).path("field").asText());
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void aBodyThatIsNotBase64Is400() {
        ObjectNode event = load("webhook-conversations.json").put("body", "%%%not base64%%%");

        JsonNode response = invoke(handler(ChatPlatformKind.CONVERSATIONS), event);

        assertEquals(400, response.path("statusCode").asInt());
        assertEquals("body", body(response).path("field").asText());
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void aSignatureHeaderInAnyCaseIsFound() {
        ObjectNode event = load("webhook-conversations.json");
        ObjectNode headers = (ObjectNode) event.path("headers");
        headers.set("X-Twilio-Signature", headers.remove("x-twilio-signature"));

        assertEquals(200, invoke(handler(ChatPlatformKind.CONVERSATIONS), event).path("statusCode").asInt());
    }

    @Test
    void anUnexpectedFailureIs5xxSoTwilioRetries() {
        facts.failure = new IllegalStateException("bug");

        JsonNode response = invoke(handler(ChatPlatformKind.CONVERSATIONS), load("webhook-conversations.json"));

        assertEquals(503, response.path("statusCode").asInt());
        assertTrue(body(response).path("error").asText().contains("retry"));
    }
}
