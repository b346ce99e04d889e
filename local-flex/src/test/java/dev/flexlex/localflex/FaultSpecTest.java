package dev.flexlex.localflex;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultSpecTest {

    @Test
    void productSettingWinsOverTheWildcardPerKind() {
        FaultSpec spec = FaultSpec.parse("conversations:500=0.2, taskrouter:429=0.1, *:500after=0.1, *:latency=50ms, *:500=0.05, seed=7");
        FaultSpec.Rule conversations = spec.ruleFor("conversations");
        assertEquals(0.2, conversations.rate500());
        assertEquals(0.1, conversations.rate500after());
        assertEquals(50, conversations.latency());
        assertEquals(0.0, conversations.rate429());
        FaultSpec.Rule chat = spec.ruleFor("chat");
        assertEquals(0.05, chat.rate500());
        assertEquals(0.1, spec.ruleFor("taskrouter").rate429());
        assertEquals(7, spec.seed());
        assertEquals(2000, FaultSpec.parse("*:latency=2s").ruleFor("flex-api").latency());
    }

    @Test
    void emptySpecMeansNoFaults() {
        assertTrue(FaultSpec.parse("").isEmpty());
        assertTrue(FaultSpec.parse(null).isEmpty());
        assertEquals("none", FaultSpec.none().toString());
    }

    @Test
    void malformedEntriesAreNamed() {
        assertMessage("conversations:500", "no '='");
        assertMessage("sms:500=0.1", "unknown product 'sms'");
        assertMessage("chat:503=0.1", "unknown fault kind '503'");
        assertMessage("chat:500=1.5", "must be in 0..1");
        assertMessage("chat:500=lots", "must be in 0..1");
        assertMessage("*:latency=fast", "must look like 50ms");
        assertMessage("seed=x", "not a whole number");
        assertMessage("500=0.1", "product:kind=value");
    }

    private static void assertMessage(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse(spec));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void decisionsFollowTheSeedAndTheFractions() {
        Faults always = new Faults(FaultSpec.parse("chat:429=1"));
        assertEquals(Faults.Outcome.FAIL_429, always.decide("chat").outcome());
        assertEquals(Faults.Outcome.NONE, always.decide("conversations").outcome());
        Faults after = new Faults(FaultSpec.parse("*:500after=1"));
        assertEquals(Faults.Outcome.FAIL_500_AFTER, after.decide("taskrouter").outcome());

        Faults a = new Faults(FaultSpec.parse("*:500=0.3,seed=3"));
        Faults b = new Faults(FaultSpec.parse("*:500=0.3,seed=3"));
        int failures = 0;
        for (int i = 0; i < 1000; i++) {
            Faults.Outcome oa = a.decide("chat").outcome();
            assertEquals(oa, b.decide("chat").outcome());
            failures += oa == Faults.Outcome.FAIL_500 ? 1 : 0;
        }
        assertTrue(failures > 200 && failures < 400, "0.3 of 1000 draws gave " + failures);
    }

    @Test
    void targetedFaultsParseInOrderWithTheirCounts() {
        FaultSpec spec = FaultSpec.parse("next:POST /conversations/v1/Conversations/*/Messages=500after*2,"
                + "next:get /chat/v2/Services/*=drop,conversations:429=0.1");
        assertEquals(2, spec.targeted().size());
        TargetedFault first = spec.targeted().get(0);
        assertEquals(500, first.status());
        assertTrue(first.afterEffect());
        assertEquals(2, first.count());
        assertEquals(0, first.skip());
        assertEquals(3, FaultSpec.parse("next:GET /chat/v2/Services=429*2+3").targeted().get(0).skip());
        assertTrue(first.matches("POST", "/conversations/v1/Conversations/CH1/Messages"));
        assertTrue(!first.matches("GET", "/conversations/v1/Conversations/CH1/Messages"));
        assertTrue(!first.matches("POST", "/conversations/v1/Conversations/CH1/Webhooks"));
        assertTrue(spec.targeted().get(1).drops());
        assertEquals("GET", spec.targeted().get(1).method());
        assertEquals(0.1, spec.ruleFor("conversations").rate429());
        assertTrue(!FaultSpec.of(first).isEmpty());
    }

    @Test
    void malformedTargetedFaultsAreNamed() {
        assertMessage("next:POST=500", "must look like next:METHOD /path=kind");
        assertMessage("next:FETCH /chat/v2/Services=500", "method 'FETCH'");
        assertMessage("next:POST chat/v2=500", "must start with /");
        assertMessage("next:POST /chat/v2=302", "status 302 must be 400..599");
        assertMessage("next:POST /chat/v2=slow", "unknown targeted fault kind 'slow'");
        assertMessage("next:POST /chat/v2=500*0", "count 0 must be at least 1");
        assertMessage("next:POST /chat/v2=500*two", "fault count 'two'");
        assertMessage("next:POST /chat/v2=500+x", "fault skip 'x'");
        assertMessage("next:POST /chat/v2=500+-1", "skip -1 must be at least 0");
    }
}
