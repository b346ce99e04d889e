package dev.flexlex.chat;

import dev.flexlex.model.ChatChannel;
import java.util.Map;

/**
 * What an agent needs when a chat is handed over. The transcript is the chat itself, so it is referenced, not copied
 * (task attributes are limited to 4096 characters).
 *
 * @param channel the channel the customer writes on (never null: webchat when not given)
 */
public record Handoff(String customerIdentity, String customerName, String botName, String lastIntent,
                      Map<String, String> slots, String reason, ChatChannel channel) {
    public Handoff {
        slots = slots == null ? Map.of() : slots;
        channel = channel == null ? ChatChannel.WEB : channel;
    }

    /** A webchat (or legacy chat) handoff. */
    public Handoff(String customerIdentity, String customerName, String botName, String lastIntent,
                   Map<String, String> slots, String reason) {
        this(customerIdentity, customerName, botName, lastIntent, slots, reason, null);
    }

    /**
     * The customer's phone address on SMS ({@code +15005550006}) or WhatsApp ({@code whatsapp:+15005550006}): the
     * participant's {@code messaging_binding.address}, which authors its messages; null on webchat.
     */
    public String customerAddress() {
        return channel.isPhone() ? customerIdentity : null;
    }
}
