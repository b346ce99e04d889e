package dev.flexlex.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.HttpUtility;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A twilio-java {@link HttpClient} that makes exactly one attempt per call.
 *
 * <p>twilio-java's default client retries every 5xx up to three times, POSTs included, which can double a chat
 * message or a task when Twilio acted and then failed to answer. This client sends each request once (JDK
 * {@link java.net.http.HttpClient}, HTTP/1.1) and hands every status back to twilio-java; callers decide about
 * retrying after checking what already happened. An optional {@link TwilioApiAddress} maps the product hosts
 * onto a local base URL.
 */
public final class OneAttemptTwilioHttpClient extends HttpClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Twilio answers in well under a second; three attempts must fit in the outbound function's 60 s. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final java.net.http.HttpClient http;
    private final TwilioApiAddress address;

    public OneAttemptTwilioHttpClient(TwilioApiAddress address) {
        this.address = address;
        this.http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
    }

    /** One attempt: never the retry loop of the base class. */
    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    /** One attempt whatever the caller's retry settings. */
    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        HttpRequest built = build(request);
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(errorBodyWithStatus(response.statusCode(), response.body()), response.statusCode());
        } catch (IOException e) {
            throw new ApiConnectionException("Twilio request failed: " + request.getMethod() + " " + built.uri().getPath()
                    + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted while calling Twilio", e);
        }
    }

    /**
     * twilio-java reads an error's status from its JSON body; a proxy or load balancer error page (HTML, empty)
     * would otherwise surface as a parse failure without the status, hiding a retryable 502/503.
     */
    static String errorBodyWithStatus(int status, String body) {
        if (status < 400 || (body != null && body.stripLeading().startsWith("{"))) {
            return body;
        }
        return "{\"code\":" + status + ",\"message\":\"HTTP " + status + " without a Twilio error body\",\"status\":"
                + status + "}";
    }

    private HttpRequest build(Request request) {
        String url = address.map(request.constructURL().toString());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT);
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        builder.header("User-Agent", HttpUtility.getUserAgentString(request.getUserAgentExtensions(), false));
        builder.header("Accept", "application/json");
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
            String contentType;
            String body;
            if (request.getContentType() == EnumConstants.ContentType.JSON) {
                contentType = EnumConstants.ContentType.JSON.getValue();
                body = request.getBody() == null ? "" : request.getBody();
            } else {
                contentType = "application/x-www-form-urlencoded; charset=UTF-8";
                body = request.encodeFormBody();
            }
            builder.header("Content-Type", contentType);
            builder.method(method.toString(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            builder.method(method.toString(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }
}
