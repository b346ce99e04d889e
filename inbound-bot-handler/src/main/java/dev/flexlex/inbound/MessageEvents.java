package dev.flexlex.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the message-added event of each platform from the webhook's form fields: Conversations
 * {@code onMessageAdded} ({@code ConversationSid}, {@code Author}) and Programmable Chat {@code onMessageSent}
 * ({@code ChannelSid}, {@code From}). Other event types are not turns.
 *
 * <p>{@code Body} may be absent or empty: a media-only message has no text. Media are counted from Conversations'
 * {@code Media} (a JSON array of media objects) and, on either platform, a {@code MediaSid}; the next stage answers
 * such a message itself instead of sending Lex nothing.
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
                    text(form, "Author"), body(form), form.get("Attributes"), mediaCount(form)));
        }
        if (CHAT_EVENT.equals(eventType)) {
            String service = form.containsKey("ServiceSid") ? sid(form, "ServiceSid", SERVICE_SID, true)
                    : sid(form, "InstanceSid", SERVICE_SID, true);
            return Optional.of(new MessageEvent(ChatPlatformKind.CHAT,
                    sid(form, "ChannelSid", CHAT_SID, true),
                    service,
                    sid(form, "MessageSid", MESSAGE_SID, true),
                    sid(form, "WebhookSid", WEBHOOK_SID, false),
                    text(form, "From"), body(form), form.get("Attributes"), mediaCount(form)));
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

    /** The message text; empty when absent (a media-only message has no text for the bot). */
    private static String body(Map<String, String> form) {
        String value = form.get("Body");
        return value == null ? "" : value;
    }

    /**
     * How many media the message carries: the length of the {@code Media} JSON array, else 1 for a {@code MediaSid};
     * a {@code Media} value that is not a JSON array still means media (counted as 1), never a rejected turn.
     */
    private static int mediaCount(Map<String, String> form) {
        String media = form.get("Media");
        if (media != null && !media.isBlank()) {
            try {
                JsonNode array = Json.mapper().readTree(media);
                if (array != null && array.isArray()) {
                    return array.size();
                }
            } catch (JsonProcessingException e) {
                // not JSON: still an attachment of some kind
            }
            return 1;
        }
        String mediaSid = form.get("MediaSid");
        return mediaSid != null && !mediaSid.isBlank() ? 1 : 0;
    }
}
