package dev.flexlex.locallex.definition;

import java.util.List;

/**
 * A custom slot type: its values with their synonyms and the resolution strategy
 * ({@link Resolution#ORIGINAL_VALUE}: the interpreted value is what the customer said;
 * {@link Resolution#TOP_RESOLUTION}: the interpreted value is the matching defined value). A type that
 * extends a built-in ({@code parentSlotTypeSignature}, e.g. {@code AMAZON.AlphaNumeric}) has no values but
 * its parent and, optionally, the {@code regexFilter} pattern its values must match.
 */
public record SlotTypeDefinition(String name, List<Value> values, Resolution resolution, String parentSignature,
                                 String regexFilter) {

    /** A type with values and no parent. */
    public SlotTypeDefinition(String name, List<Value> values, Resolution resolution) {
        this(name, values, resolution, null, null);
    }

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
