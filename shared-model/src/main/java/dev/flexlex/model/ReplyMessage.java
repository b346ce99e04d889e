package dev.flexlex.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of the bot's reply, as Lex returned it.
 *
 * @param contentType {@code PlainText}, {@code ImageResponseCard} or {@code CustomPayload}
 * @param text the text to post (for a card: title and subtitle)
 * @param buttons the card's button values, what is sent back to the bot (empty for other types)
 * @param payload the custom payload passed through unchanged (nullable)
 * @param buttonTexts what each button shows the customer, in the order of {@code buttons}; optional within schema
 *                    version 1 (absent, and not written, when empty: the buttons then show their values, as the
 *                    first v1 shape did)
 */
public record ReplyMessage(String contentType, String text, List<String> buttons, String payload,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> buttonTexts) {
    public static final String PLAIN_TEXT = "PlainText";
    public static final String IMAGE_RESPONSE_CARD = "ImageResponseCard";
    public static final String CUSTOM_PAYLOAD = "CustomPayload";

    /** One card button: what the customer sees, and what goes back to the bot. */
    public record Button(String text, String value) {
    }

    @JsonCreator
    public ReplyMessage {
        Require.text("ReplyMessage", "contentType", contentType);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
        buttonTexts = buttonTexts == null ? List.of() : List.copyOf(buttonTexts);
        if (!buttonTexts.isEmpty() && buttonTexts.size() != buttons.size()) {
            throw new IllegalArgumentException("ReplyMessage has " + buttonTexts.size() + " buttonTexts for "
                    + buttons.size() + " buttons");
        }
    }

    /** A message whose buttons (if any) show their values. */
    public ReplyMessage(String contentType, String text, List<String> buttons, String payload) {
        this(contentType, text, buttons, payload, List.of());
    }

    /** A card message from its buttons (a button with no text shows its value). */
    public static ReplyMessage card(String text, List<Button> buttons) {
        List<String> values = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Button button : buttons) {
            values.add(button.value());
            texts.add(button.text() == null || button.text().isBlank() ? button.value() : button.text());
        }
        // Texts equal to the values add nothing: the message keeps the first v1 shape.
        return new ReplyMessage(IMAGE_RESPONSE_CARD, text, values, null, texts.equals(values) ? List.of() : texts);
    }

    public static ReplyMessage plainText(String text) {
        return new ReplyMessage(PLAIN_TEXT, text, List.of(), null);
    }

    /** The buttons with what each shows (its value when no text was given). */
    public List<Button> choices() {
        List<Button> choices = new ArrayList<>();
        for (int i = 0; i < buttons.size(); i++) {
            choices.add(new Button(buttonTexts.isEmpty() ? buttons.get(i) : buttonTexts.get(i), buttons.get(i)));
        }
        return choices;
    }
}
