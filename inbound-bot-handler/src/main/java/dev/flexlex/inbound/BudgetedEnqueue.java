package dev.flexlex.inbound;

import dev.flexlex.queue.QueuePublishException;
import dev.flexlex.queue.QueuePublisher;
import dev.flexlex.retry.Retry;
import dev.flexlex.retry.Sleeper;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a turn on the queue within the webhook's time budget. Twilio retries a webhook by default only when it could
 * not connect, never after a 5xx or a timeout (https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides),
 * and a Conversations webhook waits at most 5 s (https://www.twilio.com/docs/conversations/conversations-webhooks):
 * a 5xx is the customer's message lost unless the URL's fragment asks for retries. So a failed send is retried here,
 * with a short doubling pause, until {@link #BUDGET} after the webhook arrived; each attempt (the SDK's own retries
 * included) is cut off at that deadline. The webhook answers 5xx only when the queue still failed at the deadline, or
 * refused the message itself (a 4xx: sending it again cannot help). A send that failed but reached SQS after all is
 * harmless: every attempt carries the same deduplication id.
 *
 * <p>Its own loop, not {@link Retry#run}: what bounds it is not a count of attempts but the clock from the webhook's
 * arrival, and each attempt is given the time left. Its pauses follow a {@link Retry} schedule and its
 * {@link Sleeper}.
 */
final class BudgetedEnqueue {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetedEnqueue.class);

    /** From the webhook's arrival to the last moment a send may still run: 1 s of Twilio's 5 s left for the answer. */
    static final Duration BUDGET = Duration.ofMillis(4000);
    /** The pauses between sends: 50 ms, doubling, at most 400 ms (its attempt count is not what bounds it). */
    static final Retry PAUSES = new Retry(Integer.MAX_VALUE, Duration.ofMillis(50), 2, Duration.ofMillis(400),
            Sleeper.THREAD);

    private final QueuePublisher queue;
    private final Duration budget;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    BudgetedEnqueue(QueuePublisher queue, Duration budget, LongSupplier nanoTime, Sleeper sleeper) {
        this.queue = queue;
        this.budget = budget;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    static BudgetedEnqueue standard(QueuePublisher queue) {
        return new BudgetedEnqueue(queue, BUDGET, System::nanoTime, Sleeper.THREAD);
    }

    /** Now, on the clock {@link #publish} measures the budget with. */
    long now() {
        return nanoTime.getAsLong();
    }

    /**
     * @param arrivedNanos when the webhook arrived, from {@link #now()}
     * @return the attempts it took
     * @throws QueuePublishException the last failure, once the budget is spent or the queue refused the message
     */
    int publish(long arrivedNanos, String groupId, String dedupId, Object record) {
        long deadline = arrivedNanos + budget.toNanos();
        for (int attempt = 1; ; attempt++) {
            long left = deadline - nanoTime.getAsLong();
            try {
                queue.publish(groupId, dedupId, record, Duration.ofNanos(Math.max(left, 1_000_000)));
                if (attempt > 1) {
                    LOG.info("enqueued at attempt {}", attempt);
                }
                return attempt;
            } catch (QueuePublishException e) {
                left = deadline - nanoTime.getAsLong();
                Duration pause = PAUSES.delayAfter(attempt);
                if (!e.retryable() || left <= pause.toNanos()) {
                    LOG.warn("enqueue failed at attempt {} with {} ms of the budget left{}: {}", attempt,
                            Math.max(0, left / 1_000_000), e.retryable() ? "" : " (refused, not retried)", e.getMessage());
                    throw e;
                }
                LOG.info("enqueue attempt {} failed ({}); retrying in {} ms", attempt, e.getMessage(), pause.toMillis());
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
