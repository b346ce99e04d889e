package dev.flexlex.process;

import dev.flexlex.lex.LexGateway;
import dev.flexlex.lex.LexRejectedException;
import dev.flexlex.lex.LexState;
import dev.flexlex.lex.LexTransientException;
import dev.flexlex.logging.LogIds;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.BotTurn;
import dev.flexlex.queue.QueuePublisher;
import dev.flexlex.registry.BotConfig;
import dev.flexlex.registry.BotRegistry;
import dev.flexlex.turn.TurnDecision;
import dev.flexlex.turn.TurnPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One bot turn, exactly once, with the marker kept in the Lex session itself:
 *
 * <ol>
 *   <li>GetSession. If the session's {@value TurnPolicy#LAST_TURN} is this message SID, Lex already did this turn
 *       (we crashed or failed after its answer): rebuild the reply from the session, do not call RecognizeText.</li>
 *   <li>Otherwise RecognizeText with the stored attributes merged with the marker and the bridge's counters.</li>
 *   <li>The turn policy makes the {@link BotReply}; it is published on the outbound queue (group = chat SID,
 *       dedup id = message SID). Only when {@link #process} returns may the caller acknowledge the turn.</li>
 * </ol>
 *
 * A turn with no text Lex can read (media only, empty, blank) gets the bot's configured answer without a Lex call,
 * and text longer than Lex accepts is cut first (see {@link TextForLex}).
 *
 * <p>Throttling, 5xx or network failures retry the whole sequence (re-reading the session first, so a RecognizeText
 * that did reach Lex is not repeated), then throw {@link LexTransientException}: the message goes back to SQS. A
 * request Lex can never accept (unknown bot or alias, access denied, invalid) gets the customer an apology and an
 * agent instead of silence.
 */
public final class BotTurnService {
    private static final Logger LOG = LoggerFactory.getLogger(BotTurnService.class);

    private final BotRegistry registry;
    private final LexGateway lex;
    private final QueuePublisher outbound;
    private final TurnPolicy policy;
    private final Backoff backoff;
    private final TextForLex text;

    public BotTurnService(BotRegistry registry, LexGateway lex, QueuePublisher outbound, TurnPolicy policy,
                          Backoff backoff, TextForLex text) {
        this.registry = registry;
        this.lex = lex;
        this.outbound = outbound;
        this.policy = policy;
        this.backoff = backoff;
        this.text = text;
    }

    public BotTurnService(BotRegistry registry, LexGateway lex, QueuePublisher outbound, TurnPolicy policy,
                          Backoff backoff) {
        this(registry, lex, outbound, policy, backoff, TextForLex.DEFAULTS);
    }

    /** Runs the turn and publishes its reply; throws when the turn must be retried later. */
    public BotReply process(BotTurn turn) {
        MDC.put(LogIds.CHAT_SID, turn.chatSid());
        MDC.put(LogIds.MESSAGE_SID, turn.messageSid());
        if (turn.botName() != null) {
            MDC.put(LogIds.BOT_NAME, turn.botName());
        }
        TurnDecision decision = decide(turn);
        BotReply reply = new BotReply(BotReply.SCHEMA_VERSION, turn.platform(), turn.chatSid(), turn.messageSid(),
                turn.webhookSid(), turn.botName(), turn.customerIdentity(), turn.customerName(), decision.messages(),
                decision.nextStep(), decision.lastIntent(), decision.slots(), decision.handoffReason());
        outbound.publish(turn.chatSid(), turn.messageSid(), reply);
        LOG.info("turn done: intent {}, next step {}, {} reply messages{}", decision.lastIntent(), decision.nextStep(),
                decision.messages().size(), decision.handoffReason() == null ? "" : ", handoff: " + decision.handoffReason());
        return reply;
    }

    private TurnDecision decide(BotTurn turn) {
        if (turn.botName() == null) {
            LOG.warn("no bot for this chat: handing it to an agent");
            return policy.apologize("no bot configured for this chat");
        }
        Optional<BotConfig> bot = registry.find(turn.botName());
        if (bot.isEmpty()) {
            LOG.error("bot {} is not in this function's BOT_REGISTRY: handing the chat to an agent", turn.botName());
            return policy.apologize("bot " + turn.botName() + " is not configured");
        }
        Optional<String> withoutLex = text.replyWithoutLex(turn);
        if (withoutLex.isPresent()) {
            LOG.info("message has no text Lex can read ({} chars, {} media): the bot answers without Lex",
                    turn.text().length(), turn.mediaCount());
            return policy.answerWithoutLex(withoutLex.get());
        }
        try {
            return withRetries(bot.get(), turn);
        } catch (LexRejectedException e) {
            LOG.error("Lex rejected the turn; the customer gets an apology and an agent", e);
            return policy.apologize("the bot is unavailable");
        }
    }

    private TurnDecision withRetries(BotConfig bot, BotTurn turn) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(bot, turn);
            } catch (LexTransientException e) {
                if (attempt >= backoff.maxAttempts()) {
                    LOG.warn("Lex still failing after {} attempts; the turn goes back to the queue: {}", attempt,
                            e.getMessage());
                    throw e;
                }
                Duration delay = backoff.delayAfter(attempt);
                LOG.info("Lex attempt {} failed ({}); retrying in {} ms", attempt, e.getMessage(), delay.toMillis());
                sleep(delay, e);
            }
        }
    }

    private TurnDecision once(BotConfig bot, BotTurn turn) {
        Optional<LexState> stored = lex.getSession(bot, turn.chatSid());
        if (policy.alreadyProcessed(stored, turn.messageSid())) {
            LOG.info("Lex already processed this turn: rebuilding the reply from the session");
            return policy.decide(bot, stored.get());
        }
        Map<String, String> attributes = policy.requestAttributes(stored, turn.messageSid());
        String forLex = TextForLex.cut(turn.text());
        if (forLex.length() != turn.text().length()) {
            LOG.warn("message of {} chars is longer than Lex accepts ({}): sending its first {} chars", turn.text().length(),
                    TextForLex.MAX_CHARS, forLex.length());
        }
        LexState after = lex.recognizeText(bot, turn.chatSid(), forLex, attributes);
        return policy.decide(bot, after);
    }

    private void sleep(Duration delay, LexTransientException cause) {
        try {
            backoff.sleeper().sleep(delay);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }
}
