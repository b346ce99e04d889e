package dev.flexlex.chat;

/**
 * The chat (conversation or channel) no longer exists, or is a conversation closed for good: nothing can be delivered
 * to it.
 */
public class ChatNotFoundException extends ChatPlatformException {
    public ChatNotFoundException(String message, Throwable cause) {
        super(message, 404, cause);
    }
}
