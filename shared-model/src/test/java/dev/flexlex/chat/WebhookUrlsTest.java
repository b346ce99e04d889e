package dev.flexlex.chat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookUrlsTest {
    static final String URL = "https://abc.execute-api.us-east-1.amazonaws.com/twilio/webhook";
    static final String FRAGMENT = "#ct=2000&rt=5000&tt=15000&rc=2&rp=ct,rt,5xx";

    @Test
    void theQueryStringAndTheConnectionOverrideFragmentAreIgnoredOnEitherSide() {
        assertTrue(WebhookUrls.pointsAt(Map.of("url", URL + "?bot=OrderFlowers" + FRAGMENT), URL + FRAGMENT));
        assertTrue(WebhookUrls.pointsAt(Map.of("url", URL + FRAGMENT), URL));
        assertTrue(WebhookUrls.pointsAt(Map.of("url", URL), URL + FRAGMENT));
        assertTrue(WebhookUrls.pointsAt(Map.of("url", URL + "?bot=OrderFlowers"), URL));
    }

    @Test
    void anotherPathOrNoUrlIsNotTheBotsWebhook() {
        assertFalse(WebhookUrls.pointsAt(Map.of("url", URL + "/other" + FRAGMENT), URL + FRAGMENT));
        assertFalse(WebhookUrls.pointsAt(Map.of("method", "POST"), URL));
        assertFalse(WebhookUrls.pointsAt("not a map", URL));
    }
}
