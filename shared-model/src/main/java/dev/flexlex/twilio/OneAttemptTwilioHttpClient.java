package dev.flexlex.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpMethod;
import com.twilio.http.HttpUtility;
import com.twilio.http.Request;
import com.twilio.http.Response;
import dev.flexlex.config.CallTimeouts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A twilio-java {@link com.twilio.http.HttpClient} that makes exactly one attempt per call.
 *
 * <p>twilio-java's default client retries every 5xx up to three times, POSTs included, which can double a chat
 * message or a task when Twilio acted and then failed to answer. This client sends each request once and hands every
 * status back to twilio-java; callers decide about retrying after checking what already happened. An optional
 * {@link TwilioApiAddress} maps the product hosts onto a local base URL.
 *
 * <p>Transport: the JDK's {@link HttpURLConnection}, which the AWS SDK's {@code url-connection-client} has loaded and
 * warmed already (the JDK's {@code java.net.http} client cost a cold start some 370 more classes, its own TLS
 * context and a selector thread). A request body is sent in fixed-length streaming mode, in which
 * {@code HttpURLConnection} never resends it on its own (its silent retry of a POST on a stale keep-alive
 * connection needs a buffered body).
 */
public final class OneAttemptTwilioHttpClient extends SingleAttemptHttpClient {
    /** Connect and read timeouts of every call: {@link CallTimeouts}, which the functions' timeouts are sized from. */
    private static final Duration CONNECT_TIMEOUT = CallTimeouts.TWILIO_CONNECT;
    private static final Duration READ_TIMEOUT = CallTimeouts.TWILIO_READ;

    private final TwilioApiAddress address;

    public OneAttemptTwilioHttpClient(TwilioApiAddress address) {
        this.address = address;
    }

    @Override
    public Response makeRequest(Request request) {
        URI uri = URI.create(address.map(request.constructURL().toString()));
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            send(connection, request);
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String body = in == null ? "" : read(in);
            return new Response(errorBodyWithStatus(status, body), status);
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw new ApiConnectionException("Twilio request failed: " + request.getMethod() + " " + uri.getPath()
                    + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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

    private static void send(HttpURLConnection connection, Request request) throws IOException {
        connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        HttpMethod method = request.getMethod();
        connection.setRequestMethod(method.toString());
        if (request.requiresAuthentication()) {
            connection.setRequestProperty("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            for (String value : header.getValue()) {
                connection.addRequestProperty(header.getKey(), value);
            }
        }
        connection.setRequestProperty("User-Agent", HttpUtility.getUserAgentString(request.getUserAgentExtensions(), false));
        connection.setRequestProperty("Accept", "application/json");
        if (method == HttpMethod.POST || method == HttpMethod.PUT) {
            String contentType;
            String body;
            if (request.getContentType() == EnumConstants.ContentType.JSON) {
                contentType = EnumConstants.ContentType.JSON.getValue();
                body = request.getBody() == null ? "" : request.getBody();
            } else {
                contentType = "application/x-www-form-urlencoded; charset=UTF-8";
                body = request.encodeFormBody();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            connection.setRequestProperty("Content-Type", contentType);
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
        }
    }
}
