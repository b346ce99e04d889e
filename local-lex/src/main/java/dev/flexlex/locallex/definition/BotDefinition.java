package dev.flexlex.locallex.definition;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A bot as loaded from a template or an export, with the ids local-lex serves it under. */
public record BotDefinition(String name, String botId, Set<String> aliasIds, Duration idleSessionTtl,
                            List<LocaleDefinition> locales) {

    public BotDefinition {
        aliasIds = Set.copyOf(aliasIds);
        locales = List.copyOf(locales);
    }
}
