package dev.flexlex.locallex.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.bot.TurnResult;
import dev.flexlex.locallex.definition.BotDefinition;
import dev.flexlex.locallex.definition.LocaleDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A bot served from its definition: one {@link DialogEngine} per locale, dates against an injectable clock. */
public final class DefinedBot implements LexBot {

    private final BotDefinition definition;
    private final Clock clock;
    private final Map<String, DialogEngine> engines = new LinkedHashMap<>();

    public DefinedBot(BotDefinition definition, Clock clock) {
        this.definition = definition;
        this.clock = clock;
        for (LocaleDefinition locale : definition.locales()) {
            engines.put(locale.localeId(), new DialogEngine(locale));
        }
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public String botId() {
        return definition.botId();
    }

    @Override
    public Set<String> aliasIds() {
        return definition.aliasIds();
    }

    @Override
    public Set<String> localeIds() {
        return Set.copyOf(engines.keySet());
    }

    @Override
    public Duration idleSessionTtl() {
        return definition.idleSessionTtl();
    }

    @Override
    public TurnResult recognizeText(String localeId, ObjectNode incomingState, String text,
                                    Map<String, String> requestAttributes, ZoneId timeZone) {
        DialogEngine engine = engines.get(localeId);
        if (engine == null) {
            throw new IllegalArgumentException("bot " + definition.name() + " has no locale " + localeId);
        }
        return engine.turn(incomingState, text, LocalDate.now(clock.withZone(timeZone)));
    }
}
