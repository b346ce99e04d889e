package dev.flexlex.locallex.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.bot.TurnResult;
import dev.flexlex.locallex.definition.IntentDefinition;
import dev.flexlex.locallex.definition.PromptDefinition;
import dev.flexlex.locallex.definition.SlotDefinition;

/** The turn being built: the new session state, the messages to send and the interpretations. */
final class Turn {

    /**
     * Where local-lex keeps how many times the current prompt has been repeated. Lex keeps this count
     * inside the session; the runtime model has no member for it, so it travels as one extra member of
     * {@code sessionState} that SDK clients ignore (absent when no prompt is being repeated).
     */
    static final String RETRIES_MEMBER = "localLexRetries";

    final ObjectNode state;
    final ArrayNode messages = PromptRenderer.emptyMessages();
    final ArrayNode interpretations = JsonNodeFactory.instance.arrayNode();

    Turn(ObjectNode state) {
        this.state = state;
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
        countRetries(retries);
    }

    void confirm(IntentDefinition intent, ObjectNode slots, int retries) {
        state.set("dialogAction", JsonNodeFactory.instance.objectNode().put("type", "ConfirmIntent"));
        setIntent(intent, slots, "InProgress", "None");
        PromptRenderer.render(intent.confirmationPrompt(), slots, state.get("sessionAttributes"), messages);
        countRetries(retries);
    }

    void close(IntentDefinition intent, ObjectNode slots, String intentState, String confirmationState, PromptDefinition response) {
        state.set("dialogAction", JsonNodeFactory.instance.objectNode().put("type", "Close"));
        setIntent(intent, slots, intentState, confirmationState);
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

    private void countRetries(int retries) {
        if (retries > 0) {
            state.put(RETRIES_MEMBER, retries);
        }
    }
}
