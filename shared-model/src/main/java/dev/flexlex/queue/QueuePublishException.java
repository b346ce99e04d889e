package dev.flexlex.queue;

/** The queue did not accept a message; nothing may be acknowledged on the strength of it. */
public class QueuePublishException extends RuntimeException {
    private final boolean retryable;

    /** A failure that may pass (the queue unreachable, throttling, a 5xx). */
    public QueuePublishException(String message, Throwable cause) {
        this(message, cause, true);
    }

    /**
     * @param retryable false when the queue refused the message itself (a 4xx other than throttling): sending it
     *                  again cannot succeed
     */
    public QueuePublishException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
