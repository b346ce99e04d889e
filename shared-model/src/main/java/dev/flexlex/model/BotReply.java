package dev.flexlex.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bot's answer to one {@link BotTurn}, on the outbound FIFO queue (group = chat SID, dedup id = the turn's
 * message SID).
 *
 * @param lastIntent the intent Lex chose this turn (nullable)
 * @param slots that intent's slot values, interpreted (empty when none)
 * @param handoffReason why the chat goes to an agent (set only for {@link NextStep#AGENT})
 */
public record BotReply(
        int schemaVersion,
        ChatPlatformKind platform,
        String chatSid,
        String messageSid,
        String webhookSid,
        String botName,
        String customerIdentity,
        String customerName,
        List<ReplyMessage> messages,
        NextStep nextStep,
        String lastIntent,
        Map<String, String> slots,
        String handoffReason) {

    public static final int SCHEMA_VERSION = 1;

    public BotReply {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new UnsupportedSchemaVersionException("BotReply", schemaVersion, SCHEMA_VERSION);
        }
        Require.present("BotReply", "platform", platform);
        Require.text("BotReply", "chatSid", chatSid);
        Require.text("BotReply", "messageSid", messageSid);
        Require.text("BotReply", "customerIdentity", customerIdentity);
        Require.present("BotReply", "nextStep", nextStep);
        messages = messages == null ? List.of() : List.copyOf(messages);
        slots = orderedCopy(slots);
    }

    /** Keeps the slots in the order Lex gave them (agents read them), drops unfilled ones. */
    private static Map<String, String> orderedCopy(Map<String, String> slots) {
        if (slots == null || slots.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        slots.forEach((name, value) -> {
            if (name != null && value != null) {
                copy.put(name, value);
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
