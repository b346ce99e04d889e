package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What the pages show about a chat besides its messages.
 *
 * @param attributes the chat's attributes (pre-engagement data, the bridge's handoff mark)
 * @param closed the conversation is closed / the channel's attributes say {@code status: INACTIVE}
 * @param members identities of the participants (Conversations) or members (Chat)
 * @param customerAddress the {@code messaging_binding.address} of the conversation's SMS or WhatsApp participant
 *        (the customer's phone, the author of their messages), or null (webchat, Chat)
 */
record ChatSnapshot(JsonNode attributes, boolean closed, List<String> members, String customerAddress) {
    ChatSnapshot(JsonNode attributes, boolean closed, List<String> members) {
        this(attributes, closed, members, null);
    }
}
