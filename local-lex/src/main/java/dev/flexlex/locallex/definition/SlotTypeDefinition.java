package dev.flexlex.locallex.definition;

import java.util.List;

/**
 * A custom slot type: its values with their synonyms and the resolution strategy
 * ({@link Resolution#ORIGINAL_VALUE}: the interpreted value is what the customer said;
 * {@link Resolution#TOP_RESOLUTION}: the interpreted value is the matching defined value).
 */
public record SlotTypeDefinition(String name, List<Value> values, Resolution resolution) {

    public enum Resolution { ORIGINAL_VALUE, TOP_RESOLUTION }

    /** A defined value and its synonyms. */
    public record Value(String value, List<String> synonyms) {
        public Value {
            synonyms = List.copyOf(synonyms);
        }
    }

    public SlotTypeDefinition {
        values = List.copyOf(values);
    }
}
