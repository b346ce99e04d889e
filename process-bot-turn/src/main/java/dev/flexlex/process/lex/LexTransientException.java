package dev.flexlex.process.lex;

/** Lex throttled us, failed on its side, or could not be reached: the same call may succeed later. */
public class LexTransientException extends RuntimeException {
    public LexTransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
