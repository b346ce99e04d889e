package dev.flexlex.locallex.definition;

/** A slot of an intent: its type, whether it must be filled, and the prompt that elicits it. */
public record SlotDefinition(String name, String slotTypeName, boolean required, PromptDefinition prompt) {
}
