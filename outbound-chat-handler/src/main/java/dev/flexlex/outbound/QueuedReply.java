package dev.flexlex.outbound;

/**
 * One SQS record as the plain service sees it.
 *
 * @param receiveCount SQS {@code ApproximateReceiveCount}; above 1 the reply may have been delivered before
 */
public record QueuedReply(String sqsMessageId, String body, int receiveCount) {
}
