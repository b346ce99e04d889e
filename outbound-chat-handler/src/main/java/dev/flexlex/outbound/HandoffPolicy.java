package dev.flexlex.outbound;

import java.time.Duration;

/**
 * How a handoff is confirmed and what the customer is told when it cannot complete.
 *
 * @param confirmWithin how long one delivery attempt polls a new interaction's channel for {@code active} before it
 *                      counts as a transient failure (the next attempt polls the same interaction again)
 * @param pollEvery pause between two reads of the channel
 * @param failureNotice posted as the bot when the handoff cannot complete (the bot is back in the chat)
 */
public record HandoffPolicy(Duration confirmWithin, Duration pollEvery, String failureNotice) {
    public static final String DEFAULT_FAILURE_NOTICE = "Sorry, no agent can be reached right now. You can keep "
            + "chatting with me, or ask for an agent again in a little while.";
    /**
     * 2 s of polling per attempt: 3 attempts, their backoff and the handoff's Twilio calls take about 10 s when Twilio
     * answers promptly, within the outbound function's 11 s timeout; a handoff cut off by the timeout comes back like
     * a crash and resumes from its marks (README "Why each turn happens exactly once", timing budget).
     */
    public static final HandoffPolicy DEFAULT = new HandoffPolicy(Duration.ofSeconds(2), Duration.ofMillis(200),
            DEFAULT_FAILURE_NOTICE);

    public HandoffPolicy {
        if (confirmWithin.isNegative() || pollEvery.isNegative() || pollEvery.isZero() && !confirmWithin.isZero()) {
            throw new IllegalArgumentException("confirmWithin must be >= 0 and pollEvery > 0");
        }
        if (failureNotice == null || failureNotice.isBlank()) {
            throw new IllegalArgumentException("failureNotice must not be blank");
        }
    }

    /** Reads of the channel per attempt after the first: {@code confirmWithin / pollEvery}. */
    int pollsAfterFirst() {
        return pollEvery.isZero() ? 0 : (int) (confirmWithin.toMillis() / pollEvery.toMillis());
    }

    public HandoffPolicy withFailureNotice(String notice) {
        return new HandoffPolicy(confirmWithin, pollEvery, notice);
    }
}
