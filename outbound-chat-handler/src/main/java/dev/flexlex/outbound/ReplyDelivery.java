package dev.flexlex.outbound;

import dev.flexlex.chat.BridgeAttributes;
import dev.flexlex.chat.ChatMessage;
import dev.flexlex.chat.ChatNotFoundException;
import dev.flexlex.chat.ChatPlatform;
import dev.flexlex.chat.ChatPlatformException;
import dev.flexlex.chat.TransientChatException;
import dev.flexlex.metrics.BridgeMetrics;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
import dev.flexlex.retry.Retry;
import dev.flexlex.retry.Sleeper;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one {@link BotReply} to its chat: posts each message as the bot, then hands off or closes. Safe to run
 * again for the same reply (a retry or an SQS redelivery) without doubling anything:
 * <ul>
 *   <li>each message is tagged with the turn's message SID and its part number; before posting again the chat's
 *       latest messages are read (back to the turn's own message, however many came after it) and parts already
 *       there are skipped;</li>
 *   <li>a bot webhook already gone is not an error;</li>
 *   <li>before a task or interaction is created, one already made for the chat is looked for.</li>
 * </ul>
 * Twilio 429/5xx and broken connections are retried here with bounded backoff, each retry starting with those
 * checks. A chat that no longer exists, or a conversation already closed (a close redelivered after it took effect),
 * is logged and dropped. A handoff that cannot complete (see {@link AgentHandoff}) gives the chat back to the bot and
 * tells the customer: the reply counts as handled. Each failed Twilio call seen here counts in the
 * {@code TwilioErrors} metric by HTTP status.
 */
public final class ReplyDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyDelivery.class);
    /** How far back to look for parts already posted; a reply has a handful of parts. */
    static final int LOOKBACK = 30;
    /**
     * How far back to look when the turn's own message is not among the {@link #LOOKBACK} latest: the chat moved on
     * while the reply waited to come back (the customer kept writing, an agent took over). One page at the largest
     * {@code PageSize} of Twilio's Conversations and Chat message lists (100); a reply comes back within minutes
     * (README: timing budget), far fewer messages than that.
     */
    static final int DEEP_LOOKBACK = 100;

    /** The result for the caller: done, or dropped because the chat is gone. */
    public enum Outcome { DELIVERED, CHAT_GONE, HANDOFF_FAILED }

    /** 3 attempts per delivery, pauses 0.2, 0.4 s (each retry reading the chat first). */
    public static final Retry RETRY = new Retry(3, Duration.ofMillis(200), 2, Duration.ofSeconds(2), Sleeper.THREAD);

    private final ChatPlatform platform;
    private final Retry retry;
    private final AgentHandoff agentHandoff;
    private final BridgeMetrics metrics;

    /** @param retry its sleeper also paces the handoff's confirmation polls */
    public ReplyDelivery(ChatPlatform platform, Retry retry, HandoffPolicy handoff, BridgeMetrics metrics) {
        this.platform = platform;
        this.retry = retry;
        this.agentHandoff = new AgentHandoff(platform, handoff, retry.sleeper());
        this.metrics = metrics;
    }

    public ReplyDelivery(ChatPlatform platform, Retry retry, HandoffPolicy handoff) {
        this(platform, retry, handoff, BridgeMetrics.discarding());
    }

    public ReplyDelivery(ChatPlatform platform, Retry retry) {
        this(platform, retry, HandoffPolicy.DEFAULT);
    }

    public ReplyDelivery(ChatPlatform platform) {
        this(platform, HandoffPolicy.DEFAULT);
    }

    public ReplyDelivery(ChatPlatform platform, HandoffPolicy handoff) {
        this(platform, handoff, BridgeMetrics.discarding());
    }

    /** The function's delivery: default retries, real pauses, the function's metrics. */
    public ReplyDelivery(ChatPlatform platform, HandoffPolicy handoff, BridgeMetrics metrics) {
        this(platform, RETRY, handoff, metrics);
    }

    /**
     * @param maybeRedelivered true when SQS may have delivered this reply before ({@code ApproximateReceiveCount}
     *                         above 1): what the chat already shows is checked first
     * @throws ChatPlatformException when Twilio refuses the request, or transient failures outlast the retries
     */
    public Outcome deliver(BotReply reply, boolean maybeRedelivered) {
        if (reply.platform() != platform.kind()) {
            throw new ChatPlatformException("reply for platform " + reply.platform().wireName()
                    + " but this deployment serves " + platform.kind().wireName());
        }
        try {
            return retry.run(TransientChatException.class,
                    attempt -> deliverOnce(reply, maybeRedelivered || attempt > 1) ? Outcome.DELIVERED : Outcome.HANDOFF_FAILED,
                    (attempt, e, delay) -> {
                        countTwilioError(reply, e);
                        LOG.info("attempt {} for reply to {} failed ({}); checking and retrying in {} ms", attempt,
                                reply.messageSid(), e.getMessage(), delay.toMillis());
                    },
                    (attempts, elapsed, e) -> {
                        countTwilioError(reply, e);
                        if (!(e instanceof TransientHandoffException)) {
                            LOG.warn("reply to {} still failing after {} attempts: {}", reply.messageSid(), attempts,
                                    e.getMessage());
                        }
                        throw e;
                    });
        } catch (HandoffFailedException e) {
            countTwilioError(reply, e);
            agentHandoff.giveUp(reply, e);
            return Outcome.HANDOFF_FAILED;
        } catch (TransientHandoffException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e; // a pause was interrupted: nothing is given up
            }
            agentHandoff.giveUp(reply, e); // the handoff outlasted the attempts
            return Outcome.HANDOFF_FAILED;
        } catch (ChatNotFoundException e) {
            countTwilioError(reply, e);
            LOG.warn("chat {} no longer exists or is closed; reply to {} dropped ({})", reply.chatSid(), reply.messageSid(),
                    e.getMessage());
            return Outcome.CHAT_GONE;
        } catch (TransientChatException e) {
            throw e; // counted when its attempt failed
        } catch (ChatPlatformException e) {
            countTwilioError(reply, e);
            throw e;
        }
    }

    /**
     * Counts a failed Twilio call behind {@code e} by the HTTP status Twilio answered ({@code none}: no answer), not
     * a failure of our own checks (a channel that failed, a reply for another platform).
     */
    private void countTwilioError(BotReply reply, ChatPlatformException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof com.twilio.exception.TwilioException) {
                metrics.of(reply.botName(), reply.platform()).twilioError(
                        cause instanceof com.twilio.exception.ApiException api ? api.getStatusCode() : null).emit();
                return;
            }
        }
    }

    /** @return {@code false} when this turn's handoff had already failed (the chat is back with the bot) */
    private boolean deliverOnce(BotReply reply, boolean checkFirst) {
        List<ChatMessage> recent = checkFirst ? recentMessages(reply) : null;
        postParts(reply, recent);
        if (reply.nextStep() == NextStep.AGENT) {
            return agentHandoff.run(reply, recent);
        } else if (reply.nextStep() == NextStep.CLOSE_CHAT) {
            platform.close(reply.chatSid(), reply.webhookSid());
            LOG.info("chat {} closed", reply.chatSid());
        }
        return true;
    }

    /** @param recent the chat's latest messages when they are to be checked first, else null */
    private void postParts(BotReply reply, List<ChatMessage> recent) {
        List<ReplyMessage> messages = reply.messages();
        Set<Integer> alreadyPosted = recent != null ? postedParts(reply, recent) : Set.of();
        int parts = messages.size();
        for (int i = 0; i < parts; i++) {
            int part = i + 1;
            if (alreadyPosted.contains(part)) {
                LOG.info("part {}/{} of reply to {} already posted; skipped", part, parts, reply.messageSid());
                continue;
            }
            ReplyMessage message = messages.get(i);
            String sid = platform.postMessage(reply.chatSid(), ReplyRendering.body(message, reply.channel()),
                    ReplyRendering.attributes(message, reply.messageSid(), part, parts));
            LOG.info("posted part {}/{} of reply to {} as {}", part, parts, reply.messageSid(), sid);
        }
    }

    /** The chat's latest messages, reaching back past {@link #LOOKBACK} when the turn's own message is not among them. */
    private List<ChatMessage> recentMessages(BotReply reply) {
        List<ChatMessage> recent = platform.recentMessages(reply.chatSid(), LOOKBACK);
        if (recent.size() >= LOOKBACK && recent.stream().noneMatch(m -> reply.messageSid().equals(m.sid()))) {
            // The parts of a turn come after the customer's message of that turn; it is further back than we read.
            LOG.info("the turn's message is not among the chat's {} latest; reading up to {}", LOOKBACK, DEEP_LOOKBACK);
            recent = platform.recentMessages(reply.chatSid(), DEEP_LOOKBACK);
        }
        return recent;
    }

    private Set<Integer> postedParts(BotReply reply, List<ChatMessage> recent) {
        Set<Integer> posted = new HashSet<>();
        for (ChatMessage message : recent) {
            OptionalInt part = BridgeAttributes.partOf(message.attributes(), reply.messageSid());
            part.ifPresent(posted::add);
        }
        return posted;
    }
}
