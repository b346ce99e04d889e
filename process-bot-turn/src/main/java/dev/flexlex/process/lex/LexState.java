package dev.flexlex.process.lex;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Lex said after a turn: the answer of RecognizeText, or the same read back later with GetSession.
 *
 * @param messages the messages of the last turn, in order
 * @param intentName the session's intent (null when Lex has none)
 * @param intentState e.g. {@code InProgress}, {@code ReadyForFulfillment}, {@code Fulfilled}, {@code Failed}
 * @param slots the intent's filled slots (interpreted value, else original), in Lex's order
 * @param sessionAttributes the session attributes Lex holds after the turn
 * @param dialogActionType e.g. {@code ElicitSlot}, {@code Close} (nullable)
 */
public record LexState(List<LexMessage> messages, String intentName, String intentState, Map<String, String> slots,
                       Map<String, String> sessionAttributes, String dialogActionType) {
    public LexState {
        messages = messages == null ? List.of() : List.copyOf(messages);
        slots = slots == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(slots));
        sessionAttributes = sessionAttributes == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(sessionAttributes));
    }

    public String attribute(String name) {
        return sessionAttributes.get(name);
    }
}
