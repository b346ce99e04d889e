package dev.flexlex.queue;

/** The queue did not accept a message; nothing may be acknowledged on the strength of it. */
public class QueuePublishException extends RuntimeException {
    public QueuePublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
