package dev.flexlex.localstack;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Wires the bot webhook into the local Flex through Twilio's REST API, the way the README tells a user to do it in
 * their Twilio account: Conversations, a {@code chat} address configuration whose auto-creation webhook calls the
 * webhook URL on {@code onMessageAdded}, and an {@code sms} and a {@code whatsapp} address configuration wired the
 * same way; Programmable Chat, a web Flex Flow with an external integration URL.
 */
final class FlexConfigurator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;

    FlexConfigurator(String baseUrl, String accountSid, String authToken) {
        this.baseUrl = baseUrl;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates the webchat address configuration; returns its SID (IG...). */
    String createWebchatAddress(String webhookUrl) {
        return createAddress("chat", "local-webchat", "Local webchat -> Flex Lex Bridge", webhookUrl);
    }

    /**
     * Creates an {@code sms} or {@code whatsapp} address configuration for {@code phoneNumber} (E.164) whose
     * auto-created conversations get the same conversation-scoped webhook as the webchat's; returns its SID (IG...).
     */
    String createPhoneAddress(String type, String phoneNumber, String webhookUrl) {
        return createAddress(type, phoneNumber, "Local " + type + " -> Flex Lex Bridge", webhookUrl);
    }

    /** An address configuration whose new conversations get a webhook to {@code webhookUrl} on {@code onMessageAdded}. */
    private String createAddress(String type, String address, String friendlyName, String webhookUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Type", type);
        form.put("Address", address);
        form.put("FriendlyName", friendlyName);
        form.put("AutoCreation.Enabled", "true");
        form.put("AutoCreation.Type", "webhook");
        form.put("AutoCreation.WebhookUrl", webhookUrl);
        form.put("AutoCreation.WebhookMethod", "POST");
        form.put("AutoCreation.WebhookFilters", "onMessageAdded");
        return post("/conversations/v1/Configuration/Addresses", form).path("sid").asText();
    }

    /** Creates the web Flex Flow on {@code chatServiceSid}; returns its SID (FO...). */
    String createFlexFlow(String chatServiceSid, String webhookUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("FriendlyName", "Local webchat -> Flex Lex Bridge");
        form.put("ChatServiceSid", chatServiceSid);
        form.put("ChannelType", "web");
        form.put("IntegrationType", "external");
        form.put("Integration.Url", webhookUrl);
        form.put("Enabled", "true");
        form.put("JanitorEnabled", "false");
        return post("/flex-api/v1/FlexFlows", form).path("sid").asText();
    }

    private JsonNode post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", authorization).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new StackStartException("configuring the local Flex: POST " + path + " answered "
                        + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new StackStartException("configuring the local Flex: POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted configuring the local Flex");
        }
    }
}
