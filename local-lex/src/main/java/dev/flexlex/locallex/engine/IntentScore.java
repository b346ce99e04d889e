package dev.flexlex.locallex.engine;

import dev.flexlex.locallex.definition.IntentDefinition;
import java.util.Map;

/** How well a text matches an intent (0..1), and the slot values found for it on the way. */
record IntentScore(IntentDefinition intent, double score, Map<String, SlotValue> slots) {

    IntentScore {
        slots = Map.copyOf(slots);
    }
}
