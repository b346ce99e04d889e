package dev.flexlex.locallex.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.locallex.runtime.SessionKey;
import org.junit.jupiter.api.Test;

class LexRouteTest {

    private static final String SESSION = "/bots/BOTID00001/botAliases/TSTALIASID/botLocales/en_US/sessions/s-1";

    @Test
    void matchesEachOperationOfTheModelByMethodAndPath() {
        assertEquals(LexOperation.RECOGNIZE_TEXT, LexRoute.match("POST", SESSION + "/text").orElseThrow().operation());
        assertEquals(LexOperation.GET_SESSION, LexRoute.match("GET", SESSION).orElseThrow().operation());
        assertEquals(LexOperation.PUT_SESSION, LexRoute.match("POST", SESSION).orElseThrow().operation());
        assertEquals(LexOperation.DELETE_SESSION, LexRoute.match("DELETE", SESSION).orElseThrow().operation());
        assertEquals(LexOperation.RECOGNIZE_UTTERANCE, LexRoute.match("POST", SESSION + "/utterance").orElseThrow().operation());
        assertEquals(LexOperation.START_CONVERSATION, LexRoute.match("POST", SESSION + "/conversation").orElseThrow().operation());
        assertEquals(new SessionKey("BOTID00001", "TSTALIASID", "en_US", "s-1"), LexRoute.match("GET", SESSION).orElseThrow().key());
    }

    @Test
    void decodesEachSegmentOnItsOwn() {
        assertEquals("user:42", LexRoute.match("GET", SESSION.replace("s-1", "user%3A42")).orElseThrow().key().sessionId());
    }

    @Test
    void otherMethodsAndPathsNameNoOperation() {
        assertTrue(LexRoute.match("GET", SESSION + "/text").isEmpty());
        assertTrue(LexRoute.match("PUT", SESSION).isEmpty());
        assertTrue(LexRoute.match("POST", SESSION + "/text/more").isEmpty());
        assertTrue(LexRoute.match("POST", SESSION + "/other").isEmpty());
        assertTrue(LexRoute.match("GET", "/bots/BOTID00001/botAliases/TSTALIASID/botLocales/en_US/sessions/").isEmpty());
        assertTrue(LexRoute.match("GET", "/bots//botAliases/A/botLocales/en_US/sessions/s").isEmpty());
        assertTrue(LexRoute.match("GET", "/").isEmpty());
    }
}
