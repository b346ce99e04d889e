package dev.flexlex.locallex.definition;

import java.util.List;

/**
 * A prompt or a response: the messages Lex sends (the first message of each message group; Lex picks one of
 * a group's message and variations, local-lex always the message, so traces are reproducible) and, for a
 * prompt, how many times it is repeated after an answer it could not use.
 */
public record PromptDefinition(List<MessageDefinition> messages, int maxRetries) {

    public static final PromptDefinition NONE = new PromptDefinition(List.of(), 0);

    public PromptDefinition {
        messages = List.copyOf(messages);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }
}
