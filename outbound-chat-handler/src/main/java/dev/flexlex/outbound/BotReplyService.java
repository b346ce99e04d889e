package dev.flexlex.outbound;

import dev.flexlex.chat.ChatPlatformException;
import dev.flexlex.config.CallTimeouts;
import dev.flexlex.logging.LogIds;
import dev.flexlex.metrics.BridgeMetrics;
import dev.flexlex.metrics.Metric;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.model.NextStep;
import dev.flexlex.queue.FifoBatch;
import dev.flexlex.queue.QueueMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivers a FIFO batch of replies in order. On the first failure it stops: that message and every later one of the
 * batch are reported as failures, so SQS redelivers them in order (a later message of the same chat must not
 * overtake a failed one). A reply that cannot be read fails too, and reaches the dead-letter queue after
 * maxReceiveCount; nothing is dropped silently. A reply for a chat that no longer exists is dropped (logged).
 * A reply is checked against what the chat already shows when it may have been delivered before: SQS redelivered
 * it, or it is {@link BotReply#possibleRepeat() marked} by process-bot-turn. Each reply goes to the platform it names, so a deployment moving from Programmable Chat to Conversations serves
 * both.
 *
 * <p>Metrics of a reply posted: {@code ReplyLatency} (from the webhook's receipt of the customer's message, carried
 * in {@link BotReply#receivedAt()}, to the reply's last step done), {@code RepliesSplit} (more than one chat
 * message), {@code ChatsClosed}, {@code HandoffFailures}.
 */
public final class BotReplyService {
    /**
     * A reply is not started with less than this left of the invocation: one Twilio call at its connect and read
     * timeouts. A reply cut off by the function's timeout is safe (it comes back and is checked against the chat),
     * but the replies already delivered in the batch would come back too. The function's {@code Timeout} in
     * template.yaml is sized from it (the template tests check).
     */
    public static final long RESERVE_MILLIS = CallTimeouts.twilioCall().toMillis();
    private static final Logger LOG = LoggerFactory.getLogger(BotReplyService.class);

    private final Map<ChatPlatformKind, ReplyDelivery> deliveries;
    private final BridgeMetrics metrics;
    private final Clock clock;

    /** @param deliveries one per chat platform this deployment can reach */
    public BotReplyService(Map<ChatPlatformKind, ReplyDelivery> deliveries, BridgeMetrics metrics, Clock clock) {
        this.deliveries = Map.copyOf(deliveries);
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Without metrics (tests that do not look at them). */
    public BotReplyService(Map<ChatPlatformKind, ReplyDelivery> deliveries) {
        this(deliveries, BridgeMetrics.discarding(), Clock.systemUTC());
    }

    /**
     * A FIFO batch of replies, in order, by the shared {@link FifoBatch} rules (as for the turns); no reply is started
     * once less than {@link #RESERVE_MILLIS} of the invocation is left.
     *
     * @return the SQS message ids to report as batch item failures (the first failure and everything after it)
     */
    public List<String> handle(List<QueueMessage> batch, LongSupplier remainingMillis) {
        return FifoBatch.process(batch, this::deliver, remainingMillis, RESERVE_MILLIS);
    }

    /** Delivers one reply; throws when it was not delivered, so it and the rest of the batch come back. */
    private void deliver(QueueMessage message) {
        BotReply reply = Json.readBotReply(message.body());
        MDC.put(LogIds.CHAT_SID, reply.chatSid());
        MDC.put(LogIds.MESSAGE_SID, reply.messageSid());
        ReplyDelivery delivery = deliveries.get(reply.platform());
        if (delivery == null) {
            throw new ChatPlatformException("no " + reply.platform().wireName() + " platform configured"
                    + (reply.platform() == ChatPlatformKind.CHAT ? " (set " + OutboundConfig.TWILIO_CHAT_SERVICE_SID + ")" : ""));
        }
        // Check the chat first when SQS delivered this message before, or when process-bot-turn says the turn may
        // have been answered already: its reply can come back as a new message after the deduplication window.
        ReplyDelivery.Outcome outcome = delivery.deliver(reply, message.receiveCount() > 1 || reply.possibleRepeat());
        LOG.info("reply {} ({} part(s), next step {})", switch (outcome) {
            case DELIVERED -> "delivered";
            case CHAT_GONE -> "dropped: chat gone";
            case HANDOFF_FAILED -> "delivered, but the handoff could not complete: the chat is back with the bot";
        }, reply.messages().size(), reply.nextStep());
        count(reply, outcome);
    }

    private void count(BotReply reply, ReplyDelivery.Outcome outcome) {
        if (outcome == ReplyDelivery.Outcome.CHAT_GONE) {
            return;
        }
        BridgeMetrics.Line line = metrics.of(reply.botName(), reply.platform());
        if (reply.receivedAt() != null) {
            line.millis(Metric.REPLY_LATENCY, Duration.between(reply.receivedAt(), clock.instant()));
        }
        if (reply.messages().size() > 1) {
            line.count(Metric.REPLIES_SPLIT);
        }
        if (outcome == ReplyDelivery.Outcome.HANDOFF_FAILED) {
            line.count(Metric.HANDOFF_FAILURES);
        } else if (reply.nextStep() == NextStep.CLOSE_CHAT) {
            line.count(Metric.CHATS_CLOSED);
        }
        line.emit();
    }
}
