package dev.flexlex.it.events;

import static dev.flexlex.it.events.EventFiles.TEST_AUTH_TOKEN;
import static dev.flexlex.it.events.EventFiles.TEST_WEBHOOK_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.twilio.security.RequestValidator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook events in {@code events/} are real-shaped and signed the way Twilio signs (checked by twilio-java). */
class WebhookEventsTest {

    private final RequestValidator validator = new RequestValidator(TEST_AUTH_TOKEN);

    @Test
    void conversationsEventIsAnOnMessageAddedSignedForTheTestUrl() {
        APIGatewayV2HTTPEvent event = EventFiles.httpEvent("webhook-conversations.json");
        Map<String, String> form = EventFiles.formParameters(event);

        assertHttpApiShape(event);
        assertEquals("onMessageAdded", form.get("EventType"));
        for (String field : new String[] {"AccountSid", "ConversationSid", "MessageSid", "Author", "Body", "Source",
                "WebhookSid", "ParticipantSid", "Index", "DateCreated", "Attributes"}) {
            assertTrue(form.containsKey(field), "onMessageAdded carries " + field);
        }
        assertSigned(event, form);
    }

    @Test
    void chatEventIsAnOnMessageSentSignedForTheTestUrlWithItsQueryString() {
        APIGatewayV2HTTPEvent event = EventFiles.httpEvent("webhook-chat.json");
        Map<String, String> form = EventFiles.formParameters(event);

        assertHttpApiShape(event);
        assertEquals("bot=OrderFlowers", event.getRawQueryString());
        assertEquals("onMessageSent", form.get("EventType"));
        for (String field : new String[] {"AccountSid", "ChannelSid", "MessageSid", "From", "Body", "Source",
                "WebhookSid", "ServiceSid", "Index", "DateCreated", "Attributes"}) {
            assertTrue(form.containsKey(field), "onMessageSent carries " + field);
        }
        assertSigned(event, form);
        assertFalse(validator.validate(TEST_WEBHOOK_URL, form, signature(event)),
                "the query string is part of the signed URL");
    }

    @Test
    void badSignatureEventCarriesTheSameBodyAsTheGoodOneButFailsValidation() {
        APIGatewayV2HTTPEvent bad = EventFiles.httpEvent("webhook-bad-signature.json");
        APIGatewayV2HTTPEvent good = EventFiles.httpEvent("webhook-conversations.json");

        assertHttpApiShape(bad);
        assertEquals(good.getBody(), bad.getBody());
        assertFalse(signature(bad).isBlank());
        assertFalse(validator.validate(TEST_WEBHOOK_URL, EventFiles.formParameters(bad), signature(bad)));
    }

    @Test
    void malformedEventIsSignedButLacksTheMessageSid() {
        APIGatewayV2HTTPEvent event = EventFiles.httpEvent("webhook-malformed.json");
        Map<String, String> form = EventFiles.formParameters(event);

        assertHttpApiShape(event);
        assertFalse(form.containsKey("MessageSid"));
        assertEquals("onMessageAdded", form.get("EventType"));
        assertSigned(event, form);
    }

    private void assertSigned(APIGatewayV2HTTPEvent event, Map<String, String> form) {
        String url = TEST_WEBHOOK_URL + (event.getRawQueryString().isEmpty() ? "" : "?" + event.getRawQueryString());
        assertTrue(validator.validate(url, form, signature(event)),
                "signature of " + url + " should be " + TwilioSignatures.sign(TEST_AUTH_TOKEN, url, form));
    }

    private static void assertHttpApiShape(APIGatewayV2HTTPEvent event) {
        assertEquals("2.0", event.getVersion());
        assertEquals("POST /twilio/webhook", event.getRouteKey());
        assertEquals("POST", event.getRequestContext().getHttp().getMethod());
        assertTrue(event.getIsBase64Encoded(), "HTTP API delivers form bodies base64-encoded");
        event.getHeaders().keySet().forEach(name -> assertEquals(name.toLowerCase(), name, "HTTP API lower-cases headers"));
        assertTrue(event.getHeaders().get("content-type").startsWith("application/x-www-form-urlencoded"));
    }

    private static String signature(APIGatewayV2HTTPEvent event) {
        return event.getHeaders().getOrDefault("x-twilio-signature", "");
    }
}
