package dev.flexlex.locallex.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A slot value in the runtime's {@code Value} shape: what was said, what it means, and its resolutions.
 * {@code interpretedValue} is null when the value is ambiguous (then {@code resolvedValues} lists the readings).
 */
public record SlotValue(String originalValue, String interpretedValue, List<String> resolvedValues) {

    public SlotValue {
        resolvedValues = List.copyOf(resolvedValues);
    }

    /** A value that means exactly one thing. */
    public static SlotValue of(String original, String interpreted) {
        return new SlotValue(original, interpreted, List.of(interpreted));
    }

    /** The runtime's {@code Slot} shape: {@code {"value": {originalValue, interpretedValue, resolvedValues}}}. */
    public ObjectNode toSlotJson() {
        ObjectNode slot = JsonNodeFactory.instance.objectNode();
        ObjectNode value = slot.putObject("value");
        value.put("originalValue", originalValue);
        value.put("interpretedValue", interpretedValue);
        var resolved = value.putArray("resolvedValues");
        resolvedValues.forEach(resolved::add);
        return slot;
    }
}
