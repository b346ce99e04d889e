package dev.flexlex.registry;

/** The bot registry JSON is invalid; the message names the bot and the field. */
public class BotRegistryException extends RuntimeException {
    public BotRegistryException(String message) {
        super(message);
    }

    public BotRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
