package dev.flexlex.localflex.webhook;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our signature against twilio-java's own validator, which implements Twilio's published algorithm. */
class WebhookSignerTest {
    private static final String URL = "https://example.com/webhook?bot=OrderFlowers&x=1";
    private static final Map<String, String> PARAMS = Map.of("EventType", "onMessageAdded", "Body", "hi & bye = ok",
            "Author", "guest", "Index", "0", "Attributes", "{\"a\":1}");

    @Test
    void twilioJavaAcceptsOurSignatureForPostAndGet() {
        String signature = new WebhookSigner("token-1").sign(URL, PARAMS);
        assertTrue(new RequestValidator("token-1").validate(URL, PARAMS, signature));
        String getSignature = new WebhookSigner("token-1").sign(URL, Map.of());
        assertTrue(new RequestValidator("token-1").validate(URL, Map.of(), getSignature));
    }

    @Test
    void anotherTokenOrAChangedParameterFails() {
        String signature = new WebhookSigner("token-1").sign(URL, PARAMS);
        assertFalse(new RequestValidator("token-2").validate(URL, PARAMS, signature));
        Map<String, String> tampered = new java.util.HashMap<>(PARAMS);
        tampered.put("Body", "hi");
        assertFalse(new RequestValidator("token-1").validate(URL, tampered, signature));
        assertFalse(new RequestValidator("token-1").validate(URL.replace("x=1", "x=2"), PARAMS, signature));
    }
}
