package dev.flexlex.locallex.definition;

import java.util.List;
import java.util.Optional;

/**
 * An intent: sample utterances, slots in elicitation (priority) order, and its optional messages: the
 * initial response when it is recognised, the confirmation prompt with its declination response and the
 * failure response and next step once the prompt's retries are spent, and the closing response.
 * {@code parentIntentSignature} is set for built-in intents such as {@code AMAZON.FallbackIntent}.
 */
public record IntentDefinition(String name, String parentIntentSignature, List<String> sampleUtterances,
                               List<SlotDefinition> slots, PromptDefinition initialResponse,
                               PromptDefinition confirmationPrompt, PromptDefinition declinationResponse,
                               PromptDefinition confirmationFailureResponse, FailureStep confirmationFailureStep,
                               PromptDefinition closingResponse) {

    public static final String FALLBACK_SIGNATURE = "AMAZON.FallbackIntent";

    public IntentDefinition {
        sampleUtterances = List.copyOf(sampleUtterances);
        slots = List.copyOf(slots);
    }

    public boolean isFallback() {
        return FALLBACK_SIGNATURE.equals(parentIntentSignature);
    }

    public Optional<SlotDefinition> slot(String slotName) {
        return slots.stream().filter(s -> s.name().equals(slotName)).findFirst();
    }
}
