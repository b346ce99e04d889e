package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Small helpers the pages' Twilio calls share. */
final class Pages {
    private static final Pattern SID = Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}");
    private static final int RECENT = 50;

    private Pages() {
    }

    /** Returns the SID when it looks like a Twilio SID, so no other text reaches a request path. */
    static String sid(String value) {
        if (value == null || !SID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a Twilio SID: '" + value + "'");
        }
        return value;
    }

    static boolean isSid(String value) {
        return value != null && SID.matcher(value).matches();
    }

    /** Parses a Twilio attributes string; anything that is not JSON reads as an empty object. */
    static JsonNode attributes(String json) {
        try {
            JsonNode node = TwilioRest.JSON.readTree(json == null || json.isBlank() ? "{}" : json);
            return node.isObject() ? node : TwilioRest.JSON.createObjectNode();
        } catch (IOException e) {
            return TwilioRest.JSON.createObjectNode();
        }
    }

    /** A chat's new messages as {@link ChatMessage}s; {@code authorField} is {@code author} or {@code from}. */
    static List<ChatMessage> messages(TwilioRest twilio, String listPath, String authorField, int afterIndex) {
        List<ChatMessage> out = new ArrayList<>();
        for (JsonNode m : newestFirst(twilio, listPath, "messages", afterIndex)) {
            out.add(new ChatMessage(m.path("index").asInt(), m.path("sid").asText(), m.path(authorField).asText(""),
                    m.path("body").asText(""), m.path("date_created").asText(""), m.path("attributes").asText("{}")));
        }
        return out;
    }

    /** The form both webchat APIs take: the address or flow, then identity, names and pre-engagement data. */
    static Map<String, String> webchatForm(String sourceParam, String sourceSid, String identity, String customerName,
                                           JsonNode preEngagementData) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put(sourceParam, sourceSid);
        form.put("Identity", identity);
        form.put("CustomerFriendlyName", customerName);
        form.put("ChatFriendlyName", "Chat with " + customerName);
        form.put("PreEngagementData", preEngagementData.toString());
        return form;
    }

    /** Adds a member or participant; one already there (409) is fine. */
    static void join(TwilioRest twilio, String listPath, String identity) {
        try {
            twilio.post(listPath, Map.of("Identity", identity));
        } catch (TwilioRestException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    /**
     * The rows of a message list with {@code index > afterIndex}, oldest first. Reads the newest page only (one
     * call per poll); when every row of it is new, reads the whole list once in ascending order.
     */
    private static List<JsonNode> newestFirst(TwilioRest twilio, String listPath, String key, int afterIndex) {
        List<JsonNode> fresh = new ArrayList<>();
        JsonNode page = twilio.get(listPath + "?Order=desc&PageSize=" + RECENT);
        boolean allNew = true;
        for (JsonNode row : page.path(key)) {
            if (row.path("index").asInt() > afterIndex) {
                fresh.add(row);
            } else {
                allNew = false;
            }
        }
        if (allNew && !page.path("meta").path("next_page_url").isNull() && page.path("meta").has("next_page_url")) {
            fresh.clear();
            for (JsonNode row : twilio.get(listPath + "?Order=asc&PageSize=1000").path(key)) {
                if (row.path("index").asInt() > afterIndex) {
                    fresh.add(row);
                }
            }
        }
        fresh.sort(Comparator.comparingInt(r -> r.path("index").asInt()));
        return fresh;
    }
}
