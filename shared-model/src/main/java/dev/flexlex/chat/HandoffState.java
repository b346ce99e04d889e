package dev.flexlex.chat;

/**
 * What Twilio shows of a handoff just made. Creating a Flex interaction is asynchronous: its 200 only says the request
 * was accepted, and the interaction channel's {@code status} tells whether it was set up ({@code setup} → {@code active},
 * or {@code failed} with {@code error_code} / {@code error_message}).
 *
 * @param detail why it failed, for the log (Twilio's error code and message; never a message body)
 */
public record HandoffState(Status status, String detail) {
    public enum Status {
        /** Routed: the interaction channel is active (or already past it), or the TaskRouter task exists. */
        ACTIVE,
        /** Not set up yet: the channel is in {@code setup} or not listed yet. */
        SETTING_UP,
        /** The channel failed: no agent will come. */
        FAILED
    }

    public static final HandoffState ACTIVE = new HandoffState(Status.ACTIVE, null);
    public static final HandoffState SETTING_UP = new HandoffState(Status.SETTING_UP, null);

    public static HandoffState failed(String detail) {
        return new HandoffState(Status.FAILED, detail);
    }
}
