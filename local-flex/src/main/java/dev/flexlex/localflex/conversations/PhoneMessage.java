package dev.flexlex.localflex.conversations;

/**
 * A message Conversations delivered to a phone bound to a conversation by {@code messaging_binding}: posted there by
 * another author (the bot, an agent), sent from the binding's {@code proxy_address} ({@code from}) to its
 * {@code address} ({@code to}).
 */
public record PhoneMessage(String conversationSid, String messageSid, String from, String to, String body,
                           String dateCreated) {
}
