package dev.flexlex.locallex.bot;

/** A bot definition that cannot be loaded; the message names the file and the field at fault. */
public class BotDefinitionException extends RuntimeException {

    public BotDefinitionException(String message) {
        super(message);
    }

    public BotDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
