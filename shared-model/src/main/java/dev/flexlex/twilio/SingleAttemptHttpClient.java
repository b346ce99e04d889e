package dev.flexlex.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * A twilio-java {@link HttpClient} whose every call is exactly one {@link #makeRequest(Request)}: never the base
 * class's retry loop, which repeats any request (POSTs included) on a 5xx and could double a message or a task.
 */
public abstract class SingleAttemptHttpClient extends HttpClient {
    @Override
    public final Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    /** One attempt whatever the caller's retry settings. */
    @Override
    public final Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }
}
