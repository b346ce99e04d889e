package dev.flexlex.locallex.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AliasConcurrencyLimiterTest {

    private final AliasConcurrencyLimiter limiter = new AliasConcurrencyLimiter(3, Map.of("TSTALIASID", 2, "OPEN", 0));

    private static SessionKey on(String botId, String alias, String session) {
        return new SessionKey(botId, alias, "en_US", session);
    }

    @Test
    void theCapCountsRequestsInFlightPerBotAliasAndFreesPlacesOnClose() {
        AliasConcurrencyLimiter.Permit one = limiter.acquire(on("BOTID00001", "TSTALIASID", "a"));
        limiter.acquire(on("BOTID00001", "TSTALIASID", "b"));
        LexRuntimeException e = assertThrows(LexRuntimeException.class,
                () -> limiter.acquire(on("BOTID00001", "TSTALIASID", "c")));
        assertEquals(LexErrorType.THROTTLING, e.type());
        limiter.acquire(on("BOTID00002", "TSTALIASID", "c")).close();
        one.close();
        limiter.acquire(on("BOTID00001", "TSTALIASID", "c"));
    }

    @Test
    void otherAliasesGetTheDefaultAndZeroMeansNoCap() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire(on("BOTID00001", "LIVE", "s" + i));
        }
        assertThrows(LexRuntimeException.class, () -> limiter.acquire(on("BOTID00001", "LIVE", "s3")));
        List<AliasConcurrencyLimiter.Permit> open = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            open.add(limiter.acquire(on("BOTID00001", "OPEN", "s" + i)));
        }
        assertEquals(100, open.size());
        assertEquals(3, limiter.limitFor("LIVE"));
        assertEquals(0, limiter.limitFor("OPEN"));
    }
}
