package dev.flexlex.locallex.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The OrderFlowers bot of ../template.yaml, turn by turn, as AWS's published trace runs it. */
class OrderFlowersConversationTest {

    @Test
    void reproducesThePublishedTraceFromIntentToFulfilment() {
        Conversation c = Conversation.orderFlowers();

        c.say("I would like to order some flowers");
        assertEquals("ElicitSlot", c.dialogAction());
        assertEquals("FlowerType", c.slotToElicit());
        assertEquals("OrderFlowers", c.intentName());
        assertEquals("InProgress", c.intentState());
        assertEquals("None", c.intent().path("confirmationState").asText());
        assertTrue(c.intent().path("slots").has("PickupDate") && c.intent().path("slots").get("PickupDate").isNull());
        assertEquals("What type of flowers would you like to order?", c.message());
        assertEquals("PlainText", c.last.messages().get(0).path("contentType").asText());

        c.say("roses");
        assertEquals("PickupDate", c.slotToElicit());
        assertEquals("roses", c.slot("FlowerType"));
        assertEquals("What day do you want the roses to be picked up?", c.message());

        c.say("tomorrow");
        assertEquals("PickupTime", c.slotToElicit());
        assertEquals("2026-11-26", c.slot("PickupDate"));
        assertEquals("At what time do you want the roses to be picked up?", c.message());

        c.say("10 am");
        assertEquals("ConfirmIntent", c.dialogAction());
        assertEquals("10:00", c.slot("PickupTime"));
        assertEquals("Okay, your roses will be ready for pickup by 10:00 on 2026-11-26. Does this sound okay?", c.message());

        c.say("yes");
        assertEquals("Close", c.dialogAction());
        assertEquals("Fulfilled", c.intentState());
        assertEquals("Confirmed", c.intent().path("confirmationState").asText());
        assertEquals("Thanks, your order of roses is placed for pickup on 2026-11-26 at 10:00.", c.message());
    }

    @Test
    void aParaphraseWithTheFlowerInItSkipsTheFlowerQuestion() {
        Conversation c = Conversation.orderFlowers();

        c.say("I would like to buy some roses");

        assertEquals("OrderFlowers", c.intentName());
        assertEquals("roses", c.slot("FlowerType"));
        assertEquals("PickupDate", c.slotToElicit());
    }

    @Test
    void aFlowerAndPleaseIsAnOrder() {
        Conversation c = Conversation.orderFlowers();

        c.say("lilies please");

        assertEquals("OrderFlowers", c.intentName());
        assertEquals("lilies", c.slot("FlowerType"));
        assertEquals(1.0, c.last.interpretations().get(0).path("nluConfidence").path("score").asDouble());
    }

    @Test
    void synonymsResolveToTheDefinedValueKeepingWhatWasSaid() {
        Conversation c = Conversation.orderFlowers();
        c.say("I want to order flowers");

        c.say("A Rose");

        JsonNode value = c.slotValue("FlowerType");
        assertEquals("Rose", value.path("originalValue").asText());
        assertEquals("roses", value.path("interpretedValue").asText());
        assertEquals("[\"roses\"]", value.path("resolvedValues").toString());
    }

    @Test
    void everySlotGivenInTheFirstUtteranceGoesStraightToConfirmation() {
        Conversation c = Conversation.orderFlowers();

        c.say("I would like to order yellow tulips tomorrow at 5 pm");

        assertEquals("ConfirmIntent", c.dialogAction());
        assertEquals("tulips", c.slot("FlowerType"));
        assertEquals("2026-11-26", c.slot("PickupDate"));
        assertEquals("17:00", c.slot("PickupTime"));
    }

    @Test
    void anAnswerCanFillLaterSlotsToo() {
        Conversation c = Conversation.orderFlowers();
        c.say("I want to buy tulips");

        c.say("friday at noon");

        assertEquals("ConfirmIntent", c.dialogAction());
        assertEquals("2026-11-27", c.slot("PickupDate"));
        assertEquals("12:00", c.slot("PickupTime"));
    }

    @Test
    void textNoIntentMatchesIsTheFallbackIntentWithItsClosingResponse() {
        Conversation c = Conversation.orderFlowers();

        c.say("what is the weather on mars");

        assertEquals("FallbackIntent", c.intentName());
        assertEquals("Close", c.dialogAction());
        assertEquals("Sorry, I did not understand. You can order flowers or ask for an agent.", c.message());
        JsonNode first = c.last.interpretations().get(0);
        assertEquals("FallbackIntent", first.path("intent").path("name").asText());
        assertFalse(first.has("nluConfidence"), "the fallback intent carries no score");
    }

    @Test
    void anUnusableAnswerIsAskedAgainMaxRetriesTimesThenTheFallbackIntentIsInvoked() {
        Conversation c = Conversation.orderFlowers();
        c.say("I want to buy roses");

        c.say("purple elephant");
        assertEquals("PickupDate", c.slotToElicit());
        assertEquals("What day do you want the roses to be picked up?", c.message());
        c.say("still a purple elephant");
        assertEquals("PickupDate", c.slotToElicit());

        c.say("elephants all the way");
        // AWS's AMAZON.FallbackIntent page: invoked when an intent doesn't recognise the input as a slot value after
        // the configured number of tries. The slot's failure response first, then the fallback intent's own.
        assertEquals("FallbackIntent", c.intentName());
        assertEquals("Close", c.dialogAction());
        assertEquals("Fulfilled", c.intentState(), "the fallback intent closes as it does for an unrecognised message");
        assertEquals(2, c.last.messages().size());
        assertEquals("Sorry, I still could not get that. Let me find someone who can help you.", c.message(),
                "the slot's SlotCaptureSetting.FailureResponse is sent when its retries are spent");
        assertEquals("Sorry, I did not understand. You can order flowers or ask for an agent.",
                c.last.messages().get(1).path("content").asText());
        assertEquals("FallbackIntent", c.last.interpretations().get(0).path("intent").path("name").asText());
        assertFalse(c.last.interpretations().get(0).has("nluConfidence"));
        assertFalse(c.last.sessionState().has(Turn.RETRIES_MEMBER), "no prompt is pending any more");
    }

    @Test
    void anUnclearConfirmationAskedTooOftenInvokesTheFallbackIntentToo() {
        Conversation c = Conversation.orderFlowers();
        c.say("I would like to order lilies tomorrow at noon");
        c.say("hmm");
        c.say("hmm?");

        c.say("what?");

        assertEquals("FallbackIntent", c.intentName());
        assertEquals(1, c.last.messages().size(), "the confirmation has no failure response of its own");
        assertEquals("Sorry, I did not understand. You can order flowers or ask for an agent.", c.message());
    }

    @Test
    void aGoodAnswerAfterARetryStartsTheCountAfresh() {
        Conversation c = Conversation.orderFlowers();
        c.say("I want to buy roses");
        c.say("purple elephant");
        c.say("purple elephant");

        c.say("monday");
        assertEquals("PickupTime", c.slotToElicit());
        c.say("whenever");
        c.say("whenever");
        assertEquals("PickupTime", c.slotToElicit(), "PickupTime has its own MaxRetries");
    }

    @Test
    void noToTheConfirmationDeclinesTheOrder() {
        Conversation c = Conversation.orderFlowers();
        c.say("I would like to order lilies tomorrow at 9:15 am");

        c.say("no thanks");

        assertEquals("Close", c.dialogAction());
        assertEquals("Failed", c.intentState());
        assertEquals("Denied", c.intent().path("confirmationState").asText());
        assertEquals("Okay, I will not place your order.", c.message());
    }

    @Test
    void anUnclearConfirmationIsAskedAgain() {
        Conversation c = Conversation.orderFlowers();
        c.say("I would like to order lilies tomorrow at noon");

        c.say("hmm");

        assertEquals("ConfirmIntent", c.dialogAction());
        assertEquals("Okay, your lilies will be ready for pickup by 12:00 on 2026-11-26. Does this sound okay?", c.message());
    }

    @Test
    void askingForAHumanIsTalkToAgentAtOnce() {
        Conversation c = Conversation.orderFlowers();

        c.say("Can I speak to an agent?");

        assertEquals("TalkToAgent", c.intentName());
        assertEquals("Close", c.dialogAction());
        assertEquals("Fulfilled", c.intentState());
        assertEquals("Getting you an agent now.", c.message());
    }

    @Test
    void askingForAHumanInTheMiddleOfAnOrderSwitchesIntent() {
        Conversation c = Conversation.orderFlowers();
        c.say("I want to order flowers");

        c.say("talk to a human");

        assertEquals("TalkToAgent", c.intentName());
        assertEquals("Getting you an agent now.", c.message());
    }

    @Test
    void sessionAttributesPassThroughUnchanged() {
        ObjectNode incoming = JsonNodeFactory.instance.objectNode();
        incoming.putObject("sessionAttributes").put("chatSid", "CH123").put("customer", "x");
        Conversation c = Conversation.orderFlowers().withState(incoming);

        c.say("I want to buy roses");
        c.say("tomorrow");

        assertEquals("{\"chatSid\":\"CH123\",\"customer\":\"x\"}", c.last.sessionState().get("sessionAttributes").toString());
        assertEquals("{\"chatSid\":\"CH123\",\"customer\":\"x\"}", incoming.get("sessionAttributes").toString(),
                "the incoming state is not modified");
    }

    @Test
    void aNewSessionGetsEmptySessionAttributes() {
        Conversation c = Conversation.orderFlowers();

        c.say("I want to buy roses");

        assertEquals("{}", c.last.sessionState().get("sessionAttributes").toString());
    }

    @Test
    void interpretationsAreOrderedAtMostFiveWithTheFallbackUnscored() {
        Conversation c = Conversation.orderFlowers();

        c.say("I want a person to order flowers");

        var interpretations = c.last.interpretations();
        assertTrue(interpretations.size() >= 2 && interpretations.size() <= 5);
        double previous = 1.0;
        for (JsonNode interpretation : interpretations) {
            assertEquals("Lex", interpretation.path("interpretationSource").asText());
            if (interpretation.path("intent").path("name").asText().equals("FallbackIntent")) {
                assertFalse(interpretation.has("nluConfidence"));
                continue;
            }
            double score = interpretation.path("nluConfidence").path("score").asDouble();
            assertTrue(score > 0 && score <= previous, "scores fall: " + interpretations);
            previous = score;
        }
        assertEquals(c.intentName(), interpretations.get(0).path("intent").path("name").asText());
        assertEquals(3, interpretations.size(), "both intents and the fallback: " + interpretations);
    }

    @Test
    void whenNothingReachesTheThresholdTheOtherIntentsStillShowTheirScores() {
        Conversation c = Conversation.orderFlowers();

        c.say("the flowers in my garden are wilting");

        assertEquals("FallbackIntent", c.intentName());
        JsonNode second = c.last.interpretations().get(1);
        assertTrue(second.path("nluConfidence").path("score").asDouble() < 0.40, c.last.interpretations().toString());
    }

    @Test
    void relativeDatesResolveInTheCustomersTimeZone() {
        Conversation auckland = new Conversation(Conversation.ORDER_FLOWERS, ZoneId.of("Pacific/Auckland"));
        Conversation losAngeles = new Conversation(Conversation.ORDER_FLOWERS, ZoneId.of("America/Los_Angeles"));

        auckland.say("I would like to order roses tomorrow at 5 pm");
        losAngeles.say("I would like to order roses tomorrow at 5 pm");

        assertEquals("2026-11-27", auckland.slot("PickupDate"));
        assertEquals("2026-11-26", losAngeles.slot("PickupDate"));
    }

    @Test
    void anAmbiguousTimeResolvesToBothReadings() {
        Conversation c = Conversation.orderFlowers();
        c.say("I want to buy roses");
        c.say("tomorrow");

        c.say("10 o'clock");

        JsonNode value = c.slotValue("PickupTime");
        assertTrue(value.get("interpretedValue").isNull(), value.toString());
        assertEquals("[\"10:00\",\"22:00\"]", value.path("resolvedValues").toString());
        assertEquals("10 o'clock", value.path("originalValue").asText());
        assertEquals("ConfirmIntent", c.dialogAction(), "an ambiguous time still fills the slot");
        assertEquals("Okay, your roses will be ready for pickup by 10:00 on 2026-11-26. Does this sound okay?", c.message(),
                "the prompt shows the first reading");
    }

    @Test
    void aLongMessageThatContainsAnUtteranceIsStillThatIntent() {
        Conversation c = Conversation.orderFlowers();

        c.say("Hi there, it is my mother's birthday on the weekend and I completely forgot about it, so I would "
                + "like to order some flowers for her, she has always loved them. Could I pick them up tomorrow at 5 pm?");

        assertEquals("OrderFlowers", c.intentName());
        assertEquals("2026-11-26", c.slot("PickupDate"));
        assertEquals("17:00", c.slot("PickupTime"));
        assertEquals("FlowerType", c.slotToElicit());
    }

    @Test
    void theLongestTextLexAcceptsIsHandled() {
        Conversation c = Conversation.orderFlowers();

        c.say("I would like to order roses and lilies and tulips tomorrow at 5 pm please ".repeat(14).substring(0, 1024));

        assertEquals("OrderFlowers", c.intentName());
        assertEquals("roses", c.slot("FlowerType"));
        assertTrue(c.last.interpretations().size() <= 5);
    }

    @Test
    void afterAClosedIntentTheNextTextStartsANewOne() {
        Conversation c = Conversation.orderFlowers();
        c.say("agent please");

        c.say("I would like to order some flowers");

        assertEquals("OrderFlowers", c.intentName());
        assertNull(c.slot("FlowerType"));
    }
}
