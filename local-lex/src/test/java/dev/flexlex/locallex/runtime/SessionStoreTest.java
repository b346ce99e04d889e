package dev.flexlex.locallex.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.locallex.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionStoreTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final SessionStore store = new SessionStore(clock);
    private final SessionKey key = new SessionKey("BOTID00001", "TSTALIASID", "en_US", "s-1");

    private static SessionSnapshot snapshot(String attribute) {
        SessionSnapshot snapshot = new SessionSnapshot(Json.object(), Json.array(), Json.array());
        snapshot.sessionState().putObject("sessionAttributes").put("k", attribute);
        return snapshot;
    }

    private String attribute() {
        return store.get(key).orElseThrow().sessionState().path("sessionAttributes").path("k").asText();
    }

    @Test
    void aCompletedTurnIsStoredAndExpiresExactlyAfterItsIdleTtl() {
        assertTrue(store.beginTurn(key, TTL).isEmpty());
        store.completeTurn(key, snapshot("one"), TTL);
        clock.advance(TTL.minusMillis(1));
        assertEquals("one", attribute());
        clock.advance(Duration.ofMillis(1));
        assertTrue(store.get(key).isEmpty());
        assertTrue(store.beginTurn(key, TTL).isEmpty(), "an expired session starts afresh");
    }

    @Test
    void aSecondTurnPutOrDeleteWhileMidTurnIsAConflictAndChangesNothing() {
        store.put(key, snapshot("before"), TTL);
        store.beginTurn(key, TTL);
        for (Runnable write : new Runnable[] {
            () -> store.beginTurn(key, TTL), () -> store.put(key, snapshot("x"), TTL), () -> store.delete(key)}) {
            LexRuntimeException e = assertThrows(LexRuntimeException.class, write::run);
            assertEquals(LexErrorType.CONFLICT, e.type());
        }
        assertEquals("before", attribute(), "reads see the state before the turn");
        store.completeTurn(key, snapshot("after"), TTL);
        assertEquals("after", attribute());
    }

    @Test
    void aMidTurnSessionDoesNotExpireUnderItsTurn() {
        store.put(key, snapshot("kept"), TTL);
        store.beginTurn(key, TTL);
        clock.advance(TTL.multipliedBy(2));
        assertEquals("kept", attribute());
        assertThrows(LexRuntimeException.class, () -> store.beginTurn(key, TTL));
    }

    @Test
    void anAbortedTurnLeavesTheSessionAsBeforeAndANewSessionDisappears() {
        store.put(key, snapshot("before"), TTL);
        store.beginTurn(key, TTL);
        store.abortTurn(key);
        assertEquals("before", attribute());
        store.beginTurn(key, TTL);
        store.abortTurn(key);
        assertEquals("before", attribute(), "abort can be repeated");

        SessionKey fresh = new SessionKey("BOTID00001", "TSTALIASID", "en_US", "s-2");
        store.beginTurn(fresh, TTL);
        assertTrue(store.get(fresh).isEmpty(), "a first turn is not visible before it completes");
        store.abortTurn(fresh);
        assertTrue(store.get(fresh).isEmpty());
        assertEquals(1, store.size());
    }

    @Test
    void deleteReportsWhetherALiveSessionExisted() {
        assertFalse(store.delete(key));
        store.put(key, snapshot("x"), TTL);
        assertTrue(store.delete(key));
        assertFalse(store.delete(key));
        store.put(key, snapshot("x"), TTL);
        clock.advance(TTL);
        assertFalse(store.delete(key), "an expired session counts as gone");
    }

    @Test
    void storedSnapshotsAreCopiesSoCallersCannotChangeThem() {
        SessionSnapshot mine = snapshot("original");
        store.put(key, mine, TTL);
        ((com.fasterxml.jackson.databind.node.ObjectNode) mine.sessionState().get("sessionAttributes")).put("k", "changed");
        store.get(key).orElseThrow().sessionState().put("intruder", true);
        assertEquals("original", attribute());
        assertFalse(store.get(key).orElseThrow().sessionState().has("intruder"));
    }

    @Test
    void expiredSessionsAreSweptFromMemory() {
        for (int i = 0; i < 10; i++) {
            store.put(new SessionKey("BOTID00001", "TSTALIASID", "en_US", "old-" + i), snapshot("x"), TTL);
        }
        clock.advance(TTL.plusMinutes(1));
        store.beginTurn(key, TTL);
        assertEquals(1, store.size());
    }
}
