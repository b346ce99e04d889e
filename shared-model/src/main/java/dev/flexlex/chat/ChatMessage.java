package dev.flexlex.chat;

/**
 * A message read back from a chat.
 *
 * @param attributes the message attributes as the JSON string Twilio holds (may be {@code null} or {@code "{}"})
 */
public record ChatMessage(String sid, String author, String attributes) {
    /** Twilio Conversations' documented maximum of a message {@code Body}, in characters. */
    public static final int MAX_BODY_CHARS = 1600;
}
