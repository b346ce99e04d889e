package dev.flexlex.inbound;

import dev.flexlex.model.ChatPlatformKind;

/**
 * A {@link ChatFactsSource} answering from memory, as the cached REST fetch does for every message of a chat after
 * its first. In the handler's package only because {@code ChatFacts} is package-private there (bench/ is never
 * shipped; this class is not in the Lambda jar).
 */
public final class BenchChatFacts implements ChatFactsSource {
    private final ChatFacts facts;

    public BenchChatFacts(String botName, String customerName, String customerIdentity) {
        this.facts = new ChatFacts(botName, customerName, customerIdentity);
    }

    @Override
    public ChatFacts facts(ChatPlatformKind platform, String serviceSid, String chatSid) {
        return facts;
    }
}
