package dev.flexlex.registry;

import java.time.ZoneId;
import java.util.Set;

/**
 * One bot of the registry: where it lives in Lex and the turn-policy rules for it.
 *
 * @param name the registry name (what the chat's pre-engagement data or {@code ?bot=} names)
 * @param agentIntents intents that hand the chat to an agent
 * @param closingIntents intents that close the chat once fulfilled
 * @param fallbackLimit consecutive {@code FallbackIntent} turns that hand the chat to an agent (at least 1)
 * @param timeZone the zone Lex resolves relative dates ("tomorrow") in, sent as the request attribute
 *     {@value #TIME_ZONE_ATTRIBUTE} on every RecognizeText; null = not sent, so Lex's own default applies
 */
public record BotConfig(
        String name,
        String botId,
        String botAliasId,
        String localeId,
        Set<String> agentIntents,
        Set<String> closingIntents,
        int fallbackLimit,
        ZoneId timeZone) {

    public static final int DEFAULT_FALLBACK_LIMIT = 2;
    /** Lex's reserved request attribute naming the IANA time zone relative dates resolve in. */
    public static final String TIME_ZONE_ATTRIBUTE = "x-amz-lex:time-zone";

    /** A bot without a time zone of its own (Lex's default applies). */
    public BotConfig(String name, String botId, String botAliasId, String localeId, Set<String> agentIntents,
                     Set<String> closingIntents, int fallbackLimit) {
        this(name, botId, botAliasId, localeId, agentIntents, closingIntents, fallbackLimit, null);
    }

    public BotConfig {
        agentIntents = Set.copyOf(agentIntents);
        closingIntents = Set.copyOf(closingIntents);
    }

    public boolean isAgentIntent(String intent) {
        return intent != null && agentIntents.contains(intent);
    }

    public boolean isClosingIntent(String intent) {
        return intent != null && closingIntents.contains(intent);
    }
}
