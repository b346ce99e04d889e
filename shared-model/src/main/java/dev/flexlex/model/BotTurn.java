package dev.flexlex.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One customer message for the bot, on the inbound FIFO queue (group = chat SID, dedup id = message SID).
 *
 * @param webhookSid the chat webhook that delivered the message, when the payload names it (nullable)
 * @param customerName display name for the agent (nullable; never logged)
 * @param botName the bot registry name; {@code null} means no bot was found and the chat goes to an agent
 * @param text the customer's message text, as Twilio gave it: may be empty (a media-only message) or longer than
 *             Lex accepts; process-bot-turn decides what reaches Lex (never logged)
 * @param mediaCount the number of media attached to the message, never null after construction; optional within
 *                   schema version 1 (absent reads as 0, and 0 is not written, so a producer or consumer of the first
 *                   v1 shape reads it unchanged)
 * @param channel the channel the customer writes on, never null after construction; optional within schema version 1
 *                (absent reads as {@link ChatChannel#defaultFor the platform's default}: {@code web} on Conversations,
 *                {@code chat} on legacy chat, what every turn queued before the field was; that default is not written,
 *                so a webchat turn keeps the first v1 shape)
 */
public record BotTurn(
        int schemaVersion,
        ChatPlatformKind platform,
        String chatSid,
        String messageSid,
        String webhookSid,
        String customerIdentity,
        String customerName,
        String botName,
        String text,
        Instant receivedAt,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Integer mediaCount,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = ChatChannel.DefaultFilter.class)
        ChatChannel channel) {

    public static final int SCHEMA_VERSION = 1;

    @JsonCreator
    public BotTurn {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new UnsupportedSchemaVersionException("BotTurn", schemaVersion, SCHEMA_VERSION);
        }
        Require.present("BotTurn", "platform", platform);
        Require.text("BotTurn", "chatSid", chatSid);
        Require.text("BotTurn", "messageSid", messageSid);
        Require.text("BotTurn", "customerIdentity", customerIdentity);
        Require.present("BotTurn", "text", text);
        Require.present("BotTurn", "receivedAt", receivedAt);
        mediaCount = mediaCount == null ? 0 : mediaCount;
        if (mediaCount < 0) {
            throw new IllegalArgumentException("BotTurn field 'mediaCount' must not be negative");
        }
        channel = Require.channelOf("BotTurn", platform, channel);
    }

    /** A webchat (or legacy chat) turn: the channel is the platform's default. */
    public BotTurn(int schemaVersion, ChatPlatformKind platform, String chatSid, String messageSid, String webhookSid,
                   String customerIdentity, String customerName, String botName, String text, Instant receivedAt,
                   Integer mediaCount) {
        this(schemaVersion, platform, chatSid, messageSid, webhookSid, customerIdentity, customerName, botName, text,
                receivedAt, mediaCount, null);
    }

    /** A text message with no media. */
    public BotTurn(int schemaVersion, ChatPlatformKind platform, String chatSid, String messageSid, String webhookSid,
                   String customerIdentity, String customerName, String botName, String text, Instant receivedAt) {
        this(schemaVersion, platform, chatSid, messageSid, webhookSid, customerIdentity, customerName, botName, text,
                receivedAt, 0, null);
    }
}
