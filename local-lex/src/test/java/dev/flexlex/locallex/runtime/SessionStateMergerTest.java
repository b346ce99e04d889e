package dev.flexlex.locallex.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SessionStateMergerTest {

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static final String STORED = "{'sessionAttributes':{'a':'1','b':'2'},"
            + "'intent':{'name':'OrderFlowers','state':'InProgress'},"
            + "'dialogAction':{'type':'ElicitSlot','slotToElicit':'PickupDate'}}";

    @Test
    void sentAttributesReplaceTheStoredOnesWholesaleAndTheDialogIsKept() throws Exception {
        ObjectNode merged = SessionStateMerger.merge(json(STORED), json("{'sessionAttributes':{'c':'3'}}"));
        assertEquals(json("{'c':'3'}"), merged.get("sessionAttributes"));
        assertEquals("PickupDate", merged.path("dialogAction").path("slotToElicit").asText());
        assertEquals("OrderFlowers", merged.path("intent").path("name").asText());
    }

    @Test
    void noRequestStateOrAnEmptyOneKeepsEverything() throws Exception {
        assertEquals(json(STORED), SessionStateMerger.merge(json(STORED), null));
        assertEquals(json(STORED), SessionStateMerger.merge(json(STORED), json("{}")));
        assertEquals(json(STORED), SessionStateMerger.merge(json(STORED), json("{'intent':null,'sessionAttributes':null}")));
    }

    @Test
    void anEmptyAttributeMapClearsTheAttributes() throws Exception {
        assertEquals(json("{}"), SessionStateMerger.merge(json(STORED), json("{'sessionAttributes':{}}"))
                .get("sessionAttributes"));
    }

    @Test
    void namingAnIntentOrADialogActionReplacesTheWholeDialog() throws Exception {
        ObjectNode intentOnly = SessionStateMerger.merge(json(STORED), json("{'intent':{'name':'TalkToAgent'}}"));
        assertEquals("TalkToAgent", intentOnly.path("intent").path("name").asText());
        assertFalse(intentOnly.has("dialogAction"));
        assertEquals("1", intentOnly.path("sessionAttributes").path("a").asText());

        ObjectNode actionOnly = SessionStateMerger.merge(json(STORED), json("{'dialogAction':{'type':'ElicitIntent'}}"));
        assertEquals("ElicitIntent", actionOnly.path("dialogAction").path("type").asText());
        assertFalse(actionOnly.has("intent"));
    }

    @Test
    void theStoredStateIsNotModified() throws Exception {
        ObjectNode stored = json(STORED);
        SessionStateMerger.merge(stored, json("{'sessionAttributes':{},'intent':{'name':'X'}}"));
        assertEquals(json(STORED), stored);
    }
}
