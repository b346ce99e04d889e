package dev.flexlex.locallex.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.definition.MessageDefinition;
import dev.flexlex.locallex.definition.PromptDefinition;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a prompt or response as runtime {@code Message}s, replacing each {@code {Slot}} reference with
 * the slot's interpreted value (for an ambiguous value, which has none, its first reading) and each
 * {@code [attribute]} reference with the session attribute's value (a reference to an empty or unknown slot
 * or attribute is left as written).
 */
final class PromptRenderer {

    private static final Pattern REFERENCE = Pattern.compile("\\{([A-Za-z0-9_]+)}|\\[([A-Za-z0-9_.:-]+)]");

    private PromptRenderer() {
    }

    static void render(PromptDefinition prompt, ObjectNode slots, JsonNode sessionAttributes, ArrayNode messages) {
        for (MessageDefinition message : prompt.messages()) {
            ObjectNode wire = messages.addObject();
            if (message.card() != null) {
                ObjectNode card = message.card().deepCopy();
                for (String field : new String[] {"title", "subtitle"}) {
                    if (card.hasNonNull(field)) {
                        card.put(field, substitute(card.get(field).asText(), slots, sessionAttributes));
                    }
                }
                wire.put("contentType", "ImageResponseCard");
                wire.set("imageResponseCard", card);
            } else {
                wire.put("content", message.contentType().equals("CustomPayload")
                        ? message.content() : substitute(message.content(), slots, sessionAttributes));
                wire.put("contentType", message.contentType());
            }
        }
    }

    static String substitute(String text, JsonNode slots, JsonNode sessionAttributes) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = m.group(1) != null
                    ? slotText(slots.path(m.group(1)).path("value"))
                    : sessionAttributes.get(m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null || value.isNull() ? m.group() : value.asText()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode slotText(JsonNode value) {
        JsonNode interpreted = value.get("interpretedValue");
        return interpreted == null || interpreted.isNull() ? value.path("resolvedValues").get(0) : interpreted;
    }

    static ArrayNode emptyMessages() {
        return JsonNodeFactory.instance.arrayNode();
    }
}
