package dev.flexlex.chat;

/**
 * A message read back from a chat.
 *
 * @param attributes the message attributes as the JSON string Twilio holds (may be {@code null} or {@code "{}"})
 */
public record ChatMessage(String sid, String author, String attributes) {
}
