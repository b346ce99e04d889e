package dev.flexlex.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flexlex.model.ChatChannel;
import dev.flexlex.process.lex.LexMessage;
import dev.flexlex.process.lex.LexState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NumberedChoicesTest {
    static final LexMessage FLOWERS = new LexMessage("ImageResponseCard", null, "Which flowers?", null,
            List.of("roses", "tulips", "lilies"), List.of("Roses", "Tulips", "Lilies"));

    static Optional<LexState> lastTurn(LexMessage... messages) {
        return Optional.of(new LexState(List.of(messages), "OrderFlowers", "InProgress", Map.of(), Map.of(),
                "ElicitSlot"));
    }

    static Optional<String> value(ChatChannel channel, String text, Optional<LexState> lastTurn) {
        return NumberedChoices.choice(channel, text, lastTurn).map(NumberedChoices.Choice::value);
    }

    @Test
    void aBareNumberOnAPhoneIsTheValueOfThatButtonOfTheLastCard() {
        Optional<LexState> last = lastTurn(LexMessage.plainText("What type of flowers?"), FLOWERS);

        assertEquals(Optional.of("roses"), value(ChatChannel.SMS, "1", last));
        assertEquals(Optional.of("lilies"), value(ChatChannel.WHATSAPP, " 3 ", last), "spaces around are fine");
        assertEquals(Optional.of(new NumberedChoices.Choice(2, 3, "tulips")),
                NumberedChoices.choice(ChatChannel.SMS, "2", last));
    }

    @Test
    void anythingButABareNumberWithinTheButtonsGoesToLexAsTyped() {
        Optional<LexState> last = lastTurn(FLOWERS);

        for (String text : List.of("0", "4", "12", "1.", "01x", "-1", "1 2", "one", "", "١")) {
            assertEquals(Optional.empty(), value(ChatChannel.SMS, text, last), "'" + text + "'");
        }
    }

    @Test
    void aNumberWhenTheLastTurnHadNoCardOrOnWebchatGoesToLexAsTyped() {
        assertEquals(Optional.empty(), value(ChatChannel.SMS, "1", lastTurn(LexMessage.plainText("How many?"))));
        assertEquals(Optional.empty(), value(ChatChannel.SMS, "1", Optional.empty()), "a new session");
        assertEquals(Optional.empty(), value(ChatChannel.WEB, "1", lastTurn(FLOWERS)), "webchat sends values itself");
        assertEquals(Optional.empty(), value(ChatChannel.CHAT, "1", lastTurn(FLOWERS)));
    }

    @Test
    void theLastCardOfTheTurnCounts() {
        LexMessage days = new LexMessage("ImageResponseCard", null, "When?", null, List.of("today", "tomorrow"));

        assertEquals(Optional.of("tomorrow"), value(ChatChannel.SMS, "2", lastTurn(FLOWERS, days)));
        assertEquals(Optional.empty(), value(ChatChannel.SMS, "3", lastTurn(FLOWERS, days)),
                "the card shown last has two buttons");
    }
}
