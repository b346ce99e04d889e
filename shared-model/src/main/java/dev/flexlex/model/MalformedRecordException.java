package dev.flexlex.model;

/** A queue record body that is not a valid record of the expected type (bad JSON, missing or bad field). */
public class MalformedRecordException extends RuntimeException {
    public MalformedRecordException(String message) {
        super(message);
    }

    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
