package dev.flexlex.localflex.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The one ObjectMapper of the local Flex, plus the small JSON and date helpers every API uses. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Twilio's date format: ISO-8601 in UTC, whole seconds ({@code 2015-07-30T20:00:00Z}). */
    public static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /** Parses a JSON text that a client sent in a form parameter; a bad one is the client's error (400). */
    public static JsonNode parseParam(String name, String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null) {
                throw ApiException.invalid(name, "must be valid JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(name, "must be valid JSON");
        }
    }

    /** Whether a JSON array holds the text {@code value} (webhook filters). */
    public static boolean contains(JsonNode array, String value) {
        if (array != null) {
            for (JsonNode n : array) {
                if (value.equals(n.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Sets {@code field} from the parameter when the request carries it. */
    public static void copyParam(ApiRequest request, String param, ObjectNode target, String field) {
        if (request.has(param)) {
            target.put(field, request.param(param));
        }
    }

    /** Parses attributes stored by us (always valid JSON text); an object, or an empty one. */
    public static ObjectNode attributesOf(JsonNode resource) {
        JsonNode text = resource.get("attributes");
        if (text == null || text.isNull()) {
            return object();
        }
        try {
            JsonNode node = MAPPER.readTree(text.asText());
            return node instanceof ObjectNode o ? o : object();
        } catch (JsonProcessingException e) {
            return object();
        }
    }
}
