package dev.flexlex.outbound;

import dev.flexlex.chat.BridgeAttributes;
import dev.flexlex.chat.ChatMessage;
import dev.flexlex.chat.ChatNotFoundException;
import dev.flexlex.chat.ChatPlatform;
import dev.flexlex.chat.ChatPlatformException;
import dev.flexlex.chat.Handoff;
import dev.flexlex.chat.HandoffState;
import dev.flexlex.chat.TransientChatException;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.retry.Sleeper;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handoff step of a reply: take the bot out, hand the chat to an agent, confirm it, and when that cannot complete
 * give the chat back to the bot. Order and marks (each kept in the chat, so a redelivery sees them):
 * <ol>
 *   <li>a notice that this turn's handoff already failed ends the step (it was given back to the bot before);</li>
 *   <li>the bot webhook is saved on the chat and removed first, so the bot is silent before an agent can join
 *       (Flex routes the task at once and adds the agent to the conversation on accept);</li>
 *   <li>a task or interaction already made for the chat is reused, else one is created and recorded; when the
 *       previous attempt's create failed transiently it may have worked anyway, and an interaction's task appears
 *       only once the interaction is set up, so the retry looks for it for up to
 *       {@link HandoffPolicy#confirmWithin()} before creating another;</li>
 *   <li>an interaction is confirmed by polling its channel's status ({@code setup} → {@code active} or
 *       {@code failed}) for {@link HandoffPolicy#confirmWithin()}; still in setup counts as transient, so the
 *       delivery's retry polls the same interaction again.</li>
 * </ol>
 * A 4xx from Interactions or TaskRouter, or a failed channel, throws {@link HandoffFailedException}; a transient
 * failure throws {@link TransientHandoffException}. {@link #giveUp} then restores the bot webhook exactly as it
 * was, clears the handoff mark and tells the customer — in that order, so a crash between them never leaves a
 * notice without the bot.
 */
final class AgentHandoff {
    private static final Logger LOG = LoggerFactory.getLogger(AgentHandoff.class);

    private final ChatPlatform platform;
    private final HandoffPolicy policy;
    private final Sleeper sleeper;
    /** Turns (message SIDs) whose create call failed transiently in this delivery: it may have worked. */
    private final Set<String> createInDoubt = new HashSet<>();

    AgentHandoff(ChatPlatform platform, HandoffPolicy policy, Sleeper sleeper) {
        this.platform = platform;
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /**
     * @param recent the chat's latest messages when this may be a repeat (a retry or redelivery), else null
     * @return {@code false} when this turn's handoff had already failed and been given back to the bot
     */
    boolean run(BotReply reply, List<ChatMessage> recent) {
        String chat = reply.chatSid();
        if (recent != null && hasFailureNotice(recent, reply)) {
            LOG.info("handoff of chat {} for turn {} already failed and the bot was restored; not trying again", chat,
                    reply.messageSid());
            return false;
        }
        try {
            boolean removed = platform.removeBotWebhook(chat, reply.webhookSid());
            LOG.info("bot webhook of chat {} {}", chat, removed ? "removed" : "already gone");
            Optional<String> existing = platform.findHandoff(chat);
            if (existing.isEmpty() && createInDoubt.remove(reply.messageSid())
                    && platform.kind() == ChatPlatformKind.CONVERSATIONS) {
                existing = awaitDoubtfulCreate(chat);
            }
            String sid;
            if (existing.isPresent()) {
                sid = existing.get();
                LOG.info("chat {} already handed off as {}; not creating another", chat, sid);
            } else {
                Handoff handoff = new Handoff(reply.customerIdentity(), reply.customerName(), reply.botName(),
                        reply.lastIntent(), reply.slots(), reply.handoffReason(), reply.channel());
                try {
                    sid = platform.handOff(chat, handoff);
                } catch (TransientChatException e) {
                    createInDoubt.add(reply.messageSid());
                    throw e;
                }
                LOG.info("chat {} handoff created as {} (reason {})", chat, sid, reply.handoffReason());
            }
            confirm(chat, sid);
            LOG.info("chat {} handed to an agent as {}", chat, sid);
            return true;
        } catch (ChatNotFoundException | HandoffFailedException | TransientHandoffException e) {
            throw e;
        } catch (TransientChatException e) {
            throw new TransientHandoffException(e.getMessage(), e.status(), e);
        } catch (ChatPlatformException e) {
            throw new HandoffFailedException(e.getMessage(), e.status(), e);
        }
    }

    private Optional<String> awaitDoubtfulCreate(String chat) {
        for (int poll = 0; poll < policy.pollsAfterFirst(); poll++) {
            pause(policy.pollEvery());
            Optional<String> found = platform.findHandoff(chat);
            if (found.isPresent()) {
                LOG.info("the create that failed for chat {} had worked: {}", chat, found.get());
                return found;
            }
        }
        return Optional.empty();
    }

    /** Reads the state at once (a task is routed already), then, while setting up, every {@code pollEvery}. */
    private void confirm(String chat, String sid) {
        int polls = policy.pollsAfterFirst();
        for (int poll = 0; ; poll++) {
            HandoffState state = platform.handoffState(chat, sid);
            switch (state.status()) {
                case ACTIVE:
                    return;
                case FAILED:
                    throw new HandoffFailedException("handoff " + sid + " of chat " + chat + ": " + state.detail(), null, null);
                default:
                    if (poll >= polls) {
                        throw new TransientHandoffException("handoff " + sid + " of chat " + chat
                                + " still setting up after " + policy.confirmWithin().toMillis() + " ms", null, null);
                    }
                    pause(policy.pollEvery());
            }
        }
    }

    /**
     * Gives the chat back to the bot: restores its webhook (and clears the handoff mark), then tells the customer
     * unless this turn's notice is already there. Logged with the chat SID and the cause, never a message body.
     */
    void giveUp(BotReply reply, ChatPlatformException cause) {
        String chat = reply.chatSid();
        createInDoubt.remove(reply.messageSid());
        boolean restored = platform.restoreBot(chat);
        if (!hasFailureNotice(platform.recentMessages(chat, ReplyDelivery.LOOKBACK), reply)) {
            platform.postMessage(chat, policy.failureNotice(),
                    dev.flexlex.model.Json.write(BridgeAttributes.noticeTag(reply.messageSid(), BridgeAttributes.HANDOFF_FAILED)));
        }
        LOG.warn("handoff of chat {} for turn {} could not complete ({}); bot webhook {}, customer told", chat,
                reply.messageSid(), cause.getMessage(), restored ? "restored" : "already in place");
    }

    private static boolean hasFailureNotice(List<ChatMessage> recent, BotReply reply) {
        return recent.stream().anyMatch(m ->
                BridgeAttributes.isNotice(m.attributes(), reply.messageSid(), BridgeAttributes.HANDOFF_FAILED));
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientHandoffException("interrupted while confirming a handoff", null, e);
        }
    }
}
