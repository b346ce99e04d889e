package dev.flexlex.model;

import java.time.Instant;

/**
 * One customer message for the bot, on the inbound FIFO queue (group = chat SID, dedup id = message SID).
 *
 * @param webhookSid the chat webhook that delivered the message, when the payload names it (nullable)
 * @param customerName display name for the agent (nullable; never logged)
 * @param botName the bot registry name; {@code null} means no bot was found and the chat goes to an agent
 * @param text the customer's message text (never logged)
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
        Instant receivedAt) {

    public static final int SCHEMA_VERSION = 1;

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
    }
}
