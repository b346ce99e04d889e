package dev.flexlex.chat;

/** A chat platform call failed for good (e.g. a request Twilio rejects); retrying the same call will not help. */
public class ChatPlatformException extends RuntimeException {
    private final Integer status;

    public ChatPlatformException(String message, Integer status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public ChatPlatformException(String message) {
        this(message, null, null);
    }

    /** The HTTP status Twilio answered, when there was one. */
    public Integer status() {
        return status;
    }
}
