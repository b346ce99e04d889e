package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What the pages show about a chat besides its messages.
 *
 * @param attributes the chat's attributes (pre-engagement data, the bridge's handoff mark)
 * @param closed the conversation is closed / the channel's attributes say {@code status: INACTIVE}
 * @param members identities of the participants (Conversations) or members (Chat)
 */
record ChatSnapshot(JsonNode attributes, boolean closed, List<String> members) {
}
