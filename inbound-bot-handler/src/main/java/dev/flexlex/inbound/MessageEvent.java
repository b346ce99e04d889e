package dev.flexlex.inbound;

import dev.flexlex.model.ChatPlatformKind;

/**
 * A message-added webhook, read from either platform's fields.
 *
 * @param serviceSid the chat service (Programmable Chat {@code ServiceSid}/{@code InstanceSid}; Conversations
 *                   {@code ChatServiceSid}); may be {@code null} for Conversations
 * @param author Conversations {@code Author}, Programmable Chat {@code From}
 * @param body the message text, empty when the message has none
 * @param messageAttributes the message's {@code Attributes} JSON (may be {@code null})
 * @param mediaCount how many media the message carries
 */
record MessageEvent(ChatPlatformKind platform, String chatSid, String serviceSid, String messageSid, String webhookSid,
                    String author, String body, String messageAttributes, int mediaCount) {
}
