package dev.flexlex.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the chat's attributes say about the customer and the bot, from Flex's pre-engagement data:
 * {@code pre_engagement_data.botName} (or {@code .bot}) names the bot, {@code pre_engagement_data.friendlyName}
 * (else the attributes' {@code from}) the customer; {@code customerIdentity} (top level or in the
 * pre-engagement data), when a webchat sets it, names the customer's identity.
 */
public record ChatFacts(String botName, String customerName, String customerIdentity) {
    static final String PRE_ENGAGEMENT = "pre_engagement_data";
    static final ChatFacts NONE = new ChatFacts(null, null, null);

    /** True when these attributes carry pre-engagement data at all. */
    static boolean hasPreEngagement(ObjectNode attributes) {
        return attributes.path(PRE_ENGAGEMENT).isObject();
    }

    static ChatFacts of(ObjectNode attributes) {
        JsonNode pre = attributes.path(PRE_ENGAGEMENT);
        String bot = text(pre, "botName");
        if (bot == null) {
            bot = text(pre, "bot");
        }
        String name = text(pre, "friendlyName");
        if (name == null) {
            name = text(attributes, "from");
        }
        String identity = text(attributes, "customerIdentity");
        if (identity == null) {
            identity = text(pre, "customerIdentity");
        }
        return new ChatFacts(bot, name, identity);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
