package dev.flexlex.queue;

import dev.flexlex.logging.LogIds;
import dev.flexlex.model.MalformedRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Processes a FIFO batch in order and says which messages must come back: at the first failure, that message and
 * every later one of the batch (a later message may belong to the same chat, and must not overtake it).
 *
 * <p>A malformed body fails the same way and reaches the dead-letter queue after maxReceiveCount; only its message
 * id and the reason are logged, never the body.
 */
public final class FifoBatch {
    private static final Logger LOG = LoggerFactory.getLogger(FifoBatch.class);

    private FifoBatch() {
    }

    /** Returns the message ids to report as batch item failures, in batch order (empty when all succeeded). */
    public static List<String> process(List<QueueMessage> messages, Consumer<QueueMessage> processor) {
        return process(messages, processor, () -> Long.MAX_VALUE, 0);
    }

    /**
     * As {@link #process(List, Consumer)}, but starts no message once less than {@code reserveMillis} of the
     * invocation is left: that message and the later ones are reported (they come back intact) instead of being cut
     * off by the function's timeout, which would return the whole batch, the finished messages too.
     */
    public static List<String> process(List<QueueMessage> messages, Consumer<QueueMessage> processor,
                                       LongSupplier remainingMillis, long reserveMillis) {
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            QueueMessage message = messages.get(i);
            if (!failed.isEmpty()) {
                failed.add(message.messageId());
                continue;
            }
            long remaining = remainingMillis.getAsLong();
            if (remaining < reserveMillis) {
                LOG.warn("{} ms left, less than the {} ms a message may need: {} messages left for the next delivery",
                        remaining, reserveMillis, messages.size() - i);
                failed.add(message.messageId());
                continue;
            }
            MDC.put(LogIds.SQS_MESSAGE_ID, message.messageId());
            try {
                processor.accept(message);
            } catch (MalformedRecordException e) {
                LOG.error("malformed message left for the dead-letter queue (receive {}): {}", message.receiveCount(),
                        e.getMessage());
                failed.add(message.messageId());
            } catch (RuntimeException e) {
                LOG.error("message failed (receive {}); it and the rest of the batch go back to the queue",
                        message.receiveCount(), e);
                failed.add(message.messageId());
            } finally {
                MDC.remove(LogIds.SQS_MESSAGE_ID);
                MDC.remove(LogIds.CHAT_SID);
                MDC.remove(LogIds.MESSAGE_SID);
                MDC.remove(LogIds.BOT_NAME);
            }
        }
        if (!failed.isEmpty()) {
            LOG.warn("{} of {} messages reported as batch item failures", failed.size(), messages.size());
        }
        return failed;
    }
}
