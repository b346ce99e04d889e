package dev.flexlex.outbound;

import dev.flexlex.chat.TransientChatException;

/**
 * The handoff step failed with 429, 5xx, a broken connection, or an interaction still setting up: retried like any
 * transient failure, and when the retries are used up the chat is given back to the bot.
 */
public class TransientHandoffException extends TransientChatException {
    public TransientHandoffException(String message, Integer status, Throwable cause) {
        super(message, status, cause);
    }
}
