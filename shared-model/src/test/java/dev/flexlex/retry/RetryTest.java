package dev.flexlex.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one retry: its schedule, its attempt numbering, its budget, and what its loop does with each failure. */
class RetryTest {
    private final List<Duration> slept = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    private static IllegalStateException transientFailure(int attempt) {
        return new IllegalStateException("failure " + attempt);
    }

    private String failingTwiceThenOk(int attempt) {
        log.add("attempt " + attempt);
        if (attempt < 3) {
            throw transientFailure(attempt);
        }
        return "ok at " + attempt;
    }

    @Test
    void pausesGrowByTheFactorUpToTheCap() {
        Retry doubling = new Retry(10, Duration.ofMillis(50), 2, Duration.ofMillis(400), Sleeper.THREAD);
        Retry quadrupling = new Retry(3, Duration.ofMillis(100), 4, Duration.ofMillis(400), Sleeper.THREAD);

        assertEquals(List.of(50L, 100L, 200L, 400L, 400L),
                List.of(1, 2, 3, 4, 9).stream().map(n -> doubling.delayAfter(n).toMillis()).toList());
        assertEquals(List.of(100L, 400L), List.of(1, 2).stream().map(n -> quadrupling.delayAfter(n).toMillis()).toList());
        assertEquals(Duration.ofMillis(400), doubling.delayAfter(Integer.MAX_VALUE));
    }

    @Test
    void attemptsAreNumberedFromOneAndEachPauseFollowsTheAttemptItIsNamedAfter() {
        Retry retry = new Retry(4, Duration.ofMillis(200), 2, Duration.ofSeconds(2), slept::add);

        String result = retry.run(IllegalStateException.class, this::failingTwiceThenOk,
                (attempt, e, delay) -> log.add("retrying after " + attempt + " in " + delay.toMillis() + " ms: " + e.getMessage()),
                (attempts, elapsed, e) -> {
                    throw e;
                });

        assertEquals("ok at 3", result);
        assertEquals(List.of("attempt 1", "retrying after 1 in 200 ms: failure 1", "attempt 2",
                "retrying after 2 in 400 ms: failure 2", "attempt 3"), log);
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), slept);
    }

    @Test
    void afterTheLastAttemptTheCallerDecidesWithTheLastFailure() {
        Retry retry = new Retry(2, Duration.ofMillis(200), 2, Duration.ofSeconds(2), slept::add);

        String result = retry.run(IllegalStateException.class, this::failingTwiceThenOk, (attempt, e, delay) -> { },
                (attempts, elapsed, e) -> "gave up after " + attempts + ": " + e.getMessage());

        assertEquals("gave up after 2: failure 2", result);
        assertEquals(List.of(Duration.ofMillis(200)), slept, "no pause after the last attempt");
    }

    @Test
    void aFailureOfAnotherTypeIsThrownAtOnce() {
        Retry retry = new Retry(4, Duration.ofMillis(200), 2, Duration.ofSeconds(2), slept::add);
        IllegalArgumentException refused = new IllegalArgumentException("refused");

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> retry.run(IllegalStateException.class, attempt -> {
                    log.add("attempt " + attempt);
                    throw refused;
                }, (attempt, e, delay) -> { }, (attempts, elapsed, e) -> {
                    throw new AssertionError("not a retried failure");
                }));

        assertSame(refused, thrown);
        assertEquals(List.of("attempt 1"), log);
        assertEquals(List.of(), slept);
    }

    @Test
    void withABudgetAnotherAttemptStartsOnlyIfItWouldEndWithinIt() {
        long[] now = {0};
        Retry retry = new Retry(10, Duration.ofMillis(200), 2, Duration.ofSeconds(2), d -> {
            slept.add(d);
            now[0] += d.toNanos();
        }, new Retry.Budget(Duration.ofSeconds(5), Duration.ofSeconds(4), () -> now[0]));

        // After attempt 1 (at 0 s): 0.2 + 4 <= 5. After attempt 2 (at 0.2 s): 0.2 + 0.4 + 4 = 4.6 <= 5.
        // After attempt 3 (at 0.6 s): 0.6 + 0.8 + 4 = 5.4 > 5.
        assertTrue(retry.allowsAnother(1, Duration.ZERO));
        assertTrue(retry.allowsAnother(2, Duration.ofMillis(200)));
        assertFalse(retry.allowsAnother(3, Duration.ofMillis(600)), "0.6 + 0.8 + 4 s > 5 s");
        assertFalse(retry.allowsAnother(1, Duration.ofMillis(801)), "0.801 + 0.2 + 4 s > 5 s");

        String result = retry.run(IllegalStateException.class, attempt -> {
            throw transientFailure(attempt);
        }, (attempt, e, delay) -> { }, (attempts, elapsed, e) -> attempts + " attempts in " + elapsed.toMillis() + " ms");

        assertEquals("3 attempts in 600 ms", result);
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), slept);
    }

    @Test
    void anInterruptedPauseRestoresTheFlagAndThrowsTheFailureItFollowed() {
        Retry retry = new Retry(4, Duration.ofMillis(200), 2, Duration.ofSeconds(2), d -> {
            throw new InterruptedException();
        });

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> retry.run(IllegalStateException.class, this::failingTwiceThenOk, (attempt, e, delay) -> { },
                        (attempts, elapsed, e) -> "not exhausted"));

        assertEquals("failure 1", thrown.getMessage());
        assertTrue(Thread.interrupted(), "interrupt flag restored");
    }

    @Test
    void aScheduleThatCannotWorkFailsWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new Retry(0, Duration.ZERO, 2, Duration.ZERO, Sleeper.THREAD));
        assertThrows(IllegalArgumentException.class, () -> new Retry(1, Duration.ZERO, 0, Duration.ZERO, Sleeper.THREAD));
        assertThrows(IllegalArgumentException.class, () -> new Retry(2, Duration.ZERO, 2, Duration.ZERO, Sleeper.THREAD,
                new Retry.Budget(Duration.ofSeconds(1), Duration.ofSeconds(2), System::nanoTime)));
    }
}
