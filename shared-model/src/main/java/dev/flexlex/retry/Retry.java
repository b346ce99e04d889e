package dev.flexlex.retry;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The suite's one retry. Attempts are numbered from 1, at most {@code maxAttempts}; after failed attempt {@code n}
 * the pause is {@code firstDelay × factor^(n−1)}, at most {@code maxDelay}. With a {@link Budget}, another attempt
 * starts only if its pause and the attempt at its ceiling still end within the budget, counted from the start of the
 * first attempt. Deterministic on purpose (tests assert the schedule): each caller serves one chat or one message,
 * so there is no herd of retries to spread out.
 *
 * @param budget null: bounded by the attempts only
 */
public record Retry(int maxAttempts, Duration firstDelay, int factor, Duration maxDelay, Sleeper sleeper,
                    Budget budget) {

    /**
     * @param total the longest the attempts and their pauses may take together
     * @param attemptCeiling the longest one attempt can take (its calls at their timeouts)
     * @param nanoTime the clock the budget is measured with ({@link System#nanoTime()}; tests pass their own)
     */
    public record Budget(Duration total, Duration attemptCeiling, LongSupplier nanoTime) {
    }

    /** One attempt; {@code attempt} is its number, from 1. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt);
    }

    /** Told of a failed attempt that will be tried again after {@code delay} (for the caller's log line). */
    @FunctionalInterface
    public interface Retrying<E> {
        void retrying(int attempt, E failure, Duration delay);
    }

    /** Decides what a failure that is not tried again becomes: a result, or (usually) the failure thrown. */
    @FunctionalInterface
    public interface Exhausted<T, E> {
        T exhausted(int attempts, Duration elapsed, E failure);
    }

    /** Bounded by attempts only. */
    public Retry(int maxAttempts, Duration firstDelay, int factor, Duration maxDelay, Sleeper sleeper) {
        this(maxAttempts, firstDelay, factor, maxDelay, sleeper, null);
    }

    public Retry {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1");
        }
        if (budget != null && budget.total().compareTo(budget.attemptCeiling()) < 0) {
            throw new IllegalArgumentException("budget " + budget.total() + " is shorter than one attempt ("
                    + budget.attemptCeiling() + ")");
        }
    }

    /** The same schedule, pausing with {@code other} (tests record the pauses). */
    public Retry withSleeper(Sleeper other) {
        return new Retry(maxAttempts, firstDelay, factor, maxDelay, other, budget);
    }

    /** The same retry measuring its budget on {@code nanoTime} (tests pass a fake clock). */
    public Retry withClock(LongSupplier nanoTime) {
        if (budget == null) {
            throw new IllegalStateException("a retry without a budget reads no clock");
        }
        return new Retry(maxAttempts, firstDelay, factor, maxDelay, sleeper,
                new Budget(budget.total(), budget.attemptCeiling(), nanoTime));
    }

    /** The pause after failed attempt number {@code attempt} (from 1). */
    public Duration delayAfter(int attempt) {
        long millis = firstDelay.toMillis();
        for (int i = 1; i < attempt && millis < maxDelay.toMillis(); i++) {
            millis *= factor;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }

    /**
     * Whether another attempt may follow failed attempt number {@code attempt}, {@code elapsed} after the first one
     * began: attempts are left, and with a budget its pause plus a whole attempt still end within it.
     */
    public boolean allowsAnother(int attempt, Duration elapsed) {
        if (attempt >= maxAttempts) {
            return false;
        }
        return budget == null
                || elapsed.plus(delayAfter(attempt)).plus(budget.attemptCeiling()).compareTo(budget.total()) <= 0;
    }

    /**
     * Runs attempts until one returns. A failure of type {@code retryOn} is tried again while {@link #allowsAnother}
     * says so (after {@code retrying} is told and the pause is over); then {@code exhausted} decides. Any other failure
     * is thrown at once. An interrupted pause restores the interrupt flag and throws the failure it followed.
     */
    public <T, E extends RuntimeException> T run(Class<E> retryOn, Attempt<T> attempt, Retrying<? super E> retrying,
                                                 Exhausted<T, ? super E> exhausted) {
        LongSupplier clock = budget == null ? System::nanoTime : budget.nanoTime();
        long start = clock.getAsLong();
        for (int n = 1; ; n++) {
            E failure;
            try {
                return attempt.run(n);
            } catch (RuntimeException e) {
                if (!retryOn.isInstance(e)) {
                    throw e;
                }
                failure = retryOn.cast(e);
            }
            Duration elapsed = Duration.ofNanos(clock.getAsLong() - start);
            if (!allowsAnother(n, elapsed)) {
                return exhausted.exhausted(n, elapsed, failure);
            }
            Duration delay = delayAfter(n);
            retrying.retrying(n, failure, delay);
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }
}
