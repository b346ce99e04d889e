package dev.flexlex.localflex.testing;

import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Test-scope twilio-java {@link HttpClient}: sends {@code https://{product}.twilio.com/v1/X} to
 * {@code {base}/{product}/v1/X}, makes exactly one attempt per call (as the suite's production client),
 * and records every exchange for the contract checks.
 */
public final class LocalFlexHttpClient extends HttpClient {
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    private final String baseUrl;
    private final Queue<Exchange> recorded = new ConcurrentLinkedQueue<>();

    public LocalFlexHttpClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public List<Exchange> recorded() {
        return new ArrayList<>(recorded);
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        URL url = request.constructURL();
        String host = url.getHost();
        if (!host.endsWith(".twilio.com")) {
            throw new IllegalArgumentException("not a Twilio URL: " + url);
        }
        String product = host.substring(0, host.indexOf('.'));
        String query = url.getQuery();
        URI target = URI.create(baseUrl + "/" + product + url.getPath() + (query == null ? "" : "?" + query));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        HttpRequest.Builder builder = HttpRequest.newBuilder(target);
        if (request.requiresAuthentication()) {
            header(builder, headers, "Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> h : request.getHeaderParams().entrySet()) {
            for (String v : h.getValue()) {
                header(builder, headers, h.getKey(), v);
            }
        }
        String body = null;
        String contentType = null;
        if (request.getMethod() == HttpMethod.POST) {
            body = request.encodeFormBody();
            contentType = "application/x-www-form-urlencoded";
            header(builder, headers, "Content-Type", contentType);
            builder.POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            builder.method(request.getMethod().toString(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            recorded.add(new Exchange(product, request.getMethod().toString(), url.getPath(), query, headers,
                    contentType, body, response.statusCode(), response.body()));
            return new Response(response.body(), response.statusCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void header(HttpRequest.Builder builder, Map<String, List<String>> headers, String name, String value) {
        builder.header(name, value);
        headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
}
