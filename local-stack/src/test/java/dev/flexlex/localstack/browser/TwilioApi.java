package dev.flexlex.localstack.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexlex.localstack.StackInfo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The browser tests' view behind the pages: the Twilio REST API of the local Flex, as any Twilio client calls it. */
final class TwilioApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackInfo info;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String authorization;

    TwilioApi(StackInfo info) {
        this.info = info;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((info.accountSid() + ":" + info.authToken()).getBytes(StandardCharsets.UTF_8));
    }

    /** The URLs of the chat's webhooks (conversation-scoped / channel webhooks). */
    List<String> webhookUrls(String chatSid) {
        String path = info.platform().equals("conversations")
                ? "/conversations/v1/Conversations/" + chatSid + "/Webhooks"
                : "/chat/v2/Services/" + info.chatServiceSid() + "/Channels/" + chatSid + "/Webhooks";
        List<String> urls = new ArrayList<>();
        get(path).path("webhooks").forEach(w -> urls.add(w.path("configuration").path("url").asText()));
        return urls;
    }

    /** Assignment statuses of the workspace's tasks whose attributes name the chat. */
    List<String> taskStatuses(String chatSid) {
        List<String> statuses = new ArrayList<>();
        for (JsonNode t : get("/taskrouter/v1/Workspaces/" + info.workspaceSid() + "/Tasks?PageSize=100").path("tasks")) {
            if (t.path("attributes").asText().contains(chatSid)) {
                statuses.add(t.path("assignment_status").asText());
            }
        }
        return statuses;
    }

    /** The attributes of the workspace's tasks whose {@code conversationSid} attribute is the conversation. */
    List<JsonNode> taskAttributes(String conversationSid) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode t : get("/taskrouter/v1/Workspaces/" + info.workspaceSid() + "/Tasks?PageSize=100").path("tasks")) {
            try {
                JsonNode attributes = JSON.readTree(t.path("attributes").asText("{}"));
                if (conversationSid.equals(attributes.path("conversationSid").asText())) {
                    found.add(attributes);
                }
            } catch (IOException e) {
                throw new IllegalStateException("task " + t.path("sid").asText() + " has attributes that are not JSON", e);
            }
        }
        return found;
    }

    /** The chat's messages path (Conversations or Chat v2). */
    String messagesPath(String chatSid) {
        return info.platform().equals("conversations") ? "/conversations/v1/Conversations/" + chatSid + "/Messages"
                : "/chat/v2/Services/" + info.chatServiceSid() + "/Channels/" + chatSid + "/Messages";
    }

    /** POST with form parameters. */
    JsonNode post(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(info.flexBaseUrl() + path)).header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(info.flexBaseUrl() + path)).header("Authorization", authorization).GET().build());
    }

    private JsonNode send(HttpRequest request) {
        String path = request.uri().getPath();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
