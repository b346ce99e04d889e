package dev.flexlex.locallex.definition;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One locale of a bot: its intents, its custom slot types by name, and the NLU confidence threshold. */
public record LocaleDefinition(String localeId, double nluConfidenceThreshold, List<IntentDefinition> intents,
                               Map<String, SlotTypeDefinition> slotTypes) {

    public LocaleDefinition {
        intents = List.copyOf(intents);
        slotTypes = Map.copyOf(slotTypes);
    }

    public Optional<IntentDefinition> intent(String name) {
        return intents.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
