package dev.flexlex.locallex.runtime;

import dev.flexlex.locallex.bot.LexBot;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The loaded bots by bot id; resolves a request's bot, alias and locale or answers 404 naming which is unknown. */
public final class BotRegistry {

    private final Map<String, LexBot> botsById = new LinkedHashMap<>();

    public BotRegistry(List<LexBot> bots) {
        for (LexBot bot : bots) {
            if (bot.idleSessionTtl() == null || bot.idleSessionTtl().isNegative() || bot.idleSessionTtl().isZero()) {
                throw new IllegalArgumentException("Bot " + bot.name() + " (" + bot.botId()
                        + ") has no positive idle session TTL: " + bot.idleSessionTtl());
            }
            LexBot previous = botsById.putIfAbsent(bot.botId(), bot);
            if (previous != null) {
                throw new IllegalArgumentException("Bots " + previous.name() + " and " + bot.name()
                        + " have the same bot id " + bot.botId() + "; give one of them another id");
            }
        }
    }

    public Collection<LexBot> bots() {
        return botsById.values();
    }

    /** The bot serving the session's bot id, alias and locale. */
    public LexBot resolve(SessionKey key) {
        LexBot bot = botsById.get(key.botId());
        if (bot == null) {
            throw LexRuntimeException.notFound("Bot " + key.botId() + " was not found");
        }
        if (!bot.aliasIds().contains(key.botAliasId())) {
            throw LexRuntimeException.notFound("Bot alias " + key.botAliasId() + " was not found for bot "
                    + key.botId());
        }
        if (!bot.localeIds().contains(key.localeId())) {
            throw LexRuntimeException.notFound("Locale " + key.localeId() + " was not found for bot "
                    + key.botId() + " alias " + key.botAliasId());
        }
        return bot;
    }
}
