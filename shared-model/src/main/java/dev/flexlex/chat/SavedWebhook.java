package dev.flexlex.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A chat webhook as saved before the handoff removed it ({@code {"target":…,"configuration":{…}}}, Twilio's own
 * field names), read back for re-creating it. Absent settings are null, which twilio-java's creators leave out.
 *
 * @param target {@code webhook}, {@code studio} or {@code trigger} (Conversations' {@code target}, Chat's {@code type})
 * @param method upper case ({@code POST}, {@code GET})
 * @param retries Conversations' {@code replay_after} / Chat's {@code retry_count}
 */
record SavedWebhook(String target, String url, String method, List<String> filters, List<String> triggers,
                    String flowSid, Integer retries) {

    static SavedWebhook of(JsonNode saved, String retriesField) {
        JsonNode c = saved.path("configuration");
        return new SavedWebhook(saved.path("target").asText("webhook"), text(c, "url"),
                text(c, "method") == null ? null : text(c, "method").toUpperCase(Locale.ROOT),
                texts(c.path("filters")), texts(c.path("triggers")), text(c, "flow_sid"),
                c.path(retriesField).isNumber() ? c.get(retriesField).asInt() : null);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static List<String> texts(JsonNode array) {
        if (!array.isArray() || array.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
