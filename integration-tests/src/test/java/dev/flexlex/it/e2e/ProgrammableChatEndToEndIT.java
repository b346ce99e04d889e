package dev.flexlex.it.e2e;

import dev.flexlex.model.ChatPlatformKind;

/** The suite end to end on legacy Programmable Chat (Flex Flow channels). */
class ProgrammableChatEndToEndIT extends EndToEndScenarios {
    ProgrammableChatEndToEndIT() {
        super(ChatPlatformKind.CHAT);
    }
}
