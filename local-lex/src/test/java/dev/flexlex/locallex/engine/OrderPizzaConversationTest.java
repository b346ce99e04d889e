package dev.flexlex.locallex.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.definition.BotLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The OrderPizza bot of the export test data: image response cards, original values, numbers, alphanumerics. */
class OrderPizzaConversationTest {

    private static final LexBot ORDER_PIZZA =
            BotLoader.load(Path.of("src/test/resources/exports/OrderPizza"), Conversation.CLOCK).get(0);

    private static Conversation conversation() {
        return new Conversation(ORDER_PIZZA, ZoneOffset.UTC);
    }

    @Test
    void aPromptWithAnImageResponseCardSendsTheCardAsAMessage() {
        Conversation c = conversation();

        c.say("I would like a family pizza");

        assertEquals("large", c.slot("Size"));
        assertEquals("Crust", c.slotToElicit());
        assertEquals(2, c.last.messages().size());
        assertEquals("Which crust would you like for your large pizza?", c.message());
        JsonNode card = c.last.messages().get(1);
        assertEquals("ImageResponseCard", card.path("contentType").asText());
        assertEquals("Crust for your large pizza", card.path("imageResponseCard").path("title").asText());
        assertEquals("https://example.com/crusts.png", card.path("imageResponseCard").path("imageUrl").asText());
        assertEquals("[{\"text\":\"Thin\",\"value\":\"thin\"},{\"text\":\"Thick\",\"value\":\"thick\"},{\"text\":\"Stuffed\",\"value\":\"stuffed\"}]",
                card.path("imageResponseCard").path("buttons").toString());
    }

    @Test
    void originalValueResolutionKeepsWhatWasSaidAndResolvesToTheValue() {
        Conversation c = conversation();
        c.say("I want to order a pizza");
        c.say("medium");

        c.say("deep dish");

        JsonNode value = c.slotValue("Crust");
        assertEquals("deep dish", value.path("originalValue").asText());
        assertEquals("deep dish", value.path("interpretedValue").asText());
        assertEquals("[\"thick\"]", value.path("resolvedValues").toString());
    }

    @Test
    void aWholeOrderSkipsTheOptionalSlotAndIsConfirmed() {
        Conversation c = conversation();
        c.say("Order a small thin pizza");
        assertEquals("Quantity", c.slotToElicit());
        assertEquals("How many small pizzas?", c.message());

        c.say("twenty two");
        assertEquals("ConfirmIntent", c.dialogAction());
        assertEquals("So that is 22 small thin crust pizzas. Shall I place the order?", c.message());
        assertEquals(null, c.slot("DeliveryNote"));

        c.say("yes please");
        assertEquals("Fulfilled", c.intentState());
        assertEquals("Your pizza is on its way.", c.message());
    }

    @Test
    void aNumberSlotPlaceholderCapturesTheNumber() {
        Conversation c = conversation();

        c.say("3 pizzas please");

        assertEquals("OrderPizza", c.intentName());
        assertEquals("3", c.slot("Quantity"));
        assertEquals("Size", c.slotToElicit());
    }

    @Test
    void confirmationRetriesFollowTheirOwnMaxRetries() {
        Conversation c = conversation();
        c.say("Order a large stuffed pizza");
        c.say("2");

        c.say("hmm");
        assertEquals("ConfirmIntent", c.dialogAction());
        c.say("hmm");

        assertEquals("Close", c.dialogAction());
        assertEquals("FallbackIntent", c.intentName(), "then the fallback intent is invoked");
        assertEquals("[\"Let's leave it there for now.\"]", contents(c),
                "the confirmation's failure response (this fallback intent says nothing)");
    }

    @Test
    void anAlphaNumericPlaceholderCapturesTheOrderNumber() {
        Conversation c = conversation();

        c.say("check order AB123");

        assertEquals("CheckOrderStatus", c.intentName());
        assertEquals("Close", c.dialogAction());
        assertEquals("[\"Let me look that up.\",\"Order AB123 is in the oven.\"]", contents(c), "initial then closing response");
    }

    @Test
    void anElicitedValueOfASlotTypeWithARegexFilter() {
        Conversation c = conversation();
        c.say("where is my order");
        assertEquals("OrderNumber", c.slotToElicit());
        assertEquals("[\"Let me look that up.\",\"What is your order number?\"]", contents(c));

        c.say("it is ZX810!");

        assertEquals("Order ZX810 is in the oven.", c.message());
    }

    @Test
    void anAnswerTheRegexFilterRejectsIsAskedAgain() {
        Conversation c = conversation();
        c.say("where is my order");

        c.say("it is 42");

        assertEquals("OrderNumber", c.slotToElicit());
        assertEquals("[\"What is your order number?\"]", contents(c), "a repeated prompt has no initial response");
    }

    @Test
    void whenTheRetriesAreSpentTheSlotsFailureResponseIsSent() {
        Conversation c = conversation();
        c.say("where is my order");
        c.say("it is 42");
        c.say("no idea");

        c.say("still no idea");

        assertEquals("FallbackIntent", c.intentName());
        assertEquals("[\"Sorry, I cannot find that order number.\"]", contents(c));
    }

    private static String contents(Conversation c) {
        List<String> contents = new ArrayList<>();
        c.last.messages().forEach(m -> contents.add(m.path("content").asText()));
        return contents.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void aFallbackWithoutClosingResponseClosesSilently() {
        Conversation c = conversation();

        c.say("sing me a song about the sea");

        assertEquals("FallbackIntent", c.intentName());
        assertEquals("Close", c.dialogAction());
        assertEquals(0, c.last.messages().size());
    }
}
