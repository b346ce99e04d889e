package dev.flexlex.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.exception.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the bot's webhook from a chat, the same way on both platforms: by the SID the event named, else every
 * chat webhook whose URL is the bot's. A webhook that is already gone (404) counts as removed before.
 *
 * <p>Before deleting, the webhook as it was ({@code {"target":…,"configuration":{url, method, filters, …}}}, as
 * Twilio lists it) is written to the chat's attributes under {@link BridgeAttributes#BOT_WEBHOOK}, so that
 * {@link #restore} can re-create it exactly — same URL with any query and fragment, method, filters, triggers —
 * even in another invocation after a crash. A webhook SID that is gone may have been re-created by a give-back under
 * a new SID: then the chat's webhooks with the saved URL are the bot's.
 */
final class BotWebhookRemoval {
    private static final Logger LOG = LoggerFactory.getLogger(BotWebhookRemoval.class);

    /** The platform's webhook calls, each one attempt; a webhook is {@code {"target":…,"configuration":{…}}}. */
    interface Webhooks {
        /** Webhook SID → the webhook, for the chat. */
        Map<String, ObjectNode> list(String chatSid);

        /** The webhook; throws twilio-java's 404 when it is gone. */
        ObjectNode fetch(String chatSid, String webhookSid);

        boolean delete(String chatSid, String webhookSid);

        /** Creates a webhook like {@code webhook}; returns its SID. */
        String create(String chatSid, ObjectNode webhook);
    }

    /** The chat's attributes, read and written as one JSON object (one attempt each). */
    interface Attributes {
        ObjectNode fetch(String chatSid);

        void write(String chatSid, ObjectNode attributes);
    }

    private final Webhooks webhooks;
    private final Attributes attributes;
    private final String botWebhookUrl;

    BotWebhookRemoval(Webhooks webhooks, Attributes attributes, String botWebhookUrl) {
        this.webhooks = webhooks;
        this.attributes = attributes;
        this.botWebhookUrl = botWebhookUrl;
    }

    /** Removes the bot webhook and keeps it on the chat for {@link #restore} (a handoff). */
    boolean remove(String chatSid, String webhookSid) {
        return remove(chatSid, webhookSid, true);
    }

    /**
     * @param keep save the webhook on the chat first (a handoff, which may have to give the chat back); a closed chat
     *             needs no copy
     */
    boolean remove(String chatSid, String webhookSid, boolean keep) {
        if (!keep && webhookSid != null) {
            return delete(chatSid, webhookSid);
        }
        Map<String, ObjectNode> bot = new LinkedHashMap<>();
        boolean alreadySaved = false;
        if (webhookSid != null) {
            ObjectNode webhook = fetchOrNull(chatSid, webhookSid);
            if (webhook != null) {
                bot.put(webhookSid, webhook);
            } else {
                // Gone: maybe given back to the bot since, re-created under a new SID with the saved URL.
                JsonNode saved = TwilioCalls.call("fetch attributes", chatSid, true, () -> attributes.fetch(chatSid))
                        .get(BridgeAttributes.BOT_WEBHOOK);
                String url = saved == null ? null : saved.path("configuration").path("url").asText(null);
                if (url == null) {
                    return false;
                }
                TwilioCalls.call("list webhooks", chatSid, true, () -> webhooks.list(chatSid)).forEach((sid, w) -> {
                    if (url.equals(w.path("configuration").path("url").asText(null))) {
                        bot.put(sid, w);
                    }
                });
                alreadySaved = true;
            }
        } else if (botWebhookUrl == null) {
            LOG.warn("no webhook SID and no bot webhook URL configured: cannot find the bot webhook of {}", chatSid);
            return false;
        } else {
            Map<String, ObjectNode> all = TwilioCalls.call("list webhooks", chatSid, true, () -> webhooks.list(chatSid));
            all.forEach((sid, webhook) -> {
                if (WebhookUrls.pointsAt(webhook.path("configuration"), botWebhookUrl)) {
                    bot.put(sid, webhook);
                }
            });
        }
        if (bot.isEmpty()) {
            return false;
        }
        if (keep && !alreadySaved) {
            save(chatSid, bot.values().iterator().next());
        }
        boolean removed = false;
        for (String sid : bot.keySet()) {
            removed |= delete(chatSid, sid);
        }
        return removed;
    }

    /**
     * Re-creates the webhook saved by {@link #remove} unless the chat already has one with its URL, and clears the
     * chat's handoff mark so a later handoff starts afresh.
     *
     * @return {@code false} when nothing was re-created (already there, or nothing saved)
     */
    boolean restore(String chatSid) {
        ObjectNode chat = TwilioCalls.call("fetch attributes", chatSid, true, () -> attributes.fetch(chatSid));
        JsonNode saved = chat.get(BridgeAttributes.BOT_WEBHOOK);
        boolean created = false;
        if (saved == null || !saved.isObject()) {
            LOG.warn("chat {} has no saved bot webhook: nothing to restore", chatSid);
        } else {
            String url = saved.path("configuration").path("url").asText(null);
            Map<String, ObjectNode> all = TwilioCalls.call("list webhooks", chatSid, true, () -> webhooks.list(chatSid));
            boolean present = url != null && all.values().stream()
                    .anyMatch(w -> url.equals(w.path("configuration").path("url").asText(null)));
            if (present) {
                LOG.info("bot webhook of chat {} is already in place", chatSid);
            } else {
                String sid = TwilioCalls.call("restore webhook", chatSid, true,
                        () -> webhooks.create(chatSid, (ObjectNode) saved));
                LOG.info("bot webhook of chat {} restored as {}", chatSid, sid);
                created = true;
            }
        }
        if (chat.has(BridgeAttributes.HANDOFF_SID)) {
            chat.remove(BridgeAttributes.HANDOFF_SID);
            TwilioCalls.call("clear handoff", chatSid, true, () -> {
                attributes.write(chatSid, chat);
                return null;
            });
        }
        return created;
    }

    private void save(String chatSid, ObjectNode webhook) {
        ObjectNode chat = TwilioCalls.call("fetch attributes", chatSid, true, () -> attributes.fetch(chatSid));
        ObjectNode saved = chat.putObject(BridgeAttributes.BOT_WEBHOOK);
        saved.set("target", webhook.get("target"));
        saved.set("configuration", webhook.get("configuration"));
        TwilioCalls.call("save webhook", chatSid, true, () -> {
            attributes.write(chatSid, chat);
            return null;
        });
    }

    private ObjectNode fetchOrNull(String chatSid, String webhookSid) {
        try {
            return TwilioCalls.call("fetch webhook", chatSid, false, () -> webhooks.fetch(chatSid, webhookSid));
        } catch (ChatPlatformException e) {
            if (e.getCause() instanceof ApiException api && TwilioCalls.isNotFound(api)) {
                LOG.info("bot webhook {} of chat {} was already gone", webhookSid, chatSid);
                return null;
            }
            throw e;
        }
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
