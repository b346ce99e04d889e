package dev.flexlex.registry;

import java.util.Set;

/**
 * One bot of the registry: where it lives in Lex and the turn-policy rules for it.
 *
 * @param name the registry name (what the chat's pre-engagement data or {@code ?bot=} names)
 * @param agentIntents intents that hand the chat to an agent
 * @param closingIntents intents that close the chat once fulfilled
 * @param fallbackLimit consecutive {@code FallbackIntent} turns that hand the chat to an agent (at least 1)
 */
public record BotConfig(
        String name,
        String botId,
        String botAliasId,
        String localeId,
        Set<String> agentIntents,
        Set<String> closingIntents,
        int fallbackLimit) {

    public static final int DEFAULT_FALLBACK_LIMIT = 2;

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
