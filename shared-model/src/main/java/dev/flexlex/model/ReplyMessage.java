package dev.flexlex.model;

import java.util.List;

/**
 * One message of the bot's reply, as Lex returned it.
 *
 * @param contentType {@code PlainText}, {@code ImageResponseCard} or {@code CustomPayload}
 * @param text the text to post (for a card: title and subtitle)
 * @param buttons the card's button values (empty for other types)
 * @param payload the custom payload passed through unchanged (nullable)
 */
public record ReplyMessage(String contentType, String text, List<String> buttons, String payload) {
    public static final String PLAIN_TEXT = "PlainText";
    public static final String IMAGE_RESPONSE_CARD = "ImageResponseCard";
    public static final String CUSTOM_PAYLOAD = "CustomPayload";

    public ReplyMessage {
        Require.text("ReplyMessage", "contentType", contentType);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    public static ReplyMessage plainText(String text) {
        return new ReplyMessage(PLAIN_TEXT, text, List.of(), null);
    }
}
