package dev.flexlex.localstack.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexlex.localstack.StackInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** What the browser tests check behind the pages, read through the Twilio REST API of the local Flex. */
final class TwilioLookups {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackInfo info;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String authorization;

    TwilioLookups(StackInfo info) {
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

    private JsonNode get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(info.flexBaseUrl() + path))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
