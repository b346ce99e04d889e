package dev.flexlex.localflex.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Twilio's {@code X-Twilio-Signature}: base64(HMAC-SHA1(auth token, full URL + every POST parameter's
 * name and value, sorted by name)). For GET the parameters are in the URL, which is signed alone.
 */
public final class WebhookSigner {
    private final Supplier<String> authToken;

    public WebhookSigner(String authToken) {
        this(() -> authToken);
    }

    /** Signs with the token {@code authToken} gives at signing time (the account's primary, which a promotion changes). */
    public WebhookSigner(Supplier<String> authToken) {
        this.authToken = authToken;
    }

    public String sign(String url, Map<String, String> postParams) {
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, String> e : new TreeMap<>(postParams).entrySet()) {
            data.append(e.getKey()).append(e.getValue());
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.get().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
        }
    }
}
