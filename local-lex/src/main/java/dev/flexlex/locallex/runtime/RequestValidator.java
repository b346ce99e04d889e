package dev.flexlex.locallex.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks requests against the constraints of the runtime model ({@code lexv2-runtime-2020-08-07}) and
 * answers ValidationException in the wording AWS uses ("1 validation error detected: Value at 'x' failed
 * to satisfy constraint: …").
 */
public final class RequestValidator {

    /** The request attribute naming the zone relative dates resolve in. */
    public static final String TIME_ZONE_ATTRIBUTE = "x-amz-lex:time-zone";

    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-zA-Z._:-]+");
    private static final Pattern BOT_ID = Pattern.compile("[0-9a-zA-Z]{10}");
    private static final int MAX_TEXT = 1024;
    private static final int MAX_MESSAGES = 10;
    private static final Set<String> DIALOG_ACTION_TYPES =
            Set.of("Close", "ConfirmIntent", "Delegate", "ElicitIntent", "ElicitSlot", "None");
    private static final Set<String> INTENT_STATES = Set.of(
            "Failed", "Fulfilled", "InProgress", "ReadyForFulfillment", "Waiting", "FulfillmentInProgress");
    private static final Set<String> CONFIRMATION_STATES = Set.of("Confirmed", "Denied", "None");
    private static final Set<String> MESSAGE_CONTENT_TYPES =
            Set.of("CustomPayload", "ImageResponseCard", "PlainText", "SSML");

    private RequestValidator() {
    }

    public static void validateIds(SessionKey key) {
        if (!BOT_ID.matcher(key.botId()).matches()) {
            throw invalid("botId", "Member must satisfy regular expression pattern: ^[0-9a-zA-Z]+$"
                    + " and have length 10");
        }
        String sessionId = key.sessionId();
        if (sessionId.length() < 2) {
            throw invalid("sessionId", "Member must have length greater than or equal to 2");
        }
        if (sessionId.length() > 100) {
            throw invalid("sessionId", "Member must have length less than or equal to 100");
        }
        if (!SESSION_ID.matcher(sessionId).matches()) {
            throw invalid("sessionId", "Member must satisfy regular expression pattern: [0-9a-zA-Z._:-]+");
        }
    }

    /** The request's {@code text}: present, a string of 1 to 1024 characters. */
    public static String text(ObjectNode body) {
        JsonNode text = body.get("text");
        if (text == null || text.isNull()) {
            throw invalid("text", "Member must not be null");
        }
        if (!text.isTextual()) {
            throw invalid("text", "Member must be a string");
        }
        int length = text.textValue().codePointCount(0, text.textValue().length());
        if (length < 1) {
            throw invalid("text", "Member must have length greater than or equal to 1");
        }
        if (length > MAX_TEXT) {
            throw invalid("text", "Member must have length less than or equal to " + MAX_TEXT);
        }
        return text.textValue();
    }

    /** The request's {@code requestAttributes} as a map (empty when absent). */
    public static Map<String, String> requestAttributes(ObjectNode body) {
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode node = body.get("requestAttributes");
        if (node == null || node.isNull()) {
            return attributes;
        }
        stringMap(node, "requestAttributes").properties()
                .forEach(field -> attributes.put(field.getKey(), field.getValue().textValue()));
        return attributes;
    }

    /** The zone of request attribute {@code x-amz-lex:time-zone}, else the default. */
    public static ZoneId timeZone(Map<String, String> requestAttributes, ZoneId defaultZone) {
        String zone = requestAttributes.get(TIME_ZONE_ATTRIBUTE);
        if (zone == null) {
            return defaultZone;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw LexRuntimeException.validation("Invalid time zone in request attribute "
                    + TIME_ZONE_ATTRIBUTE + ": '" + zone + "' is not an IANA time zone id (e.g. America/New_York)");
        }
    }

    /** The request's {@code sessionState}, checked against the model's shape; null when absent. */
    public static ObjectNode sessionState(ObjectNode body) {
        JsonNode node = body.get("sessionState");
        if (node == null || node.isNull()) {
            return null;
        }
        ObjectNode state = object(node, "sessionState");
        optionalStringMap(state, "sessionAttributes", "sessionState.sessionAttributes");
        JsonNode dialogAction = state.get("dialogAction");
        if (dialogAction != null && !dialogAction.isNull()) {
            ObjectNode action = object(dialogAction, "sessionState.dialogAction");
            String type = enumValue(action.get("type"), DIALOG_ACTION_TYPES, "sessionState.dialogAction.type");
            JsonNode slot = action.get("slotToElicit");
            if ("ElicitSlot".equals(type) && (slot == null || !slot.isTextual() || slot.textValue().isEmpty())) {
                throw invalid("sessionState.dialogAction.slotToElicit",
                        "Member must not be null when dialogAction type is ElicitSlot");
            }
        }
        JsonNode intent = state.get("intent");
        if (intent != null && !intent.isNull()) {
            validateIntent(object(intent, "sessionState.intent"));
        }
        JsonNode contexts = state.get("activeContexts");
        if (contexts != null && !contexts.isNull() && !contexts.isArray()) {
            throw invalid("sessionState.activeContexts", "Member must be a list");
        }
        return state;
    }

    /** A PutSession's {@code messages} (empty when absent): at most 10, each with a known content type. */
    public static ArrayNode messages(ObjectNode body) {
        JsonNode node = body.get("messages");
        if (node == null || node.isNull()) {
            return Json.array();
        }
        if (!node.isArray()) {
            throw invalid("messages", "Member must be a list");
        }
        if (node.size() > MAX_MESSAGES) {
            throw invalid("messages", "Member must have length less than or equal to " + MAX_MESSAGES);
        }
        for (int i = 0; i < node.size(); i++) {
            ObjectNode message = object(node.get(i), "messages." + (i + 1));
            enumValue(message.get("contentType"), MESSAGE_CONTENT_TYPES, "messages." + (i + 1) + ".contentType");
            JsonNode content = message.get("content");
            if (content != null && content.isTextual() && content.textValue().length() > MAX_TEXT) {
                throw invalid("messages." + (i + 1) + ".content",
                        "Member must have length less than or equal to " + MAX_TEXT);
            }
        }
        return (ArrayNode) node;
    }

    private static void validateIntent(ObjectNode intent) {
        JsonNode name = intent.get("name");
        if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
            throw invalid("sessionState.intent.name", "Member must not be null");
        }
        if (intent.hasNonNull("state")) {
            enumValue(intent.get("state"), INTENT_STATES, "sessionState.intent.state");
        }
        if (intent.hasNonNull("confirmationState")) {
            enumValue(intent.get("confirmationState"), CONFIRMATION_STATES, "sessionState.intent.confirmationState");
        }
        JsonNode slots = intent.get("slots");
        if (slots == null || slots.isNull()) {
            return;
        }
        object(slots, "sessionState.intent.slots").properties().forEach(slot -> {
            String where = "sessionState.intent.slots." + slot.getKey();
            if (slot.getValue().isNull()) {
                return;
            }
            JsonNode value = object(slot.getValue(), where).get("value");
            if (value != null && !value.isNull() && !object(value, where + ".value").path("interpretedValue").isTextual()) {
                throw invalid(where + ".value.interpretedValue", "Member must not be null");
            }
        });
    }

    private static void optionalStringMap(ObjectNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node != null && !node.isNull()) {
            stringMap(node, where);
        }
    }

    private static ObjectNode stringMap(JsonNode node, String where) {
        ObjectNode map = object(node, where);
        map.properties().forEach(field -> {
            if (!field.getValue().isTextual()) {
                throw invalid(where + "." + field.getKey(), "Member must be a string");
            }
        });
        return map;
    }

    private static ObjectNode object(JsonNode node, String where) {
        if (!(node instanceof ObjectNode object)) {
            throw invalid(where, "Member must be a structure");
        }
        return object;
    }

    private static String enumValue(JsonNode node, Set<String> allowed, String where) {
        if (node == null || node.isNull()) {
            throw invalid(where, "Member must not be null");
        }
        if (!node.isTextual() || !allowed.contains(node.textValue())) {
            throw invalid(where, "Member must satisfy enum value set: " + allowed.stream().sorted().toList());
        }
        return node.textValue();
    }

    private static LexRuntimeException invalid(String where, String constraint) {
        return LexRuntimeException.validation("1 validation error detected: Value at '" + where
                + "' failed to satisfy constraint: " + constraint);
    }
}
