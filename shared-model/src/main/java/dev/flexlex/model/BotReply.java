package dev.flexlex.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
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
 * @param possibleRepeat added within schema version 1, written only when true (absent = {@code false}): this turn may have been answered before
 *     (process-bot-turn found the turn's marker already in the Lex session and rebuilt the reply, or received the
 *     turn more than once). Such a reply can reach the outbound queue as a new message after SQS's 5-minute
 *     deduplication window, so outbound reads what the chat already shows before posting it. A consumer that
 *     predates the field ignores it (unknown properties are ignored within a schema version)
 * @param receivedAt added within schema version 1, written only when set: when the webhook received the customer's
 *     message ({@link BotTurn#receivedAt()}), copied by process-bot-turn, so that outbound can measure the reply's
 *     latency ({@code ReplyLatency}); absent (null) in replies made before the field existed
 * @param channel added within schema version 1, the turn's {@link BotTurn#channel() channel}: outbound renders the
 *     reply for it and hands off with it; absent reads as the platform's default ({@code web} / {@code chat}), which
 *     is not written
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
        String handoffReason,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean possibleRepeat,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant receivedAt,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = ChatChannel.DefaultFilter.class)
        ChatChannel channel) {

    public static final int SCHEMA_VERSION = 1;

    /** A reply of a turn answered for the first time ({@code possibleRepeat} false). */
    public BotReply(int schemaVersion, ChatPlatformKind platform, String chatSid, String messageSid, String webhookSid,
                    String botName, String customerIdentity, String customerName, List<ReplyMessage> messages,
                    NextStep nextStep, String lastIntent, Map<String, String> slots, String handoffReason) {
        this(schemaVersion, platform, chatSid, messageSid, webhookSid, botName, customerIdentity, customerName, messages,
                nextStep, lastIntent, slots, handoffReason, false, null);
    }

    /** A reply without the customer message's receipt time (as written before {@code receivedAt} existed). */
    public BotReply(int schemaVersion, ChatPlatformKind platform, String chatSid, String messageSid, String webhookSid,
                    String botName, String customerIdentity, String customerName, List<ReplyMessage> messages,
                    NextStep nextStep, String lastIntent, Map<String, String> slots, String handoffReason,
                    Boolean possibleRepeat) {
        this(schemaVersion, platform, chatSid, messageSid, webhookSid, botName, customerIdentity, customerName, messages,
                nextStep, lastIntent, slots, handoffReason, possibleRepeat, null, null);
    }

    /** A reply on the platform's default channel (as written before {@code channel} existed). */
    public BotReply(int schemaVersion, ChatPlatformKind platform, String chatSid, String messageSid, String webhookSid,
                    String botName, String customerIdentity, String customerName, List<ReplyMessage> messages,
                    NextStep nextStep, String lastIntent, Map<String, String> slots, String handoffReason,
                    Boolean possibleRepeat, Instant receivedAt) {
        this(schemaVersion, platform, chatSid, messageSid, webhookSid, botName, customerIdentity, customerName, messages,
                nextStep, lastIntent, slots, handoffReason, possibleRepeat, receivedAt, null);
    }

    /** The same reply, with the time the webhook received the customer's message. */
    public BotReply withReceivedAt(Instant received) {
        return new BotReply(schemaVersion, platform, chatSid, messageSid, webhookSid, botName, customerIdentity,
                customerName, messages, nextStep, lastIntent, slots, handoffReason, possibleRepeat, received, channel);
    }

    /** The same reply, marked as one that may have been answered before. */
    public BotReply asPossibleRepeat() {
        return new BotReply(schemaVersion, platform, chatSid, messageSid, webhookSid, botName, customerIdentity,
                customerName, messages, nextStep, lastIntent, slots, handoffReason, true, receivedAt, channel);
    }

    /** The same reply, for the turn's channel. */
    public BotReply onChannel(ChatChannel turnChannel) {
        return new BotReply(schemaVersion, platform, chatSid, messageSid, webhookSid, botName, customerIdentity,
                customerName, messages, nextStep, lastIntent, slots, handoffReason, possibleRepeat, receivedAt,
                turnChannel);
    }

    @JsonCreator
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
        // Boxed so that a record without the field reads (Jackson would refuse a missing primitive); never null here.
        possibleRepeat = Boolean.TRUE.equals(possibleRepeat);
        channel = Require.channelOf("BotReply", platform, channel);
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
