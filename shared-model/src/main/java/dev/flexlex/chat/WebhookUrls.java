package dev.flexlex.chat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recognises the bot's webhook among a chat's webhooks by its configured URL (query string and Twilio's
 * connection-override fragment {@code #...} ignored).
 */
final class WebhookUrls {
    private WebhookUrls() {
    }

    /** @param configuration the webhook's {@code configuration} as twilio-java gives it (a map), or anything else */
    static boolean pointsAt(Object configuration, String botWebhookUrl) {
        return configuration instanceof java.util.Map<?, ?>
                && pointsAt(dev.flexlex.model.Json.mapper().valueToTree(configuration), botWebhookUrl);
    }

    /** @param configuration the webhook's {@code configuration} as Twilio lists it */
    static boolean pointsAt(JsonNode configuration, String botWebhookUrl) {
        String url = configuration == null ? null : configuration.path("url").asText(null);
        return url != null && base(url).equals(base(botWebhookUrl));
    }

    private static String base(String url) {
        int end = url.length();
        for (char c : new char[] {'?', '#'}) {
            int at = url.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return url.substring(0, end);
    }
}
