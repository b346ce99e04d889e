package dev.flexlex.process.lex;

/** Lex refused the request for a reason retrying cannot fix (bot/alias/locale not found, access denied, invalid). */
public class LexRejectedException extends RuntimeException {
    public LexRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
