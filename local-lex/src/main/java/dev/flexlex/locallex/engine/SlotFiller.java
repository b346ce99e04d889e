package dev.flexlex.locallex.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.definition.IntentDefinition;
import dev.flexlex.locallex.definition.SlotDefinition;
import java.time.LocalDate;
import java.util.Optional;

/** Fills an intent's slots (the runtime's {@code slots} map): from a text, from default values, and checks them. */
final class SlotFiller {

    private final SlotResolvers resolvers;

    SlotFiller(SlotResolvers resolvers) {
        this.resolvers = resolvers;
    }

    /** Fills the empty slots that have an available default value. */
    void fillDefaults(IntentDefinition intent, ObjectNode slots, Turn turn) {
        for (SlotDefinition slot : intent.slots()) {
            if (!isFilled(slots, slot.name())) {
                defaultValue(slot, turn).ifPresent(value -> slots.set(slot.name(), value.toSlotJson()));
            }
        }
    }

    /**
     * The first of a slot's default values that is available: a fixed {@code 'value'} or a session
     * {@code [attribute]} ({@code #context.slot} defaults are skipped: local-lex keeps no active contexts).
     */
    private Optional<SlotValue> defaultValue(SlotDefinition slot, Turn turn) {
        JsonNode sessionAttributes = turn.state.path("sessionAttributes");
        for (String spec : slot.defaultValues()) {
            String value = null;
            if (spec.length() > 1 && spec.startsWith("'") && spec.endsWith("'")) {
                value = spec.substring(1, spec.length() - 1);
            } else if (spec.length() > 2 && (spec.startsWith("[") && spec.endsWith("]")
                    || spec.startsWith("{") && spec.endsWith("}"))) {
                JsonNode attribute = sessionAttributes.get(spec.substring(1, spec.length() - 1));
                value = attribute == null || attribute.isNull() ? null : attribute.asText();
            }
            if (value != null && !value.isBlank()) {
                String said = value;
                return Optional.of(resolvers.forType(slot.slotTypeName()).find(said, turn.today)
                        .map(SlotMatch::value).orElse(SlotValue.of(said, said)));
            }
        }
        return Optional.empty();
    }

    /** Fills the empty slots whose values can be recognised anywhere in {@code text} (dates, times, custom values). */
    void fillRecognisable(IntentDefinition intent, ObjectNode slots, String text, LocalDate today) {
        for (SlotDefinition other : intent.slots()) {
            SlotResolver resolver = resolvers.forType(other.slotTypeName());
            if (!isFilled(slots, other.name()) && resolver.recognisableAnywhere()) {
                resolver.find(text, today).ifPresent(m -> slots.set(other.name(), m.value().toSlotJson()));
            }
        }
    }

    /** Every slot the intent defines, with the value {@code existing} holds for it or null. */
    static ObjectNode slotsNode(IntentDefinition intent, JsonNode existing) {
        ObjectNode slots = JsonNodeFactory.instance.objectNode();
        for (SlotDefinition slot : intent.slots()) {
            JsonNode value = existing.get(slot.name());
            slots.set(slot.name(), value == null ? null : value.deepCopy());
        }
        return slots;
    }

    /** A slot holds a value when it has an interpreted value, or readings of an ambiguous one. */
    static boolean isFilled(ObjectNode slots, String name) {
        JsonNode value = slots.path(name).path("value");
        JsonNode interpreted = value.path("interpretedValue");
        return interpreted.isTextual() && !interpreted.asText().isEmpty() || value.path("resolvedValues").size() > 0;
    }
}
