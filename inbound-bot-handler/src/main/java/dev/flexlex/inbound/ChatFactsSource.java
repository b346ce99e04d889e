package dev.flexlex.inbound;

import dev.flexlex.model.ChatPlatformKind;

/** Where the inbound handler reads a chat's facts when the webhook did not carry them (a REST fetch, cached). */
public interface ChatFactsSource {
    /**
     * @param serviceSid the chat service of a Programmable Chat channel ({@code null} for Conversations)
     * @throws dev.flexlex.chat.ChatNotFoundException when the chat no longer exists
     * @throws dev.flexlex.chat.ChatPlatformException when Twilio could not answer
     */
    ChatFacts facts(ChatPlatformKind platform, String serviceSid, String chatSid);
}
