package dev.flexlex.process;

import static dev.flexlex.process.Fixtures.REGISTRY;
import static dev.flexlex.process.Fixtures.turn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.config.ConfigException;
import dev.flexlex.config.Env;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Messages Lex cannot read as they are: media only, empty, blank, longer than 1,024 characters. */
class TextForLexTest {
    private final FakeLexGateway lex = new FakeLexGateway();
    private final RecordingPublisher outbound = new RecordingPublisher();
    private final TextForLex replies = new TextForLex("I can only read text", "Please type your question");
    private final BotTurnService service = new BotTurnService(REGISTRY, lex, outbound, new TurnPolicy(),
            Fixtures.recordingRetry(Fixtures.sleeps()), replies);

    private static BotTurn withMedia(String text, int media) {
        return new BotTurn(1, ChatPlatformKind.CONVERSATIONS, "CH1", "IM1", "WH1", "customer-1", "Ada",
                "OrderFlowers", text, Instant.parse("2026-11-25T22:00:00Z"), media);
    }

    @Test
    void aMediaOnlyMessageGetsTheConfiguredReplyWithoutLexAndStaysWithTheBot() {
        BotReply reply = service.process(withMedia("", 1)).orElseThrow();

        assertEquals(List.of(), lex.calls, "Lex is not asked");
        assertEquals(List.of(ReplyMessage.plainText("I can only read text")), reply.messages());
        assertEquals(NextStep.WAIT_FOR_MESSAGE, reply.nextStep(), "not an agent");
        assertEquals(List.of(new RecordingPublisher.Published("CH1", "IM1", reply)), outbound.published);
    }

    @Test
    void anEmptyOrBlankMessageGetsAPromptWithoutLex() {
        for (String text : List.of("", "   ", "\n\t ")) {
            outbound.published.clear();
            BotReply reply = service.process(turn("CH1", "IM1", text)).orElseThrow();

            assertEquals(List.of(ReplyMessage.plainText("Please type your question")), reply.messages(), "'" + text + "'");
            assertEquals(NextStep.WAIT_FOR_MESSAGE, reply.nextStep());
            assertEquals(1, outbound.published.size());
        }
        assertEquals(List.of(), lex.calls);
    }

    @Test
    void mediaWithACaptionSendsTheCaptionToLex() {
        lex.answer("roses please", "OrderFlowers", "InProgress", "When?");

        BotReply reply = service.process(withMedia("roses please", 1)).orElseThrow();

        assertEquals("roses please", lex.recognized.get(0).text());
        assertEquals(List.of(ReplyMessage.plainText("When?")), reply.messages());
    }

    @Test
    void textOverTheLimitReachesLexCutAtAWordBoundary() {
        String words = "flowers ".repeat(200); // 1,600 characters
        BotReply reply = service.process(turn("CH1", "IM1", words)).orElseThrow();

        String sent = lex.recognized.get(0).text();
        assertTrue(sent.length() <= 1024, "length " + sent.length());
        assertEquals(1023, sent.length(), "127 whole words and their spaces, no trailing space");
        assertTrue(words.startsWith(sent));
        assertTrue(sent.endsWith("flowers"));
        assertEquals(NextStep.WAIT_FOR_MESSAGE, reply.nextStep(), "an ordinary Lex turn, not an apology");
    }

    @Test
    void cutKeepsFittingTextAndCutsTextWithoutSpacesAtTheLimit() {
        assertEquals("x".repeat(1024), TextForLex.cut("x".repeat(1024)));
        assertEquals("x".repeat(1024), TextForLex.cut("x".repeat(3000)));
        assertEquals("ab", TextForLex.cut("ab " + "x".repeat(1100)));
        assertEquals("y".repeat(1024), TextForLex.cut("y".repeat(1024) + " tail"), "a space right after the limit");
        assertEquals("z".repeat(1000), TextForLex.cut("   " + "z".repeat(1000) + "   " + " ".repeat(100)),
                "surrounding whitespace stripped first");
        String emoji = "\uD83C\uDF39"; // a rose: two UTF-16 units
        String cut = TextForLex.cut("a".repeat(1023) + emoji + "b".repeat(10));
        assertEquals("a".repeat(1023), cut, "a surrogate pair is never split");
    }

    @Test
    void repliesComeFromTheEnvironmentWithDefaultsAndAreChecked() {
        assertEquals(TextForLex.DEFAULTS, TextForLex.from(new Env(Map.of())));
        assertEquals(new TextForLex("Solo texto", "Escribe tu pregunta"), TextForLex.from(new Env(Map.of(
                "MEDIA_ONLY_REPLY", "Solo texto", "EMPTY_MESSAGE_REPLY", "Escribe tu pregunta"))));
        assertEquals(TextForLex.DEFAULT_MEDIA_ONLY_REPLY,
                TextForLex.from(new Env(Map.of("MEDIA_ONLY_REPLY", " "))).mediaOnlyReply(), "blank is unset");
        assertEquals("environment variable MEDIA_ONLY_REPLY must not be blank",
                assertThrows(ConfigException.class, () -> new TextForLex(" ", "x")).getMessage());
        assertEquals("environment variable EMPTY_MESSAGE_REPLY must be at most 1024 characters",
                assertThrows(ConfigException.class, () -> TextForLex.from(new Env(Map.of(
                        "EMPTY_MESSAGE_REPLY", "x".repeat(1025))))).getMessage());
    }
}
