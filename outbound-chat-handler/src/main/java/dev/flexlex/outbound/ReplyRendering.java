package dev.flexlex.outbound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.chat.BridgeAttributes;
import dev.flexlex.chat.ChatMessage;
import dev.flexlex.model.ChatChannel;
import dev.flexlex.model.Json;
import dev.flexlex.model.ReplyMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * How a Lex reply message becomes a chat message: plain text as is; an image response card as its text plus what
 * its buttons show (Lex's button {@code text}), with each button's text and {@code value} also in the attributes
 * ({@code flexLex.buttons: [{"text","value"}]}) for a webchat that renders buttons and sends the value back; a custom
 * payload passed through in the attributes, with its text (or the payload itself) as the body.
 *
 * <p>Everything rendered fits one chat message ({@link ChatMessage#MAX_BODY_CHARS}): Lex's runtime model caps a message's
 * text at 1,024 characters, a card's title and subtitle at 250 each and its at most five buttons' texts at 50 each,
 * so the longest card renders to 250 + 1 + 250 + 1 + 5 × 50 + 4 × 3 = 764 characters, and with numbered choices (SMS,
 * WhatsApp) to 250 + 1 + 250 + 5 × (1 + 3 + 50) = 771: within the 1,600 characters of one Twilio message body, which
 * Twilio itself sends as concatenated SMS segments (153 GSM-7 or 67 UCS-2 characters each).
 */
final class ReplyRendering {
    static final String CHOICE_SEPARATOR = " | ";

    private ReplyRendering() {
    }

    /**
     * The body on the customer's channel: on SMS and WhatsApp a card's buttons become numbered choices, one a line
     * ({@code "1. Roses"}), which the customer answers with the number; elsewhere they show on one line, separated by
     * {@value #CHOICE_SEPARATOR}.
     */
    static String body(ReplyMessage message, ChatChannel channel) {
        String text = message.text() == null ? "" : message.text();
        if (ReplyMessage.IMAGE_RESPONSE_CARD.equals(message.contentType()) && !message.buttons().isEmpty()) {
            List<String> shown = new ArrayList<>();
            List<ReplyMessage.Button> choices = message.choices();
            for (int i = 0; i < choices.size(); i++) {
                shown.add(channel.isPhone() ? (i + 1) + ". " + choices.get(i).text() : choices.get(i).text());
            }
            String joined = String.join(channel.isPhone() ? "\n" : CHOICE_SEPARATOR, shown);
            return text.isEmpty() ? joined : text + "\n" + joined;
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
            for (ReplyMessage.Button choice : message.choices()) {
                buttons.addObject().put("text", choice.text()).put("value", choice.value());
            }
        }
        if (message.payload() != null) {
            tag.put("payload", message.payload());
        }
        return Json.write(attributes);
    }
}
