package dev.flexlex.process;

import dev.flexlex.config.CallTimeouts;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A small, bounded retry schedule for a turn's Lex calls: at most {@code maxAttempts} tries, waiting {@code baseDelay},
 * then twice that, … capped at {@code maxDelay}; and, with a {@code budget}, no attempt is started unless it ends
 * within the budget even if both its Lex calls run to their timeout. Throttling and 5xx answer fast, so they get
 * all the attempts; calls that hang get one. Deterministic on purpose (tests assert the schedule); a FIFO group
 * has one turn in flight, so there is no herd of retries of the same chat to spread out.
 *
 * @param budget the longest the Lex part of one turn may take, its pauses included; null = no time bound
 * @param nanoTime the clock the budget is measured with ({@link System#nanoTime()}; tests pass their own)
 */
public record Backoff(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper, Duration budget,
                      LongSupplier nanoTime) {
    /** The longest one attempt can take: GetSession and RecognizeText, each at the Lex client's call timeout. */
    public static final Duration ATTEMPT_CEILING = CallTimeouts.LEX_CALL.multipliedBy(2);
    /**
     * The Lex part of a turn, at most: one attempt at its ceiling (4 s) plus 1 s for the fast failures and pauses
     * before it. The process function's time per turn is this plus the reply's SendMessage.
     */
    public static final Duration STANDARD_BUDGET = ATTEMPT_CEILING.plusSeconds(1);

    /**
     * At most 4 attempts, pauses 0.2, 0.4, 0.8 s; an attempt starts only if it can end within
     * {@link #STANDARD_BUDGET} (after three fast failures, the fourth does not fit: the turn goes back to the queue).
     */
    public static Backoff standard() {
        return new Backoff(4, Duration.ofMillis(200), Duration.ofSeconds(2), Sleeper.THREAD, STANDARD_BUDGET,
                System::nanoTime);
    }

    /** Bounded by attempts only (tests, benchmarks). */
    public Backoff(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {
        this(maxAttempts, baseDelay, maxDelay, sleeper, null, System::nanoTime);
    }

    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (budget != null && budget.compareTo(ATTEMPT_CEILING) < 0) {
            throw new IllegalArgumentException("budget " + budget + " is shorter than one attempt (" + ATTEMPT_CEILING + ")");
        }
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration delayAfter(int attempt) {
        long millis = baseDelay.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }

    /**
     * Whether another attempt may follow failed attempt number {@code attempt}, {@code elapsed} after the first one
     * began: attempts are left, and its pause plus a whole attempt still end within the budget.
     */
    public boolean allowsAnother(int attempt, Duration elapsed) {
        if (attempt >= maxAttempts) {
            return false;
        }
        return budget == null || elapsed.plus(delayAfter(attempt)).plus(ATTEMPT_CEILING).compareTo(budget) <= 0;
    }
}
