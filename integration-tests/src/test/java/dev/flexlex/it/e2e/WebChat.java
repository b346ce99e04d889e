package dev.flexlex.it.e2e;

import java.util.List;

/** One customer's chat in the local Flex, seen as the webchat widget and as Flex's own views of it. */
interface WebChat {

    /** One message of the chat as the widget shows it. */
    record Line(String author, String body) {
    }

    String chatSid();

    String identity();

    /** The customer sends a message (Twilio then calls the bot webhook); returns the Twilio message SID. */
    String say(String text);

    /** The customer sends a picture and no text (a message with only a {@code MediaSid}); returns its SID. */
    String sendPicture(String mediaSid);

    /** Every message of the chat, in order. */
    List<Line> transcript();

    /** True while the chat still has the bot's webhook (removed on handoff). */
    boolean botWebhookAttached();

    /** True once the chat is closed (Conversations state {@code closed}; Chat channel status {@code INACTIVE}). */
    boolean closed();
}
