package dev.flexlex.localflex.messaging;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localflex.http.ApiRequest;
import dev.flexlex.localflex.http.Json;
import dev.flexlex.localflex.http.Table;
import dev.flexlex.localflex.webhook.WebhookDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What Conversations and legacy Programmable Chat share: the members (participants) of each chat (a conversation, a
 * channel), its messages with their running index, its webhooks, and firing a message event to the chat's webhooks
 * whose filters name it.
 * Each product keeps its own resource shapes and its own event parameters; rows are kept as the product writes them.
 * Not thread-safe on its own: every access happens under the state lock, like {@link Table}.
 */
public final class ChatStore {
    private static final Logger LOG = LoggerFactory.getLogger(ChatStore.class);
    private final String chatField;
    private final String webhookTypeField;
    private final WebhookDispatcher dispatcher;
    private final int defaultRetries;
    private final Table members;
    private final Table messages;
    private final Table webhooks;
    private final Map<String, Integer> nextIndex = new HashMap<>();

    /**
     * @param chatField the field naming a row's chat ({@code conversation_sid}, {@code channel_sid})
     * @param webhookTypeField the field of a webhook's type ({@code target}, {@code type}); only {@code webhook} ones fire
     * @param defaultRetries the product's retry count for a webhook whose configuration has no {@code retry_count}
     */
    public ChatStore(String chatField, String webhookTypeField, WebhookDispatcher dispatcher, int defaultRetries) {
        this.chatField = chatField;
        this.webhookTypeField = webhookTypeField;
        this.dispatcher = dispatcher;
        this.defaultRetries = defaultRetries;
        this.members = new Table(chatField);
        this.messages = new Table(chatField);
        this.webhooks = new Table(chatField);
    }

    /** A new chat: its first message gets index 0. */
    public void open(String chatSid) {
        nextIndex.put(chatSid, 0);
    }

    /** Forgets a deleted chat's members, messages and webhooks. */
    public void delete(String chatSid) {
        members.removeChildren(chatField, chatSid);
        messages.removeChildren(chatField, chatSid);
        webhooks.removeChildren(chatField, chatSid);
    }

    /** The index of the chat's next message (0, 1, 2, ... never reused). */
    public int nextIndex(String chatSid) {
        return nextIndex.merge(chatSid, 1, Integer::sum) - 1;
    }

    /**
     * Keeps a new message of chat {@code chatSid} and, when the request enabled webhooks
     * ({@code X-Twilio-Webhook-Enabled: true}), fires {@code eventType} with the event's parameters.
     */
    public ObjectNode add(String chatSid, ObjectNode message, boolean webhooksEnabled, String eventType,
                          Supplier<Map<String, String>> event) {
        messages.put(message);
        LOG.info("message {} (index {}) added to {}, webhooks {}", message.get("sid").asText(), message.get("index").asInt(),
                chatSid, webhooksEnabled);
        if (webhooksEnabled) {
            fire(chatSid, eventType, event.get());
        }
        return message;
    }

    /** Every chat's members (Conversations' participants), as the product writes them. */
    public Table members() {
        return members;
    }

    /** Every chat's messages, as the product writes them; a row's chat field names its chat. */
    public Table messages() {
        return messages;
    }

    /** Every chat's webhooks; each row carries a {@code configuration} (see {@link #putConfiguration}). */
    public Table webhooks() {
        return webhooks;
    }

    /** Writes the webhook's {@code configuration} object (url, method, filters, triggers, flow_sid) and returns it. */
    public static ObjectNode putConfiguration(ObjectNode webhook, WebhookConfiguration c) {
        ObjectNode config = webhook.putObject("configuration");
        config.put("url", c.url());
        config.put("method", c.method());
        ArrayNode f = config.putArray("filters");
        c.filters().forEach(f::add);
        ArrayNode t = config.putArray("triggers");
        c.triggers().forEach(t::add);
        config.put("flow_sid", c.flowSid());
        return config;
    }

    /**
     * Updates a webhook from {@code Configuration.Method}, {@code Configuration.Url} and {@code Configuration.Filters};
     * a bad method changes nothing.
     */
    public static void updateWebhook(ObjectNode webhook, ApiRequest q) {
        ObjectNode config = (ObjectNode) webhook.get("configuration");
        String method = q.httpMethod("Configuration.Method", config.path("method").asText("POST"));
        Json.copyParam(q, "Configuration.Url", config, "url");
        config.put("method", method);
        if (q.has("Configuration.Filters")) {
            ArrayNode f = config.putArray("filters");
            q.values("Configuration.Filters").forEach(f::add);
        }
        webhook.put("date_updated", Json.now());
    }

    /**
     * Sends {@code eventType} to each webhook of the chat of type {@code webhook} whose filters name it, with the
     * event's parameters followed by {@code Source} ({@code API} unless the event names its own, e.g. {@code SMS}),
     * {@code WebhookSid} and {@code WebhookType}, as Twilio does.
     */
    private void fire(String chatSid, String eventType, Map<String, String> event) {
        for (ObjectNode w : webhooks.childrenOf(chatSid)) {
            ObjectNode config = (ObjectNode) w.get("configuration");
            if (!"webhook".equals(w.get(webhookTypeField).asText()) || !Json.contains(config.get("filters"), eventType)) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>(event);
            params.putIfAbsent("Source", "API");
            params.put("WebhookSid", w.get("sid").asText());
            params.put("WebhookType", "webhook");
            dispatcher.send(new WebhookDispatcher.Delivery(chatSid, config.get("url").asText(),
                    config.path("method").asText("POST"), params, config.path("retry_count").asInt(defaultRetries),
                    w.get("sid").asText()));
        }
    }
}
