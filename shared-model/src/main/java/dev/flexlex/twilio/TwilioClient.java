package dev.flexlex.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.TwilioRestClient;
import java.util.function.Supplier;

/**
 * The one {@link TwilioRestClient} of a function instance, built on first use (the credentials are fetched
 * lazily) with our {@link OneAttemptTwilioHttpClient}, then reused for every call.
 */
public final class TwilioClient implements Supplier<TwilioRestClient> {
    private final TwilioCredentials credentials;
    private final HttpClient httpClient;
    private volatile TwilioRestClient client;

    public TwilioClient(TwilioCredentials credentials, HttpClient httpClient) {
        this.credentials = credentials;
        this.httpClient = httpClient;
    }

    /** The real graph: credentials plus a one-attempt HTTP client sending to {@code address}. */
    public static TwilioClient create(TwilioCredentials credentials, TwilioApiAddress address) {
        return new TwilioClient(credentials, new OneAttemptTwilioHttpClient(address));
    }

    @Override
    public TwilioRestClient get() {
        TwilioRestClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = new TwilioRestClient.Builder(credentials.accountSid(), credentials.authToken())
                            .httpClient(httpClient)
                            .build();
                    client = current;
                }
            }
        }
        return current;
    }
}
