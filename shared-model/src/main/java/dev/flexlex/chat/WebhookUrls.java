package dev.flexlex.chat;

import java.util.Map;

/** Recognises the bot's webhook among a chat's webhooks by its configured URL (query string ignored). */
final class WebhookUrls {
    private WebhookUrls() {
    }

    static boolean pointsAt(Object configuration, String botWebhookUrl) {
        if (!(configuration instanceof Map<?, ?> map) || !(map.get("url") instanceof String url)) {
            return false;
        }
        return withoutQuery(url).equals(withoutQuery(botWebhookUrl));
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
