package dev.flexlex.locallex.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Turns that continue from a session state a client set (PutSession, or a RecognizeText sessionState). */
class ClientSetStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anElicitSlotSetByTheClientIsAnswered() throws Exception {
        Conversation c = Conversation.orderFlowers().withState(state("""
                {"dialogAction":{"type":"ElicitSlot","slotToElicit":"PickupDate"},
                 "intent":{"name":"OrderFlowers","slots":{"FlowerType":{"value":{"originalValue":"tulips",
                   "interpretedValue":"tulips","resolvedValues":["tulips"]}}},"state":"InProgress"},
                 "sessionAttributes":{"source":"put-session"}}"""));

        c.say("the day after tomorrow");

        assertEquals("PickupTime", c.slotToElicit());
        assertEquals("2026-11-27", c.slot("PickupDate"));
        assertEquals("tulips", c.slot("FlowerType"));
        assertEquals("At what time do you want the tulips to be picked up?", c.message());
        assertEquals("put-session", c.last.sessionState().path("sessionAttributes").path("source").asText());
    }

    @Test
    void aDelegatedIntentGoesOnWithTheSlotsItHas() throws Exception {
        Conversation c = Conversation.orderFlowers().withState(state("""
                {"dialogAction":{"type":"Delegate"},
                 "intent":{"name":"OrderFlowers","slots":{"FlowerType":{"value":{"interpretedValue":"lilies"}}}}}"""));

        c.say("saturday at 4 pm");

        assertEquals("ConfirmIntent", c.dialogAction());
        assertEquals("Okay, your lilies will be ready for pickup by 16:00 on 2026-11-28. Does this sound okay?", c.message());
    }

    @Test
    void anElicitSlotOfAnUnknownIntentIsIgnoredAndTheTextClassified() throws Exception {
        Conversation c = Conversation.orderFlowers().withState(state("""
                {"dialogAction":{"type":"ElicitSlot","slotToElicit":"Colour"},"intent":{"name":"PaintHouse"}}"""));

        c.say("agent please");

        assertEquals("TalkToAgent", c.intentName());
    }

    @Test
    void aRepeatedPromptIsCountedInTheSessionStateAndClearedOnceAnswered() throws Exception {
        Conversation c = Conversation.orderFlowers();
        c.say("I want to buy roses");

        c.say("purple elephant");
        assertEquals("{\"prompt\":\"OrderFlowers/PickupDate\",\"count\":1}", c.last.sessionState().get(Turn.RETRIES_MEMBER).toString());
        c.say("tomorrow");
        assertEquals(false, c.last.sessionState().has(Turn.RETRIES_MEMBER));
    }

    @Test
    void aRetryCountOfAnotherPromptDoesNotCount() throws Exception {
        Conversation c = Conversation.orderFlowers().withState(state("""
                {"dialogAction":{"type":"ElicitSlot","slotToElicit":"FlowerType"},"intent":{"name":"OrderFlowers"},
                 "localLexRetries":{"prompt":"OrderFlowers/PickupDate","count":2}}"""));

        c.say("daisies");

        assertEquals("FlowerType", c.slotToElicit(), "asked again, not failed");
        assertEquals(1, c.last.sessionState().path(Turn.RETRIES_MEMBER).path("count").asInt());
    }

    @Test
    void oddlyShapedClientStateIsReadLeniently() throws Exception {
        Conversation c = Conversation.orderFlowers().withState(state("""
                {"dialogAction":{"type":"ElicitSlot","slotToElicit":"PickupDate"},
                 "intent":{"name":"OrderFlowers","slots":{"FlowerType":"roses","PickupTime":[]}},
                 "sessionAttributes":["not","a","map"]}"""));

        c.say("tomorrow");

        assertEquals("FlowerType", c.slotToElicit(), "a slot without a Value shape is not filled");
        assertEquals("What type of flowers would you like to order?", c.message());
    }

    @Test
    void textWithoutWordsIsTheFallbackIntent() {
        Conversation c = Conversation.orderFlowers();

        c.say("?!… 🌹🌹");

        assertEquals("FallbackIntent", c.intentName());
    }

    private static ObjectNode state(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }
}
