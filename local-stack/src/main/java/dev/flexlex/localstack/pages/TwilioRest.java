package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The pages' one Twilio REST client: form-encoded requests with HTTP Basic auth of the account, JSON answers,
 * against the Twilio API base URL (the local Flex). Paths carry the product, e.g. {@code /conversations/v1/...}.
 * One attempt per call; a non-2xx answer becomes a {@link TwilioRestException} with Twilio's status and code.
 */
final class TwilioRest {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;

    TwilioRest(String baseUrl, String accountSid, String authToken) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    /** POST with form parameters; {@code webhookEnabled} adds {@code X-Twilio-Webhook-Enabled: true}. */
    JsonNode post(String path, Map<String, String> form, boolean webhookEnabled) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (webhookEnabled) {
            b.header("X-Twilio-Webhook-Enabled", "true");
        }
        return send(b.build());
    }

    JsonNode post(String path, Map<String, String> form) {
        return post(path, form, false);
    }

    static String encode(Map<String, String> form) {
        StringJoiner out = new StringJoiner("&");
        form.forEach((k, v) -> {
            if (v != null) {
                out.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TwilioRestException(0, 0, request.method() + " " + request.uri().getPath() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TwilioRestException(0, 0, request.method() + " " + request.uri().getPath() + " interrupted");
        }
        JsonNode body;
        try {
            body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new TwilioRestException(response.statusCode(), 0, "answer to " + request.uri().getPath() + " is not JSON");
        }
        if (response.statusCode() / 100 != 2) {
            throw new TwilioRestException(response.statusCode(), body.path("code").asInt(0),
                    body.path("message").asText("HTTP " + response.statusCode()));
        }
        return body;
    }
}
