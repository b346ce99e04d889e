package dev.flexlex.chat;

import com.twilio.exception.ApiException;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the bot's webhook from a chat, the same way on both platforms: by the SID the event named, else every
 * chat webhook whose URL is the bot's. A webhook that is already gone (404) counts as removed before.
 */
final class BotWebhookRemoval {
    private static final Logger LOG = LoggerFactory.getLogger(BotWebhookRemoval.class);

    /** The platform's webhook calls, each one attempt. */
    interface Webhooks {
        /** Webhook SID → its configuration, for the chat. */
        Map<String, Object> list(String chatSid);

        boolean delete(String chatSid, String webhookSid);
    }

    private final Webhooks webhooks;
    private final String botWebhookUrl;

    BotWebhookRemoval(Webhooks webhooks, String botWebhookUrl) {
        this.webhooks = webhooks;
        this.botWebhookUrl = botWebhookUrl;
    }

    boolean remove(String chatSid, String webhookSid) {
        if (webhookSid != null) {
            return delete(chatSid, webhookSid);
        }
        if (botWebhookUrl == null) {
            LOG.warn("no webhook SID and no bot webhook URL configured: cannot find the bot webhook of {}", chatSid);
            return false;
        }
        Map<String, Object> all = TwilioCalls.call("list webhooks", chatSid, true, () -> webhooks.list(chatSid));
        boolean removed = false;
        for (Map.Entry<String, Object> webhook : all.entrySet()) {
            if (WebhookUrls.pointsAt(webhook.getValue(), botWebhookUrl)) {
                removed |= delete(chatSid, webhook.getKey());
            }
        }
        return removed;
    }

    private boolean delete(String chatSid, String webhookSid) {
        Supplier<Boolean> call = () -> webhooks.delete(chatSid, webhookSid);
        try {
            return TwilioCalls.call("delete webhook", chatSid, false, call);
        } catch (ChatPlatformException e) {
            if (e.getCause() instanceof ApiException api && TwilioCalls.isNotFound(api)) {
                LOG.info("bot webhook {} of chat {} was already gone", webhookSid, chatSid);
                return false;
            }
            throw e;
        }
    }
}
