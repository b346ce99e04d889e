package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.localstack.StackInfo;

import java.util.List;

/** The Twilio calls a webchat and an agent desk make, on one of Flex's two chat platforms. */
interface WebchatPlatform {
    /** Starts a webchat as Flex WebChat does (with the pre-engagement data); returns the chat SID. */
    String startChat(String identity, String customerName, JsonNode preEngagementData);

    /** Posts a message as {@code author}, with {@code X-Twilio-Webhook-Enabled: true} so the chat's webhooks fire. */
    default void postMessage(String chatSid, String author, String body) {
        postMessage(chatSid, author, body, null);
    }

    /** The same with message attributes (JSON text; null for none). */
    void postMessage(String chatSid, String author, String body, String attributes);

    /** The messages with an index above {@code afterIndex}, oldest first. */
    List<ChatMessage> messagesAfter(String chatSid, int afterIndex);

    ChatSnapshot snapshot(String chatSid);

    /** The agent joins the chat (a participant / member); joining twice is harmless. */
    void join(String chatSid, String identity);

    /** Ends the chat as Flex does when the agent ends it (the task is completed separately). */
    void end(String chatSid, JsonNode taskAttributes);

    /** The task attribute that names the chat ({@code conversationSid} / {@code channelSid}). */
    String chatSidAttribute();

    static WebchatPlatform of(StackInfo info, TwilioRest twilio) {
        return switch (info.platform()) {
            case "conversations" -> new ConversationsWebchat(twilio, info.addressSid());
            case "chat" -> new ProgrammableChatWebchat(twilio, info.flexFlowSid(), info.chatServiceSid());
            default -> throw new IllegalArgumentException("platform must be conversations or chat, got '" + info.platform() + "'");
        };
    }
}
