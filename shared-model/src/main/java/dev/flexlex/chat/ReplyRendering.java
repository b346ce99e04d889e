package dev.flexlex.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.model.Json;
import dev.flexlex.model.ReplyMessage;

/**
 * How a Lex reply message becomes a chat message: plain text as is; an image response card as its text plus its
 * button choices (also in the attributes, for a webchat that renders buttons); a custom payload passed through in
 * the attributes, with its text (or the payload itself) as the body.
 */
final class ReplyRendering {
    private ReplyRendering() {
    }

    static String body(ReplyMessage message) {
        String text = message.text() == null ? "" : message.text();
        if (ReplyMessage.IMAGE_RESPONSE_CARD.equals(message.contentType()) && !message.buttons().isEmpty()) {
            String choices = String.join(" | ", message.buttons());
            return text.isEmpty() ? choices : text + "\n" + choices;
        }
        if (ReplyMessage.CUSTOM_PAYLOAD.equals(message.contentType()) && text.isEmpty() && message.payload() != null) {
            return message.payload();
        }
        return text;
    }

    static String attributes(ReplyMessage message, String turnMessageSid, int part, int parts) {
        ObjectNode attributes = BridgeAttributes.messageTag(turnMessageSid, part, parts);
        ObjectNode tag = (ObjectNode) attributes.get(BridgeAttributes.MESSAGE_TAG);
        tag.put("contentType", message.contentType());
        if (!message.buttons().isEmpty()) {
            ArrayNode buttons = tag.putArray("buttons");
            message.buttons().forEach(buttons::add);
        }
        if (message.payload() != null) {
            tag.put("payload", message.payload());
        }
        return Json.write(attributes);
    }
}
