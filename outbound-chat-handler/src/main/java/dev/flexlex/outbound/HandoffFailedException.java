package dev.flexlex.outbound;

import dev.flexlex.chat.ChatPlatformException;

/**
 * A handoff that cannot complete: Twilio refused to create the interaction or task (4xx), or the interaction channel
 * failed. The bot is restored and the customer told; retrying the same request will not help.
 */
public class HandoffFailedException extends ChatPlatformException {
    public HandoffFailedException(String message, Integer status, Throwable cause) {
        super(message, status, cause);
    }
}
