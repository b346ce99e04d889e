package dev.flexlex.locallex.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.definition.BotLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slots with default values: a fixed value, a session attribute, falling back to the prompt. */
class SlotDefaultValueTest {

    private static final String TEMPLATE = """
            Resources:
              Coffee:
                Type: AWS::Lex::Bot
                Properties:
                  Name: Coffee
                  BotLocales:
                    - LocaleId: en_US
                      SlotTypes:
                        - Name: Sizes
                          ValueSelectionSetting: {ResolutionStrategy: TOP_RESOLUTION}
                          SlotTypeValues:
                            - SampleValue: {Value: small}
                            - SampleValue: {Value: large}
                              Synonyms: [{Value: big}]
                      Intents:
                        - Name: OrderCoffee
                          SampleUtterances: [{Utterance: I want a coffee}]
                          SlotPriorities: [{Priority: 1, SlotName: Size}, {Priority: 2, SlotName: Name}]
                          Slots:
                            - Name: Size
                              SlotTypeName: Sizes
                              ValueElicitationSetting:
                                SlotConstraint: Required
                                DefaultValueSpecification:
                                  DefaultValueList: [{DefaultValue: "#Previous.Size"}, {DefaultValue: "'big'"}]
                                PromptSpecification:
                                  MessageGroupsList: [{Message: {PlainTextMessage: {Value: "Which size?"}}}]
                                  MaxRetries: 1
                            - Name: Name
                              SlotTypeName: AMAZON.FreeFormInput
                              ValueElicitationSetting:
                                SlotConstraint: Required
                                DefaultValueSpecification:
                                  DefaultValueList: [{DefaultValue: "[firstName]"}]
                                PromptSpecification:
                                  MessageGroupsList: [{Message: {PlainTextMessage: {Value: "Whose coffee is it?"}}}]
                                  MaxRetries: 1
                          IntentClosingSetting:
                            ClosingResponse:
                              MessageGroupsList: [{Message: {PlainTextMessage: {Value: "A {Size} coffee for {Name}."}}}]
            """;

    private static LexBot coffee;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        coffee = BotLoader.load(Files.writeString(dir.resolve("coffee.yaml"), TEMPLATE), Conversation.CLOCK).get(0);
    }

    @Test
    void defaultsFillTheSlotsSoNothingIsAsked() {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.putObject("sessionAttributes").put("firstName", "Ada");
        Conversation c = new Conversation(coffee, ZoneOffset.UTC).withState(state);

        c.say("I want a coffee");

        assertEquals("Close", c.dialogAction());
        assertEquals("A large coffee for Ada.", c.message());
        assertEquals("big", c.slotValue("Size").path("originalValue").asText());
    }

    @Test
    void aDefaultFromAMissingAttributeLeavesTheSlotToItsPrompt() {
        Conversation c = new Conversation(coffee, ZoneOffset.UTC);

        c.say("I want a coffee");

        assertEquals("Name", c.slotToElicit());
        assertEquals("large", c.slot("Size"));
        assertEquals("Whose coffee is it?", c.message());
    }

    @Test
    void aValueGivenInTheUtteranceBeatsTheDefault() {
        Conversation c = new Conversation(coffee, ZoneOffset.UTC);

        c.say("I want a small coffee");

        assertEquals("small", c.slot("Size"));
    }
}
