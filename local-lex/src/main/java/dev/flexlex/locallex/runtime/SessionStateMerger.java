package dev.flexlex.locallex.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.bot.LexBot;

/**
 * Applies a RecognizeText request's {@code sessionState} to the stored one, as Lex does: each top-level
 * part the request sends replaces the stored part wholesale (session attributes are not merged key by
 * key); parts it leaves out keep their stored value. The dialog — {@code intent} and
 * {@code dialogAction} — moves as one: a request naming neither keeps the current dialog, a request
 * naming either sets both (the one it leaves out is cleared).
 */
public final class SessionStateMerger {

    private static final String INTENT = "intent";
    private static final String DIALOG_ACTION = "dialogAction";

    private SessionStateMerger() {
    }

    /** A new state: {@code stored} (may be empty) with {@code requested} (may be null) applied. */
    public static ObjectNode merge(ObjectNode stored, ObjectNode requested) {
        ObjectNode merged = stored.deepCopy();
        if (requested == null) {
            return merged;
        }
        boolean namesDialog = present(requested, INTENT) || present(requested, DIALOG_ACTION);
        if (namesDialog) {
            merged.remove(INTENT);
            merged.remove(DIALOG_ACTION);
        }
        requested.properties().forEach(field -> {
            if (!field.getValue().isNull() && !field.getKey().equals(LexBot.ENGINE_MEMORY_MEMBER)) {
                merged.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return merged;
    }

    private static boolean present(ObjectNode state, String field) {
        JsonNode node = state.get(field);
        return node != null && !node.isNull();
    }
}
