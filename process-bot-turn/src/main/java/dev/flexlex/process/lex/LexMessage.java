package dev.flexlex.process.lex;

import java.util.List;

/**
 * One message Lex returned, kept close to Lex's shape; the turn policy decides how the chat shows it.
 *
 * @param contentType Lex's content type: {@code PlainText}, {@code SSML}, {@code CustomPayload} or {@code ImageResponseCard}
 * @param content the text or custom payload (null for a card)
 * @param cardTitle the card's title (cards only)
 * @param cardSubtitle the card's subtitle (cards only, nullable)
 * @param buttonValues the card's button values, in order: what goes back to the bot (empty unless a card)
 * @param buttonTexts the card's button texts, in the same order: what the customer sees (empty: show the values)
 */
public record LexMessage(String contentType, String content, String cardTitle, String cardSubtitle,
                         List<String> buttonValues, List<String> buttonTexts) {
    public LexMessage {
        buttonValues = buttonValues == null ? List.of() : List.copyOf(buttonValues);
        buttonTexts = buttonTexts == null ? List.of() : List.copyOf(buttonTexts);
        if (!buttonTexts.isEmpty() && buttonTexts.size() != buttonValues.size()) {
            throw new IllegalArgumentException(buttonTexts.size() + " button texts for " + buttonValues.size()
                    + " button values");
        }
    }

    /** A message whose buttons (if any) show their values. */
    public LexMessage(String contentType, String content, String cardTitle, String cardSubtitle,
                      List<String> buttonValues) {
        this(contentType, content, cardTitle, cardSubtitle, buttonValues, List.of());
    }

    public static LexMessage plainText(String content) {
        return new LexMessage("PlainText", content, null, null, List.of());
    }
}
