package dev.flexlex.locallex.definition;

/**
 * A slot of an intent: its type, whether it must be filled, the prompt that elicits it, and the response
 * sent when the prompt's retries are spent ({@code slotCaptureSetting.failureResponse}).
 */
public record SlotDefinition(String name, String slotTypeName, boolean required, PromptDefinition prompt,
                             PromptDefinition failureResponse) {
}
