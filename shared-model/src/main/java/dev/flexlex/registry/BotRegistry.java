package dev.flexlex.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.Json;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bots the bridge can talk to, parsed from the {@code BOT_REGISTRY} JSON:
 *
 * <pre>{"defaultBot":"OrderFlowers","bots":{"OrderFlowers":{"botId":"…","botAliasId":"…","localeId":"en_US",
 *   "agentIntents":["TalkToAgent"],"closingIntents":["OrderFlowers"],"fallbackLimit":2,
 *   "timeZone":"America/New_York"}}}</pre>
 *
 * {@code defaultBot} is optional; {@code fallbackLimit} defaults to 2; intents lists default to empty;
 * {@code timeZone} (an IANA zone id) is optional: without it no time zone is sent and Lex's default applies.
 */
public final class BotRegistry {
    private final Map<String, BotConfig> bots;
    private final String defaultBot;

    private BotRegistry(Map<String, BotConfig> bots, String defaultBot) {
        this.bots = Collections.unmodifiableMap(bots);
        this.defaultBot = defaultBot;
    }

    public static BotRegistry parse(String json) {
        if (json == null || json.isBlank()) {
            throw new BotRegistryException("bot registry is empty");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new BotRegistryException("bot registry is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new BotRegistryException("bot registry must be a JSON object");
        }
        JsonNode botsNode = root.get("bots");
        if (botsNode == null || !botsNode.isObject() || botsNode.isEmpty()) {
            throw new BotRegistryException("bot registry field 'bots' must be a non-empty object");
        }
        Map<String, BotConfig> bots = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = botsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            bots.put(entry.getKey(), parseBot(entry.getKey(), entry.getValue()));
        }
        String defaultBot = null;
        JsonNode defaultNode = root.get("defaultBot");
        if (defaultNode != null && !defaultNode.isNull()) {
            if (!defaultNode.isTextual() || !bots.containsKey(defaultNode.asText())) {
                throw new BotRegistryException("bot registry field 'defaultBot' must name one of the bots " + bots.keySet());
            }
            defaultBot = defaultNode.asText();
        }
        return new BotRegistry(bots, defaultBot);
    }

    private static BotConfig parseBot(String name, JsonNode node) {
        if (name.isBlank()) {
            throw new BotRegistryException("bot registry has a bot with a blank name");
        }
        if (!node.isObject()) {
            throw new BotRegistryException("bot '" + name + "' must be a JSON object");
        }
        int fallbackLimit = BotConfig.DEFAULT_FALLBACK_LIMIT;
        JsonNode limit = node.get("fallbackLimit");
        if (limit != null && !limit.isNull()) {
            if (!limit.isInt() || limit.intValue() < 1) {
                throw new BotRegistryException("bot '" + name + "' field 'fallbackLimit' must be an integer >= 1");
            }
            fallbackLimit = limit.intValue();
        }
        return new BotConfig(name,
                requiredText(name, node, "botId"),
                requiredText(name, node, "botAliasId"),
                requiredText(name, node, "localeId"),
                stringSet(name, node, "agentIntents"),
                stringSet(name, node, "closingIntents"),
                fallbackLimit,
                timeZone(name, node));
    }

    /** The bot's IANA time zone, null when the registry gives none; offsets and abbreviations are refused. */
    private static ZoneId timeZone(String bot, JsonNode node) {
        JsonNode value = node.get("timeZone");
        if (value == null || value.isNull()) {
            return null;
        }
        String id = value.isTextual() ? value.asText() : value.toString();
        // An IANA name is Area/Location (or UTC); "+02:00", "GMT+2" or "EST" parse as zones but are not what Lex takes.
        boolean named = id.equals("UTC") || id.matches("[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)+");
        try {
            if (value.isTextual() && named) {
                return ZoneId.of(id);
            }
        } catch (DateTimeException e) {
            // falls through to the error below
        }
        throw new BotRegistryException("bot '" + bot + "' field 'timeZone' must be an IANA time zone name such as"
                + " America/New_York, was " + (value.isTextual() ? "'" + id + "'" : id));
    }

    private static String requiredText(String bot, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BotRegistryException("bot '" + bot + "' field '" + field + "' is missing or not a non-blank string");
        }
        return value.asText();
    }

    private static Set<String> stringSet(String bot, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Set.of();
        }
        if (!value.isArray()) {
            throw new BotRegistryException("bot '" + bot + "' field '" + field + "' must be an array of intent names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode element : value) {
            if (!element.isTextual() || element.asText().isBlank()) {
                throw new BotRegistryException("bot '" + bot + "' field '" + field + "' must contain only intent names");
            }
            names.add(element.asText());
        }
        return names;
    }

    /** The bot registered under this name, if any. */
    public Optional<BotConfig> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(bots.get(name));
    }

    /** The bot used when a chat names none, if the registry has one. */
    public Optional<BotConfig> defaultBot() {
        return find(defaultBot);
    }

    /** The bot by name, else the default bot; empty when neither exists (the chat goes to an agent). */
    public Optional<BotConfig> resolve(String requestedName) {
        Optional<BotConfig> named = find(requestedName);
        return named.isPresent() ? named : defaultBot();
    }

    public Map<String, BotConfig> bots() {
        return bots;
    }
}
