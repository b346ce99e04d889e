package dev.flexlex.locallex.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.bot.TurnResult;
import dev.flexlex.locallex.definition.BotLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/** A test conversation: keeps the session state between turns the way the runtime's session store does. */
final class Conversation {

    /** Wednesday 2026-11-25, 23:30 UTC: already Thursday the 26th in Auckland, still Wednesday in Los Angeles. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T23:30:00Z"), ZoneOffset.UTC);
    static final LexBot ORDER_FLOWERS = BotLoader.load(Path.of("../template.yaml"), CLOCK).get(0);

    private final LexBot bot;
    private final ZoneId zone;
    private ObjectNode state = JsonNodeFactory.instance.objectNode();
    TurnResult last;

    Conversation(LexBot bot, ZoneId zone) {
        this.bot = bot;
        this.zone = zone;
    }

    static Conversation orderFlowers() {
        return new Conversation(ORDER_FLOWERS, ZoneOffset.UTC);
    }

    Conversation withState(ObjectNode incoming) {
        this.state = incoming;
        return this;
    }

    TurnResult say(String text) {
        last = bot.recognizeText("en_US", state, text, Map.of(), zone);
        state = last.sessionState();
        return last;
    }

    String dialogAction() {
        return last.sessionState().path("dialogAction").path("type").asText();
    }

    String slotToElicit() {
        return last.sessionState().path("dialogAction").path("slotToElicit").asText();
    }

    JsonNode intent() {
        return last.sessionState().path("intent");
    }

    String intentName() {
        return intent().path("name").asText();
    }

    String intentState() {
        return intent().path("state").asText();
    }

    String slot(String name) {
        return intent().path("slots").path(name).path("value").path("interpretedValue").asText(null);
    }

    JsonNode slotValue(String name) {
        return intent().path("slots").path(name).path("value");
    }

    String message() {
        return last.messages().size() == 0 ? null : last.messages().get(0).path("content").asText();
    }
}
