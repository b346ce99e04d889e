package dev.flexlex.twilio;

import com.twilio.security.RequestValidator;
import java.util.Map;

/**
 * Checks {@code X-Twilio-Signature} with twilio-java's {@link RequestValidator} against the webhook's public URL
 * exactly as configured in Twilio, plus the raw query string of the request. The URL is never rebuilt from the
 * incoming event: API Gateway stages and custom domains change it.
 */
public final class TwilioSignatureVerifier {
    private final String publicUrl;
    private final TwilioCredentials credentials;

    public TwilioSignatureVerifier(String publicUrl, TwilioCredentials credentials) {
        this.publicUrl = publicUrl;
        this.credentials = credentials;
    }

    /** The URL Twilio signed: the configured public URL with the request's raw query string, if any. */
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
        return new RequestValidator(credentials.authToken()).validate(signedUrl(rawQueryString), formParams, signature);
    }
}
