package dev.flexlex.localstack.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** The OrderFlowers order of template.yaml, turn by turn: what the customer says and how the bot's answer starts. */
public final class OrderFlowersScript {
    public static final List<String> CUSTOMER = List.of("I want to order flowers", "roses", "tomorrow", "5 pm", "yes");
    public static final List<String> BOT_STARTS = List.of("What type of flowers would you like to order?",
            "What day do you want the roses to be picked up?", "At what time do you want the roses to be picked up?",
            "Okay, your roses will be ready for pickup by", "Thanks, your order of roses is placed for pickup on");

    private OrderFlowersScript() {
    }

    /** Exactly one bot line per customer line, in order. */
    public static void assertBotAnswered(String chat, List<String> botLines, int turns) {
        assertEquals(turns, botLines.size(), chat + ": bot lines " + botLines);
        for (int i = 0; i < turns; i++) {
            assertTrue(botLines.get(i).startsWith(BOT_STARTS.get(i)), chat + ": bot line " + i + " was '"
                    + botLines.get(i) + "', expected it to start with '" + BOT_STARTS.get(i) + "'");
        }
    }
}
