package dev.flexlex.localflex.conversations;

/** What playing an inbound SMS or WhatsApp message made: the conversation it went to, its phone participant, the message. */
public record InboundResult(String conversationSid, String participantSid, String messageSid) {
}
