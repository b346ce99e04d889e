package dev.flexlex.localstack.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CrashFaultsTest {

    @Test
    void splitsTheLambdaEntriesFromTheRestAndKeepsTheSeedForBoth() {
        CrashFaults faults = CrashFaults.split("conversations:500=0.1, lambda:crash=0.05,lambda:crash@after-lex=1,"
                + "lex:cap=2,seed=7,lambda:crash@between-parts=0");
        assertEquals(0.05, faults.random());
        assertEquals(Map.of(CrashPoint.AFTER_LEX, 1.0, CrashPoint.BETWEEN_PARTS, 0.0), faults.points());
        assertEquals(7L, faults.seed());
        assertEquals("conversations:500=0.1,lex:cap=2,seed=7", faults.rest());
        assertTrue(faults.any());
    }

    @Test
    void noLambdaEntriesMeansNoCrashes() {
        CrashFaults faults = CrashFaults.split("taskrouter:429=0.1");
        assertFalse(faults.any());
        assertEquals("taskrouter:429=0.1", faults.rest());
        assertEquals(CrashFaults.none(), CrashFaults.split(""));
    }

    @Test
    void anUnknownPointIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrashFaults.split("lambda:crash@after-lunch=0.1"));
        assertTrue(e.getMessage().contains("unknown crash point 'after-lunch'"), e.getMessage());
        assertTrue(e.getMessage().contains("before-lex, after-lex, after-publish, after-enqueue, between-parts, "
                + "after-webhook-removed, after-handoff"), e.getMessage());
    }

    @Test
    void aProbabilityOutsideZeroToOneOrNotANumberIsRefused() {
        for (String bad : new String[] {"lambda:crash=1.5", "lambda:crash=-0.1", "lambda:crash@before-lex=often"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrashFaults.split(bad));
            assertTrue(e.getMessage().contains("'" + bad + "': the probability must be a number from 0 to 1"), e.getMessage());
        }
    }

    @Test
    void anEntryWithoutProbabilityOrOfAnotherKindIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrashFaults.split("lambda:crash"))
                .getMessage().contains("needs a probability"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrashFaults.split("lambda:hang=0.1"))
                .getMessage().contains("unknown lambda fault 'lambda:hang=0.1'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrashFaults.split("seed=x"))
                .getMessage().contains("seed needs a whole number"));
    }
}
