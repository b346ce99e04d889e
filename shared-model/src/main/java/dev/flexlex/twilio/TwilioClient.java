package dev.flexlex.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import java.util.function.Supplier;

/**
 * The {@link TwilioRestClient} of a function instance, built on first use (the credentials are fetched lazily) with
 * our {@link OneAttemptTwilioHttpClient}, then reused for every call until the credentials' token changes.
 *
 * <p><b>Rotated tokens.</b> A request Twilio answers 401 (error 20003: the token was deleted, e.g. by promoting a
 * secondary token) makes the credentials re-read themselves ({@link TwilioCredentials#refreshAfterRejection()},
 * rate-limited); if a different token is then in force (from this re-read or a concurrent one), the same request is
 * sent once more with it. Twilio authenticates
 * before acting, so a 401 means nothing was done and the resend cannot double anything.
 */
public final class TwilioClient implements Supplier<TwilioRestClient> {
    private final TwilioCredentials credentials;
    private final HttpClient httpClient;
    private volatile Built built;

    private record Built(String authToken, TwilioRestClient client) {
        @Override
        public String toString() {
            return "Built[authToken=***]";
        }
    }

    public TwilioClient(TwilioCredentials credentials, HttpClient httpClient) {
        this.credentials = credentials;
        this.httpClient = new ReauthenticatingHttpClient(httpClient, credentials);
    }

    /** The real graph: credentials plus a one-attempt HTTP client sending to {@code address}. */
    public static TwilioClient create(TwilioCredentials credentials, TwilioApiAddress address) {
        return new TwilioClient(credentials, new OneAttemptTwilioHttpClient(address));
    }

    @Override
    public TwilioRestClient get() {
        String token = credentials.authToken();
        Built current = built;
        if (current == null || !current.authToken().equals(token)) {
            synchronized (this) {
                current = built;
                if (current == null || !current.authToken().equals(token)) {
                    current = new Built(token, new TwilioRestClient.Builder(credentials.accountSid(), token)
                            .httpClient(httpClient)
                            .build());
                    built = current;
                }
            }
        }
        return current.client();
    }

    /** Sends through {@code delegate}; on a 401, re-reads the credentials and resends once if the token changed. */
    static final class ReauthenticatingHttpClient extends SingleAttemptHttpClient {
        private final HttpClient delegate;
        private final TwilioCredentials credentials;

        ReauthenticatingHttpClient(HttpClient delegate, TwilioCredentials credentials) {
            this.delegate = delegate;
            this.credentials = credentials;
        }

        /** What the delegate does per call (ours: one attempt), plus the one resend after a rotation. */
        @Override
        public Response makeRequest(Request request) {
            Response response = delegate.reliableRequest(request);
            if (response.getStatusCode() != 401 || !request.requiresAuthentication()) {
                return response;
            }
            String rejected = request.getPassword();
            // Asked even when refused: a concurrent call's re-read may have brought the new token meanwhile.
            credentials.refreshAfterRejection();
            if (credentials.authToken().equals(rejected)) {
                return response;
            }
            request.setAuth(credentials.accountSid(), credentials.authToken());
            return delegate.reliableRequest(request);
        }
    }
}
