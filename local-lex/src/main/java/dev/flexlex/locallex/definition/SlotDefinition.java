package dev.flexlex.locallex.definition;

import java.util.List;

/**
 * A slot of an intent: its type, whether it must be filled, the prompt that elicits it, the response
 * sent when the prompt's retries are spent ({@code slotCaptureSetting.failureResponse}) and what happens then
 * ({@code failureNextStep}), and its default values in order ({@code 'value'} a fixed value, {@code [attribute]} a
 * session attribute).
 */
public record SlotDefinition(String name, String slotTypeName, boolean required, PromptDefinition prompt,
                             PromptDefinition failureResponse, FailureStep failureNextStep, List<String> defaultValues) {

    public SlotDefinition {
        defaultValues = List.copyOf(defaultValues);
    }
}
