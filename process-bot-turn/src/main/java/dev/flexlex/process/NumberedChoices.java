package dev.flexlex.process;

import dev.flexlex.model.ChatChannel;
import dev.flexlex.process.lex.LexMessage;
import dev.flexlex.process.lex.LexState;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * On SMS and WhatsApp a response card's buttons are shown as numbered choices ("1. Roses"); the customer answers with
 * the number, and Lex must get the button's value, as a webchat button would have sent it. The card is the one Lex
 * last sent: GetSession's {@code messages} are the messages of the session's last turn.
 *
 * <p>A message is a choice only when it is a bare number (surrounding spaces allowed) from 1 to the number of buttons
 * of the last card among those messages. Anything else — {@code 0}, a number past the buttons, {@code 1.}, text, a
 * number when the last turn sent no card, or any message on webchat — goes to Lex as the customer typed it.
 */
final class NumberedChoices {
    private static final Pattern BARE_NUMBER = Pattern.compile("\\s*([0-9]{1,2})\\s*");

    private NumberedChoices() {
    }

    /** The chosen button, when the text is a choice of the last card shown on this phone channel. */
    static Optional<Choice> choice(ChatChannel channel, String text, Optional<LexState> lastTurn) {
        if (!channel.isPhone() || lastTurn.isEmpty()) {
            return Optional.empty();
        }
        Matcher number = BARE_NUMBER.matcher(text);
        if (!number.matches()) {
            return Optional.empty();
        }
        List<String> buttons = lastCardButtons(lastTurn.get().messages());
        int chosen = Integer.parseInt(number.group(1));
        if (chosen < 1 || chosen > buttons.size()) {
            return Optional.empty();
        }
        return Optional.of(new Choice(chosen, buttons.size(), buttons.get(chosen - 1)));
    }

    private static List<String> lastCardButtons(List<LexMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            LexMessage message = messages.get(i);
            if ("ImageResponseCard".equals(message.contentType()) && !message.buttonValues().isEmpty()) {
                return message.buttonValues();
            }
        }
        return List.of();
    }

    /** Button {@code number} (1-based) of a card of {@code of} buttons; {@code value} is what goes to Lex. */
    record Choice(int number, int of, String value) {
    }
}
