package dev.flexlex.chat;

import java.util.Map;

/**
 * What an agent needs when a chat is handed over. The transcript is the chat itself, so it is referenced, not copied
 * (task attributes are limited to 4096 characters).
 */
public record Handoff(String customerIdentity, String customerName, String botName, String lastIntent,
                      Map<String, String> slots, String reason) {
    public Handoff {
        slots = slots == null ? Map.of() : slots;
    }
}
