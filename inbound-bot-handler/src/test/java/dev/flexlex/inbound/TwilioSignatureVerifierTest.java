package dev.flexlex.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.twilio.RotatingCredentials;
import dev.flexlex.twilio.TwilioCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Signatures computed the way Twilio documents it (HMAC-SHA1 over the URL followed by each POST parameter's name
 * and value, sorted by name; base64), independently of the verifier under test.
 */
class TwilioSignatureVerifierTest {
    static final String URL = "https://abc.execute-api.us-east-1.amazonaws.com/twilio/webhook";
    static final Map<String, String> FORM = Map.of("EventType", "onMessageAdded", "Body", "Hi there",
            "ConversationSid", "CH00000000000000000000000000000001");

    static final String AUTH_TOKEN = "test-auth-token-0001";

    final TwilioSignatureVerifier verifier = new TwilioSignatureVerifier(URL, credentials());

    static TwilioCredentials credentials() {
        return new TwilioCredentials() {
            @Override
            public String accountSid() {
                return "AC00000000000000000000000000000001";
            }

            @Override
            public String authToken() {
                return AUTH_TOKEN;
            }
        };
    }

    /** Twilio's documented algorithm. */
    public static String sign(String authToken, String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void acceptsTwiliosSignatureOverTheConfiguredUrl() {
        assertTrue(verifier.isValid(null, FORM, sign(AUTH_TOKEN, URL, FORM)));
    }

    @Test
    void includesTheRawQueryString() {
        String signature = sign(AUTH_TOKEN, URL + "?bot=OrderFlowers", FORM);

        assertTrue(verifier.isValid("bot=OrderFlowers", FORM, signature));
        assertFalse(verifier.isValid("bot=Other", FORM, signature));
        assertFalse(verifier.isValid(null, FORM, signature));
    }

    @Test
    void rejectsAnotherUrlAnotherTokenAChangedBodyOrNoSignature() {
        assertFalse(verifier.isValid(null, FORM, sign(AUTH_TOKEN, URL + "/other", FORM)));
        assertFalse(verifier.isValid(null, FORM, sign("another-token", URL, FORM)));
        Map<String, String> changed = new TreeMap<>(FORM);
        changed.put("Body", "Hi there!");
        assertFalse(verifier.isValid(null, changed, sign(AUTH_TOKEN, URL, FORM)));
        assertFalse(verifier.isValid(null, FORM, null));
        assertFalse(verifier.isValid(null, FORM, ""));
    }

    @Test
    void theSignedUrlIsTheConfiguredOneNeverARebuiltOne() {
        assertEquals(URL + "?a=1&b=2", verifier.signedUrl("a=1&b=2"));
        assertEquals(URL, verifier.signedUrl(""));
    }

    @Test
    void aRotatedTokenIsUsedOnTheNextRequest() {
        String[] token = {"first-token"};
        TwilioSignatureVerifier rotating = new TwilioSignatureVerifier(URL, new TwilioCredentials() {
            @Override
            public String accountSid() {
                return "AC00000000000000000000000000000001";
            }

            @Override
            public String authToken() {
                return token[0];
            }
        });

        assertTrue(rotating.isValid(null, FORM, sign("first-token", URL, FORM)));
        assertTrue(rotating.isValid(null, FORM, sign("first-token", URL, FORM)));
        token[0] = "second-token";
        assertFalse(rotating.isValid(null, FORM, sign("first-token", URL, FORM)));
        assertTrue(rotating.isValid(null, FORM, sign("second-token", URL, FORM)));
    }

    /** The template's WEBHOOK_PUBLIC_URL ends in Twilio's connection-override fragment. */
    static final String FRAGMENT = "#ct=2000&rt=5000&tt=15000&rc=2&rp=ct,rt,5xx";

    @Test
    void withAFragmentOnTheConfiguredUrlASignatureOverTheRequestedUrlIsAccepted() {
        TwilioSignatureVerifier withFragment = new TwilioSignatureVerifier(URL + FRAGMENT, credentials());

        assertTrue(withFragment.isValid(null, FORM, sign(AUTH_TOKEN, URL, FORM)));
        assertTrue(withFragment.isValid("bot=OrderFlowers", FORM,
                sign(AUTH_TOKEN, URL + "?bot=OrderFlowers", FORM)), "the query string goes before the fragment");
        assertEquals(URL + "?bot=OrderFlowers", withFragment.signedUrl("bot=OrderFlowers"));
    }

    @Test
    void withAFragmentOnTheConfiguredUrlASignatureOverTheUrlAsConfiguredIsAcceptedToo() {
        TwilioSignatureVerifier withFragment = new TwilioSignatureVerifier(URL + FRAGMENT, credentials());

        assertTrue(withFragment.isValid(null, FORM, sign(AUTH_TOKEN, URL + FRAGMENT, FORM)));
        assertTrue(withFragment.isValid("bot=OrderFlowers", FORM,
                sign(AUTH_TOKEN, URL + "?bot=OrderFlowers" + FRAGMENT, FORM)));
        assertFalse(withFragment.isValid(null, FORM, sign(AUTH_TOKEN, URL + "#rc=5", FORM)),
                "another fragment is another URL");
        assertFalse(withFragment.isValid(null, FORM, sign("another-token", URL, FORM)));
    }

    @Test
    void aWebhookSignedWithTheNewlyPromotedTokenPassesAfterOneReRead() {
        RotatingCredentials credentials = new RotatingCredentials("old-token");
        TwilioSignatureVerifier rotating = new TwilioSignatureVerifier(URL, credentials);
        assertTrue(rotating.isValid(null, FORM, sign("old-token", URL, FORM)));
        assertEquals(0, credentials.rejections.get(), "a signature the cached token matches costs no re-read");

        credentials.stored = "new-token";
        assertTrue(rotating.isValid(null, FORM, sign("new-token", URL, FORM)));
        assertEquals(1, credentials.reReads.get());
        assertTrue(rotating.isValid(null, FORM, sign("new-token", URL, FORM)));
        assertEquals(1, credentials.rejections.get(), "the new token is cached from then on");
    }

    @Test
    void aForgedSignatureIsRejectedAfterTheReReadAndARefusedReReadIsNoPass() {
        RotatingCredentials credentials = new RotatingCredentials("token");
        TwilioSignatureVerifier rotating = new TwilioSignatureVerifier(URL, credentials);

        assertFalse(rotating.isValid(null, FORM, sign("forged", URL, FORM)));
        assertEquals(1, credentials.reReads.get());

        credentials.allowReRead = false;
        for (int i = 0; i < 20; i++) {
            assertFalse(rotating.isValid(null, FORM, sign("forged", URL, FORM)));
        }
        assertEquals(21, credentials.rejections.get(), "each forged request asks; the credentials' limiter decides");
        assertEquals(1, credentials.reReads.get());
        assertTrue(rotating.isValid(null, FORM, sign("token", URL, FORM)), "genuine webhooks still pass");
    }

    @Test
    void aWebhookSignedWithAnotherTokenOfTheRotationPasses() {
        RotatingCredentials credentials = new RotatingCredentials("new-token");
        credentials.others = List.of("pending-token", "old-token");
        TwilioSignatureVerifier rotating = new TwilioSignatureVerifier(URL, credentials);

        assertTrue(rotating.isValid(null, FORM, sign("old-token", URL, FORM)));
        assertTrue(rotating.isValid(null, FORM, sign("pending-token", URL, FORM)));
        assertEquals(0, credentials.rejections.get());
        assertFalse(rotating.isValid("x=1", FORM, sign("old-token", URL, FORM)), "the URL is still part of it");
    }

    @Test
    void aRefusedReReadStillSeesTheTokenAConcurrentReReadBrought() {
        RotatingCredentials credentials = new RotatingCredentials("old-token");
        TwilioSignatureVerifier rotating = new TwilioSignatureVerifier(URL, credentials);
        credentials.stored = "new-token";
        credentials.reReadByAnotherThread = true;

        assertTrue(rotating.isValid(null, FORM, sign("new-token", URL, FORM)));
        assertEquals(0, credentials.reReads.get());
    }
}
