package dev.flexlex.locallex.runtime;

/** A request the runtime refuses, carrying the error shape the client receives and a message for it. */
public class LexRuntimeException extends RuntimeException {

    private final LexErrorType type;

    public LexRuntimeException(LexErrorType type, String message) {
        super(message);
        this.type = type;
    }

    public LexErrorType type() {
        return type;
    }

    public static LexRuntimeException validation(String message) {
        return new LexRuntimeException(LexErrorType.VALIDATION, message);
    }

    public static LexRuntimeException notFound(String message) {
        return new LexRuntimeException(LexErrorType.RESOURCE_NOT_FOUND, message);
    }

    /** The same refusal with another error shape (and the same message). */
    public LexRuntimeException as(LexErrorType other) {
        return new LexRuntimeException(other, getMessage());
    }

    public static LexRuntimeException conflict(String message) {
        return new LexRuntimeException(LexErrorType.CONFLICT, message);
    }

    public static LexRuntimeException throttling(String message) {
        return new LexRuntimeException(LexErrorType.THROTTLING, message);
    }
}
