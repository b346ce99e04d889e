package dev.flexlex.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.registry.BotRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    static APIGatewayV2HTTPEvent load(String file) {
        try {
            JsonNode root = Json.mapper().readTree(Files.readString(Path.of("..", "events", file)));
            Map<String, String> headers = new LinkedHashMap<>();
            root.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            return APIGatewayV2HTTPEvent.builder()
                    .withVersion(root.path("version").asText())
                    .withRouteKey(root.path("routeKey").asText())
                    .withRawPath(root.path("rawPath").asText())
                    .withRawQueryString(root.path("rawQueryString").asText())
                    .withHeaders(headers)
                    .withBody(root.path("body").asText())
                    .withIsBase64Encoded(root.path("isBase64Encoded").asBoolean())
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read events/" + file, e);
        }
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return Json.mapper().readTree(response.getBody());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theConversationsEventIsEnqueued() {
        APIGatewayV2HTTPResponse response = handler(ChatPlatformKind.CONVERSATIONS).handle(
                load("webhook-conversations.json"), null);

        assertEquals(200, response.getStatusCode());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        BotTurn turn = (BotTurn) queue.sent.get(0).record();
        assertEquals("CH00000000000000000000000000000001", queue.sent.get(0).group());
        assertEquals("IM00000000000000000000000000000001", queue.sent.get(0).dedup());
        assertEquals("I would like to order flowers", turn.text());
        assertEquals("OrderFlowers", turn.botName());
    }

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
    void aBadSignatureThroughTheStreamEntryPointIsRefused() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        handler(ChatPlatformKind.CONVERSATIONS).handleRequest(
                Files.newInputStream(Path.of("..", "events", "webhook-bad-signature.json")), out, null);

        assertEquals(403, Json.mapper().readTree(out.toByteArray()).path("statusCode").asInt());
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void theChatEventWithItsSignedQueryStringIsEnqueued() {
        APIGatewayV2HTTPResponse response = handler(ChatPlatformKind.CHAT).handle(load("webhook-chat.json"), null);

        assertEquals(200, response.getStatusCode());
        assertEquals(ChatPlatformKind.CHAT, ((BotTurn) queue.sent.get(0).record()).platform());
    }

    @Test
    void theBadSignatureEventIs403WithNothingEnqueued() {
        APIGatewayV2HTTPResponse response = handler(ChatPlatformKind.CONVERSATIONS).handle(
                load("webhook-bad-signature.json"), null);

        assertEquals(403, response.getStatusCode());
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void theMalformedEventIs400NamingTheField() {
        APIGatewayV2HTTPResponse response = handler(ChatPlatformKind.CONVERSATIONS).handle(
                load("webhook-malformed.json"), null);

        assertEquals(400, response.getStatusCode());
        assertEquals("MessageSid", body(response).path("field").asText());
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void aBodyThatIsNotBase64Is400() {
        APIGatewayV2HTTPEvent event = load("webhook-conversations.json");
        event.setBody("%%%not base64%%%");

        APIGatewayV2HTTPResponse response = handler(ChatPlatformKind.CONVERSATIONS).handle(event, null);

        assertEquals(400, response.getStatusCode());
        assertEquals("body", body(response).path("field").asText());
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void aSignatureHeaderInAnyCaseIsFound() {
        APIGatewayV2HTTPEvent event = load("webhook-conversations.json");
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
        headers.put("X-Twilio-Signature", headers.remove("x-twilio-signature"));
        event.setHeaders(headers);

        assertEquals(200, handler(ChatPlatformKind.CONVERSATIONS).handle(event, null).getStatusCode());
    }

    @Test
    void anUnexpectedFailureIs5xxSoTwilioRetries() {
        facts.failure = new IllegalStateException("bug");

        APIGatewayV2HTTPResponse response = handler(ChatPlatformKind.CONVERSATIONS).handle(
                load("webhook-conversations.json"), null);

        assertEquals(503, response.getStatusCode());
        assertTrue(body(response).path("error").asText().contains("retry"));
    }
}
