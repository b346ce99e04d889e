package dev.flexlex.process;

import dev.flexlex.metrics.HandoffReason;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bridge does with one Lex turn: the messages to post and what happens to the chat next.
 *
 * @param handoffReason why the chat goes to an agent (only with {@link NextStep#AGENT})
 * @param handoffCause the same as one of a fixed set, for the {@code Handoffs} metric (only with {@link NextStep#AGENT})
 * @param lastIntent the intent Lex chose (nullable)
 * @param slots that intent's filled slots
 */
public record TurnDecision(List<ReplyMessage> messages, NextStep nextStep, String handoffReason, String lastIntent,
                           Map<String, String> slots, HandoffReason handoffCause) {
    public TurnDecision {
        messages = List.copyOf(messages);
        slots = slots == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(slots));
    }
}
