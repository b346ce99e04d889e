package dev.flexlex.queue;

import java.time.Duration;

/** Publishes a record on one FIFO queue. */
public interface QueuePublisher {
    /**
     * Sends {@code record} as JSON (via {@code Json}) with the given message group and deduplication id.
     *
     * @throws QueuePublishException when the queue did not accept the message (the caller must not ack its input)
     */
    void publish(String groupId, String dedupId, Object record);

    /**
     * The same, given up (with a retryable {@link QueuePublishException}) once {@code timeout} has passed, the
     * client's own retries included. Publishers without a notion of time ignore it.
     */
    default void publish(String groupId, String dedupId, Object record, Duration timeout) {
        publish(groupId, dedupId, record);
    }
}
