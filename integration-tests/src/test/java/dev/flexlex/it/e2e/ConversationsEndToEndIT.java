package dev.flexlex.it.e2e;

import dev.flexlex.model.ChatPlatformKind;

/** The suite end to end on Flex Conversations (today's Flex). */
class ConversationsEndToEndIT extends EndToEndScenarios {
    ConversationsEndToEndIT() {
        super(ChatPlatformKind.CONVERSATIONS);
    }
}
