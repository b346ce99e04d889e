package dev.flexlex.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.queue.QueuePublishException;
import dev.flexlex.queue.QueuePublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On a fake clock: each send costs {@link #SEND_COST}, each pause advances the clock by its length. */
class BudgetedEnqueueTest {
    static final Duration SEND_COST = Duration.ofMillis(300);

    long now = 1_000_000_000L;
    final List<Duration> pauses = new ArrayList<>();
    final List<Duration> timeouts = new ArrayList<>();
    final List<String> accepted = new ArrayList<>();

    /** Refuses (retryably, unless {@code permanent}) every send until {@code refuseUntil} on the clock. */
    final class FlakyQueue implements QueuePublisher {
        long refuseUntil;
        boolean permanent;

        @Override
        public void publish(String groupId, String dedupId, Object record) {
            throw new AssertionError("the budgeted enqueue always gives the send a timeout");
        }

        @Override
        public void publish(String groupId, String dedupId, Object record, Duration timeout) {
            timeouts.add(timeout);
            now += SEND_COST.toNanos();
            if (now <= refuseUntil) {
                throw new QueuePublishException("refused", null, !permanent);
            }
            accepted.add(dedupId);
        }
    }

    final FlakyQueue queue = new FlakyQueue();
    final BudgetedEnqueue enqueue = new BudgetedEnqueue(queue, Duration.ofSeconds(4), () -> now, d -> {
        pauses.add(d);
        now += d.toNanos();
    });

    @Test
    void aQueueRefusingForTwoSecondsIsRetriedUntilItAcceptsWithinTheBudget() {
        long arrived = now;
        queue.refuseUntil = now + Duration.ofSeconds(2).toNanos();

        int attempts = enqueue.publish(arrived, "CH1", "IM1", "turn");

        assertEquals(List.of("IM1"), accepted);
        assertEquals(5, attempts, "sends at 0.3, 0.65, 1.05, 1.55 s refused; the one ending at 2.25 s accepted");
        assertEquals(List.of(50L, 100L, 200L, 400L), pauses.stream().map(Duration::toMillis).toList(),
                "pauses double from 50 ms, capped at 400 ms");
    }

    @Test
    void aQueueStillRefusingAtTheDeadlineFailsAndNoSendRunsPastIt() {
        long arrived = now;
        queue.refuseUntil = Long.MAX_VALUE;

        QueuePublishException e = assertThrows(QueuePublishException.class,
                () -> enqueue.publish(arrived, "CH1", "IM1", "turn"));

        assertTrue(e.retryable());
        assertTrue(accepted.isEmpty());
        long deadline = arrived + Duration.ofSeconds(4).toNanos();
        long start = arrived;
        for (int i = 0; i < timeouts.size(); i++) {
            assertTrue(start + timeouts.get(i).toNanos() <= deadline || timeouts.get(i).toMillis() <= 1,
                    "attempt " + (i + 1) + " may run past the deadline");
            start += SEND_COST.toNanos() + (i < pauses.size() ? pauses.get(i).toNanos() : 0);
        }
    }

    @Test
    void aMessageTheQueueRefusesOutrightIsNotRetried() {
        queue.refuseUntil = Long.MAX_VALUE;
        queue.permanent = true;

        QueuePublishException e = assertThrows(QueuePublishException.class,
                () -> enqueue.publish(now, "CH1", "IM1", "turn"));

        assertEquals(1, timeouts.size());
        assertTrue(pauses.isEmpty());
        assertSame(false, e.retryable());
    }

    @Test
    void aSendThatWorksAtOnceIsOneAttemptGivenTheWholeBudget() {
        assertEquals(1, enqueue.publish(now, "CH1", "IM1", "turn"));
        assertEquals(List.of(Duration.ofSeconds(4)), timeouts);
    }
}
