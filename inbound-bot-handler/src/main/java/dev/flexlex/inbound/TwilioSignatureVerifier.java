package dev.flexlex.inbound;

import com.twilio.security.RequestValidator;
import dev.flexlex.twilio.TwilioCredentials;
import java.util.List;
import java.util.Map;

/**
 * Checks {@code X-Twilio-Signature} with twilio-java's {@link RequestValidator} against the webhook's public URL
 * exactly as configured in Twilio, plus the raw query string of the request. The URL is never rebuilt from the
 * incoming event: API Gateway stages and custom domains change it.
 *
 * <p>The configured URL may end in Twilio's connection-override fragment ({@code #rc=2&rp=...};
 * https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides). A fragment is never sent, and Twilio's
 * docs do not say whether it is signed, so a signature over the URL as requested (without the fragment) and one
 * over the URL as configured (with it) are both accepted; the query string goes before the fragment either way.
 *
 * <p>A signature passes when one of the credentials' {@linkplain TwilioCredentials#signingTokens() signing tokens}
 * made it. When none did, the credentials are re-read ({@link TwilioCredentials#refreshAfterRejection()}, rate-limited
 * by them) and the signature is checked once more: after a token rotation Twilio signs with the newly promoted primary
 * token, which this instance may not have read yet. A forged signature therefore costs at most the rate-limited re-read.
 *
 * <p>The validator of the first token is built once and reused (it is immutable and thread-safe: it creates its own
 * {@code Mac} per call); a different token from the credentials replaces it.
 */
public final class TwilioSignatureVerifier {
    private final String publicUrl;
    /** {@code #...} of the configured URL, or empty. */
    private final String fragment;
    private final TwilioCredentials credentials;
    private volatile KeyedValidator cached;

    /** A validator with the token it was built from; never printed (the token is a secret). */
    private static final class KeyedValidator {
        final String authToken;
        final RequestValidator validator;

        KeyedValidator(String authToken) {
            this.authToken = authToken;
            this.validator = new RequestValidator(authToken);
        }
    }

    public TwilioSignatureVerifier(String publicUrl, TwilioCredentials credentials) {
        int hash = publicUrl.indexOf('#');
        this.publicUrl = hash < 0 ? publicUrl : publicUrl.substring(0, hash);
        this.fragment = hash < 0 ? "" : publicUrl.substring(hash);
        this.credentials = credentials;
    }

    /** The URL Twilio requested: the configured public URL without its fragment, with the request's raw query string. */
    public String signedUrl(String rawQueryString) {
        if (rawQueryString == null || rawQueryString.isEmpty()) {
            return publicUrl;
        }
        return publicUrl + (publicUrl.contains("?") ? "&" : "?") + rawQueryString;
    }

    /**
     * @param formParams the decoded form parameters of the POST body
     * @param signature the header value; {@code null} or blank is never valid
     */
    public boolean isValid(String rawQueryString, Map<String, String> formParams, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        String requested = signedUrl(rawQueryString);
        if (signedByAny(requested, formParams, signature)) {
            return true;
        }
        // Checked again even when the re-read was refused: a concurrent request's re-read may have brought the token.
        credentials.refreshAfterRejection();
        return signedByAny(requested, formParams, signature);
    }

    private boolean signedByAny(String requested, Map<String, String> formParams, String signature) {
        List<String> tokens = credentials.signingTokens();
        if (signedBy(validator(tokens.get(0)), requested, formParams, signature)) {
            return true;
        }
        for (int i = 1; i < tokens.size(); i++) {
            if (signedBy(new RequestValidator(tokens.get(i)), requested, formParams, signature)) {
                return true;
            }
        }
        return false;
    }

    /** Over the URL as requested, or as configured (with the fragment). */
    private boolean signedBy(RequestValidator validator, String requested, Map<String, String> formParams,
                             String signature) {
        return validator.validate(requested, formParams, signature)
                || !fragment.isEmpty() && validator.validate(requested + fragment, formParams, signature);
    }

    /** The validator of {@code token}: the cached one, or a new one when the token changed. */
    private RequestValidator validator(String token) {
        KeyedValidator current = cached;
        if (current == null || !current.authToken.equals(token)) {
            current = new KeyedValidator(token);
            cached = current;
        }
        return current.validator;
    }
}
