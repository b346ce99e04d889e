package dev.flexlex.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature} of a form POST: base64 of HMAC-SHA1 under the auth token over the URL followed
 * by each parameter's name and value, sorted by name. For signing events of our own (priming, benchmarks); incoming
 * webhooks are checked by inbound-bot-handler's {@code TwilioSignatureVerifier} with twilio-java's validator. JDK only:
 * the turn processor's jar has no twilio-java.
 */
public final class WebhookSignature {
    private WebhookSignature() {
    }

    public static String of(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }
}
