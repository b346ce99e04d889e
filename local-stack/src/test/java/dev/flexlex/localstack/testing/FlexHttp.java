package dev.flexlex.localstack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexlex.localstack.StackInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain Twilio REST client over HTTP, as any Twilio API client would call the local Flex. */
public final class FlexHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer. */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;

    public FlexHttp(StackInfo info) {
        this(info, info.authToken());
    }

    /** With another auth token of the account (e.g. one promoted after the stack started). */
    public FlexHttp(StackInfo info, String authToken) {
        this.baseUrl = info.flexBaseUrl();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((info.accountSid() + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    }

    /** GET, retried while the answer is 429 or 5xx (a fault), up to 20 times. */
    public JsonNode get(String path) {
        Answer last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            last = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
            if (last.ok()) {
                return last.body();
            }
            if (last.status() != 429 && last.status() < 500) {
                break;
            }
            pause(50);
        }
        throw new AssertionError("GET " + path + " answered " + last.status() + " " + last.body());
    }

    /** One POST of a form; {@code headers} alternate name, value. */
    public Answer post(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
