package dev.flexlex.locallex.definition;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Reads prompt and response specifications: message groups, their messages, and a prompt's retries. */
final class PromptParser {

    static final int DEFAULT_MAX_RETRIES = 2;

    private PromptParser() {
    }

    static PromptDefinition response(DefinitionNode response) {
        return response.isPresent() ? prompt(response, false) : PromptDefinition.NONE;
    }

    static PromptDefinition prompt(DefinitionNode spec, boolean withRetries) {
        List<MessageDefinition> messages = new ArrayList<>();
        List<DefinitionNode> groups = spec.list("messageGroupsList", "messageGroupList", "messageGroups");
        if (groups.isEmpty()) {
            throw spec.get("messageGroupsList").error("is missing or empty");
        }
        for (DefinitionNode group : groups) {
            messages.add(message(group.require("message")));
        }
        int maxRetries = withRetries ? spec.optionalInt(DEFAULT_MAX_RETRIES, "maxRetries") : 0;
        if (maxRetries < 0 || maxRetries > 5) {
            throw spec.get("maxRetries").error("must be within 0..5, was " + maxRetries);
        }
        return new PromptDefinition(messages, maxRetries);
    }

    static MessageDefinition message(DefinitionNode message) {
        if (message.get("plainTextMessage").isPresent()) {
            return MessageDefinition.text("PlainText", message.get("plainTextMessage").requireText("value"));
        }
        if (message.get("ssmlMessage").isPresent()) {
            return MessageDefinition.text("SSML", message.get("ssmlMessage").requireText("value"));
        }
        if (message.get("customPayload").isPresent()) {
            return MessageDefinition.text("CustomPayload", message.get("customPayload").requireText("value"));
        }
        DefinitionNode card = message.get("imageResponseCard");
        if (!card.isPresent()) {
            throw message.error("has none of plainTextMessage, ssmlMessage, customPayload, imageResponseCard");
        }
        ObjectNode wire = JsonNodeFactory.instance.objectNode();
        wire.put("title", card.requireText("title"));
        card.optionalText("subtitle").ifPresent(s -> wire.put("subtitle", s));
        card.optionalText("imageUrl").ifPresent(s -> wire.put("imageUrl", s));
        List<DefinitionNode> buttons = card.list("buttons");
        if (!buttons.isEmpty()) {
            var array = wire.putArray("buttons");
            for (DefinitionNode button : buttons) {
                array.addObject().put("text", button.requireText("text")).put("value", button.requireText("value"));
            }
        }
        return MessageDefinition.card(wire);
    }
}
