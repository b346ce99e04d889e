package dev.flexlex.locallex.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.locallex.bot.BotDefinitionException;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.definition.BotLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slot's {@code SlotCaptureSetting.FailureNextStep} (and the confirmation's) decides what follows the failure
 * response once the prompt's retries are spent: the OrderFlowers bot of ../template.yaml with one added.
 */
class FailureNextStepTest {

    /** The slot after FlowerType; FlowerType's SlotCaptureSetting (indented 22) ends right before it. */
    private static final String NEXT_SLOT = "\n                - Name: PickupDate\n";

    @TempDir
    Path dir;

    private Conversation withFlowerTypeFailureStep(String nextStep) throws IOException {
        String template = Files.readString(Path.of("../template.yaml"));
        assertTrue(template.contains("Let me find someone who can help you." + NEXT_SLOT), "the template's FlowerType slot changed");
        Path copy = dir.resolve("template.yaml");
        Files.writeString(copy, template.replaceFirst(NEXT_SLOT, "\n" + nextStep.indent(22) + NEXT_SLOT.substring(1)));
        LexBot bot = BotLoader.load(copy, Conversation.CLOCK).get(0);
        Conversation c = new Conversation(bot, ZoneOffset.UTC);
        c.say("I would like to order some flowers");
        c.say("a bicycle");
        c.say("a spaceship");
        return c;
    }

    private static List<String> contents(Conversation c) {
        return c.last.messages().findValuesAsText("content");
    }

    @Test
    void startIntentSwitchesToTheNamedIntentAfterTheFailureResponse() throws IOException {
        Conversation c = withFlowerTypeFailureStep("""
                FailureNextStep:
                  DialogAction: {Type: StartIntent}
                  Intent: {Name: TalkToAgent}""");

        c.say("a submarine");

        assertEquals("TalkToAgent", c.intentName());
        assertEquals("Close", c.dialogAction());
        assertEquals(List.of("Sorry, I still could not get that. Let me find someone who can help you.",
                "Getting you an agent now."), contents(c));
    }

    @Test
    void endConversationClosesTheIntentFailedWithOnlyTheFailureResponse() throws IOException {
        Conversation c = withFlowerTypeFailureStep("""
                FailureNextStep:
                  DialogAction: {Type: EndConversation}""");

        c.say("a submarine");

        assertEquals("OrderFlowers", c.intentName());
        assertEquals("Failed", c.intentState());
        assertEquals("Close", c.dialogAction());
        assertEquals(List.of("Sorry, I still could not get that. Let me find someone who can help you."), contents(c));
    }

    @Test
    void elicitIntentLeavesNoIntentAndWaitsForTheNextRequest() throws IOException {
        Conversation c = withFlowerTypeFailureStep("""
                FailureNextStep:
                  DialogAction: {Type: ElicitIntent}""");

        c.say("a submarine");

        assertEquals("ElicitIntent", c.dialogAction());
        assertFalse(c.last.sessionState().has("intent"));
        assertEquals("FallbackIntent", c.last.interpretations().get(0).path("intent").path("name").asText());
        c.say("speak to an agent");
        assertEquals("TalkToAgent", c.intentName(), "the next text is classified afresh");
    }

    @Test
    void aNextStepLocalLexDoesNotFollowFailsTheLoadNamingIt(@TempDir Path other) throws IOException {
        BotDefinitionException e = assertThrows(BotDefinitionException.class, () -> withFlowerTypeFailureStep("""
                FailureNextStep:
                  DialogAction: {Type: InvokeDialogCodeHook}"""));
        assertTrue(e.getMessage().contains("InvokeDialogCodeHook") && e.getMessage().contains("StartIntent"), e.getMessage());
        BotDefinitionException unknown = assertThrows(BotDefinitionException.class, () -> withFlowerTypeFailureStep("""
                FailureNextStep:
                  DialogAction: {Type: StartIntent}
                  Intent: {Name: NoSuchIntent}"""));
        assertTrue(unknown.getMessage().contains("NoSuchIntent"), unknown.getMessage());
    }
}
