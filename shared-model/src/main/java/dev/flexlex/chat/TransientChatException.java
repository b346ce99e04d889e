package dev.flexlex.chat;

/**
 * A chat platform call failed with 429, 5xx or a broken connection. The effect may have happened anyway: check
 * what the chat shows before trying again.
 */
public class TransientChatException extends ChatPlatformException {
    public TransientChatException(String message, Integer status, Throwable cause) {
        super(message, status, cause);
    }
}
