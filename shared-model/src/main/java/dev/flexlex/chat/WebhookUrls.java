package dev.flexlex.chat;

import java.util.Map;

/**
 * Recognises the bot's webhook among a chat's webhooks by its configured URL (query string and Twilio's
 * connection-override fragment {@code #...} ignored).
 */
final class WebhookUrls {
    private WebhookUrls() {
    }

    static boolean pointsAt(Object configuration, String botWebhookUrl) {
        if (!(configuration instanceof Map<?, ?> map) || !(map.get("url") instanceof String url)) {
            return false;
        }
        return base(url).equals(base(botWebhookUrl));
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
