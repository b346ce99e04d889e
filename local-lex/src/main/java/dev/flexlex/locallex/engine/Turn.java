package dev.flexlex.locallex.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.bot.TurnResult;
import dev.flexlex.locallex.definition.IntentDefinition;
import dev.flexlex.locallex.definition.PromptDefinition;
import dev.flexlex.locallex.definition.SlotDefinition;
import java.time.LocalDate;

/** The turn being built: the new session state, the messages to send and the interpretations. */
final class Turn {

    /**
     * Where local-lex keeps how many times the current prompt has been repeated: Lex keeps this count in
     * the session; local-lex keeps it in the engine's memory member of the stored state (never sent to
     * clients): {@code {"prompt": "<intent>/<slot>", "count": n}} (or {@code <intent>/confirmation}),
     * honoured only while that same prompt is pending, absent otherwise.
     */
    static final String RETRIES_MEMBER = LexBot.ENGINE_MEMORY_MEMBER;

    final ObjectNode state;
    final ArrayNode messages = PromptRenderer.emptyMessages();
    final ArrayNode interpretations = JsonNodeFactory.instance.arrayNode();

    /** The customer's date for this turn. */
    final LocalDate today;

    Turn(ObjectNode state, LocalDate today) {
        this.state = state;
        this.today = today;
        state.remove(RETRIES_MEMBER);
        if (!state.has("sessionAttributes") || state.get("sessionAttributes").isNull()) {
            state.putObject("sessionAttributes");
        }
    }

    /** Elicits {@code slot}; {@code retries} counts the times its prompt has already been repeated. */
    void elicit(IntentDefinition intent, ObjectNode slots, SlotDefinition slot, int retries) {
        state.set("dialogAction", JsonNodeFactory.instance.objectNode().put("type", "ElicitSlot").put("slotToElicit", slot.name()));
        setIntent(intent, slots, "InProgress", "None");
        PromptRenderer.render(slot.prompt(), slots, state.get("sessionAttributes"), messages);
        countRetries(promptKey(intent.name(), slot.name()), retries);
    }

    void confirm(IntentDefinition intent, ObjectNode slots, int retries) {
        state.set("dialogAction", JsonNodeFactory.instance.objectNode().put("type", "ConfirmIntent"));
        setIntent(intent, slots, "InProgress", "None");
        PromptRenderer.render(intent.confirmationPrompt(), slots, state.get("sessionAttributes"), messages);
        countRetries(promptKey(intent.name(), null), retries);
    }

    void close(IntentDefinition intent, ObjectNode slots, String intentState, String confirmationState, PromptDefinition response) {
        state.set("dialogAction", JsonNodeFactory.instance.objectNode().put("type", "Close"));
        setIntent(intent, slots, intentState, confirmationState);
        PromptRenderer.render(response, slots, state.get("sessionAttributes"), messages);
    }

    /** No intent any more: Lex waits for the user to say what they want ({@code ElicitIntent}). */
    void elicitIntent() {
        state.set("dialogAction", JsonNodeFactory.instance.objectNode().put("type", "ElicitIntent"));
        state.remove("intent");
    }

    /** Adds a response's messages ahead of whatever the turn sends next. */
    void say(PromptDefinition response, ObjectNode slots) {
        PromptRenderer.render(response, slots, state.get("sessionAttributes"), messages);
    }

    ObjectNode intentNode() {
        return (ObjectNode) state.get("intent");
    }

    TurnResult result() {
        return new TurnResult(messages, interpretations, state);
    }

    private void setIntent(IntentDefinition intent, ObjectNode slots, String intentState, String confirmationState) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", intent.name());
        node.set("slots", slots);
        node.put("state", intentState);
        node.put("confirmationState", confirmationState);
        state.set("intent", node);
    }

    /** The key of a pending prompt: {@code <intent>/<slot>}, or {@code <intent>/confirmation} for a null slot. */
    static String promptKey(String intentName, String slotName) {
        return intentName + "/" + (slotName == null ? "confirmation" : slotName);
    }

    /** How many times the prompt {@code key} has been repeated, according to {@code incoming}. */
    static int retriesOf(ObjectNode incoming, String key) {
        JsonNode retries = incoming.path(RETRIES_MEMBER);
        return retries.path("prompt").asText("").equals(key) ? Math.max(0, retries.path("count").asInt(0)) : 0;
    }

    private void countRetries(String key, int retries) {
        if (retries > 0) {
            state.putObject(RETRIES_MEMBER).put("prompt", key).put("count", retries);
        }
    }
}
