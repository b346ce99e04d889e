package dev.flexlex.inbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.model.Json;

/** The HTTP answer to a webhook call: a status and a small JSON body (never message contents). */
public record WebhookResponse(int status, String body) {
    public static WebhookResponse accepted(String messageSid) {
        return of(200, "status", "accepted", "messageSid", messageSid);
    }

    public static WebhookResponse ignored(String reason) {
        return of(200, "status", "ignored", "reason", reason);
    }

    public static WebhookResponse badRequest(String field, String problem) {
        return of(400, "error", problem, "field", field);
    }

    public static WebhookResponse forbidden() {
        return of(403, "error", "invalid or missing X-Twilio-Signature", null, null);
    }

    public static WebhookResponse unavailable(String problem) {
        return of(503, "error", problem, null, null);
    }

    private static WebhookResponse of(int status, String key, String value, String key2, String value2) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put(key, value);
        if (key2 != null) {
            body.put(key2, value2);
        }
        return new WebhookResponse(status, Json.write(body));
    }
}
