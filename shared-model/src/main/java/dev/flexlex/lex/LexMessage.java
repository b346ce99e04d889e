package dev.flexlex.lex;

import java.util.List;

/**
 * One message Lex returned, kept close to Lex's shape; the turn policy decides how the chat shows it.
 *
 * @param contentType Lex's content type: {@code PlainText}, {@code SSML}, {@code CustomPayload} or {@code ImageResponseCard}
 * @param content the text or custom payload (null for a card)
 * @param cardTitle the card's title (cards only)
 * @param cardSubtitle the card's subtitle (cards only, nullable)
 * @param buttonValues the card's button values, in order (empty unless a card)
 */
public record LexMessage(String contentType, String content, String cardTitle, String cardSubtitle,
                         List<String> buttonValues) {
    public LexMessage {
        buttonValues = buttonValues == null ? List.of() : List.copyOf(buttonValues);
    }

    public static LexMessage plainText(String content) {
        return new LexMessage("PlainText", content, null, null, List.of());
    }
}
