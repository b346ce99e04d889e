package dev.flexlex.inbound;

import dev.flexlex.model.ChatPlatformKind;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the message-added event of each platform from the webhook's form fields: Conversations
 * {@code onMessageAdded} ({@code ConversationSid}, {@code Author}) and Programmable Chat {@code onMessageSent}
 * ({@code ChannelSid}, {@code From}). Other event types are not turns.
 */
final class MessageEvents {
    static final String CONVERSATIONS_EVENT = "onMessageAdded";
    static final String CHAT_EVENT = "onMessageSent";
    private static final Pattern CHAT_SID = Pattern.compile("CH[0-9a-fA-F]{32}");
    private static final Pattern MESSAGE_SID = Pattern.compile("IM[0-9a-fA-F]{32}");
    private static final Pattern WEBHOOK_SID = Pattern.compile("WH[0-9a-fA-F]{32}");
    private static final Pattern SERVICE_SID = Pattern.compile("IS[0-9a-fA-F]{32}");

    private MessageEvents() {
    }

    /**
     * @return empty for an event type that is not a new message
     * @throws WebhookFieldException naming the first missing or malformed field
     */
    static Optional<MessageEvent> read(Map<String, String> form) {
        String eventType = form.get("EventType");
        if (eventType == null || eventType.isBlank()) {
            throw new WebhookFieldException("EventType", "field EventType is missing");
        }
        if (CONVERSATIONS_EVENT.equals(eventType)) {
            return Optional.of(new MessageEvent(ChatPlatformKind.CONVERSATIONS,
                    sid(form, "ConversationSid", CHAT_SID, true),
                    sid(form, "ChatServiceSid", SERVICE_SID, false),
                    sid(form, "MessageSid", MESSAGE_SID, true),
                    sid(form, "WebhookSid", WEBHOOK_SID, false),
                    text(form, "Author"), body(form), form.get("Attributes")));
        }
        if (CHAT_EVENT.equals(eventType)) {
            String service = form.containsKey("ServiceSid") ? sid(form, "ServiceSid", SERVICE_SID, true)
                    : sid(form, "InstanceSid", SERVICE_SID, true);
            return Optional.of(new MessageEvent(ChatPlatformKind.CHAT,
                    sid(form, "ChannelSid", CHAT_SID, true),
                    service,
                    sid(form, "MessageSid", MESSAGE_SID, true),
                    sid(form, "WebhookSid", WEBHOOK_SID, false),
                    text(form, "From"), body(form), form.get("Attributes")));
        }
        return Optional.empty();
    }

    private static String sid(Map<String, String> form, String field, Pattern pattern, boolean required) {
        String value = form.get(field);
        if (value == null || value.isEmpty()) {
            if (required) {
                throw new WebhookFieldException(field, "field " + field + " is missing");
            }
            return null;
        }
        if (!pattern.matcher(value).matches()) {
            throw new WebhookFieldException(field, "field " + field + " is not a valid SID");
        }
        return value;
    }

    private static String text(Map<String, String> form, String field) {
        String value = form.get(field);
        if (value == null || value.isBlank()) {
            throw new WebhookFieldException(field, "field " + field + " is missing");
        }
        return value;
    }

    /** The message text; present but possibly empty (a media-only message has no text for the bot). */
    private static String body(Map<String, String> form) {
        String value = form.get("Body");
        if (value == null) {
            throw new WebhookFieldException("Body", "field Body is missing");
        }
        return value;
    }
}
