package dev.flexlex.locallex.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One message of a message group, as defined: a {@code PlainText}, {@code SSML} or {@code CustomPayload}
 * text, or an {@code ImageResponseCard} (then {@code card} holds the runtime {@code ImageResponseCard} shape).
 */
public record MessageDefinition(String contentType, String content, ObjectNode card) {

    public static MessageDefinition text(String contentType, String content) {
        return new MessageDefinition(contentType, content, null);
    }

    public static MessageDefinition card(ObjectNode card) {
        return new MessageDefinition("ImageResponseCard", null, card);
    }
}
