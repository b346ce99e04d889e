package dev.flexlex.localstack;

/** A piece of the local stack could not start; the message says which and why, for a person to read. */
public final class StackStartException extends RuntimeException {
    public StackStartException(String message) {
        super(message);
    }

    public StackStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
