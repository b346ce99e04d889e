package dev.flexlex.queue;

/**
 * One message received from an SQS queue, without Lambda types.
 *
 * @param messageId SQS's message id (logged; the body never is)
 * @param body the raw body
 * @param receiveCount SQS's ApproximateReceiveCount (1 on the first delivery)
 */
public record QueueMessage(String messageId, String body, int receiveCount) {
}
