package dev.flexlex.process;

import java.time.Duration;

/**
 * A small, bounded retry schedule: {@code maxAttempts} tries, waiting {@code baseDelay}, then twice that, … capped
 * at {@code maxDelay}. Deterministic on purpose (tests assert the schedule); a FIFO group has one turn in flight,
 * so there is no herd of retries of the same chat to spread out.
 */
public record Backoff(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {
    /** 4 attempts over at most 1.4 s: well inside the function's timeout even for a batch of 10. */
    public static Backoff standard() {
        return new Backoff(4, Duration.ofMillis(200), Duration.ofSeconds(2), Sleeper.THREAD);
    }

    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration delayAfter(int attempt) {
        long millis = baseDelay.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
