package dev.flexlex.queue;

/** Publishes a record on one FIFO queue. */
public interface QueuePublisher {
    /**
     * Sends {@code record} as JSON (via {@code Json}) with the given message group and deduplication id.
     *
     * @throws QueuePublishException when the queue did not accept the message (the caller must not ack its input)
     */
    void publish(String groupId, String dedupId, Object record);
}
