package dev.flexlex.process;

import dev.flexlex.config.CallTimeouts;
import dev.flexlex.logging.LogIds;
import dev.flexlex.metrics.BridgeMetrics;
import dev.flexlex.metrics.HandoffReason;
import dev.flexlex.metrics.Metric;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.Json;
import dev.flexlex.process.lex.LexGateway;
import dev.flexlex.process.lex.LexRejectedException;
import dev.flexlex.process.lex.LexState;
import dev.flexlex.process.lex.LexTransientException;
import dev.flexlex.queue.FifoBatch;
import dev.flexlex.queue.QueueMessage;
import dev.flexlex.queue.QueuePublisher;
import dev.flexlex.registry.BotConfig;
import dev.flexlex.registry.BotRegistry;
import dev.flexlex.retry.Retry;
import dev.flexlex.retry.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One bot turn, exactly once, with the marker kept in the Lex session itself:
 *
 * <ol>
 *   <li>GetSession. If the session's {@value TurnPolicy#LAST_TURN} is this message SID, Lex already did this turn
 *       (we crashed or failed after its answer): rebuild the reply from the session, do not call RecognizeText.
 *       If this message SID is among the session's {@value TurnPolicy#EARLIER_TURNS}, a later message of the chat
 *       already went to Lex (a crash brought back a whole batch): its reply was published before that, so nothing
 *       is sent to Lex or published ({@link TurnPolicy#superseded}).</li>
 *   <li>Otherwise RecognizeText with the stored attributes merged with the marker and the bridge's counters.</li>
 *   <li>The turn policy makes the {@link BotReply}; it is published on the outbound queue (group = chat SID,
 *       dedup id = message SID). Only when {@link #process} returns may the caller acknowledge the turn.</li>
 * </ol>
 *
 * A turn with no text Lex can read (media only, empty, blank) gets the bot's configured answer without a Lex call,
 * and text longer than Lex accepts is cut first (see {@link TextForLex}). On SMS and WhatsApp a bare number answering the
 * last card's numbered choices goes to Lex as that button's value (see {@link NumberedChoices}).
 *
 * <p>Throttling, 5xx, network failures or a call timeout retry the whole sequence (re-reading the session first, so a
 * RecognizeText that did reach Lex is not repeated) within {@link #LEX_RETRY}'s attempts and time budget, then throw
 * {@link LexTransientException}: the message goes back to SQS. A reply rebuilt from the session, or made for a turn
 * SQS delivered more than once, is marked {@link BotReply#possibleRepeat()}: outbound then checks the chat first. A
 * request Lex can never accept (unknown bot or alias, access denied, invalid) gets the customer an apology and an
 * agent instead of silence.
 *
 * <p>Metrics (after the fact, see {@link BridgeMetrics}): {@code Turns} with {@code UnrecognisedMessages} and
 * {@code Handoffs} once the reply is published; {@code LexThrottles} or {@code LexErrors} per failed Lex attempt;
 * {@code TurnsReturnedToQueue} when the turn fails and goes back to SQS.
 */
public final class BotTurnService {
    /** The longest one Lex attempt can take: GetSession and RecognizeText, each at the Lex client's call timeout. */
    public static final Duration LEX_ATTEMPT_CEILING = CallTimeouts.LEX_CALL.multipliedBy(2);
    /**
     * The Lex part of a turn, at most: one attempt at its ceiling (4 s) plus 1 s for the fast failures and pauses
     * before it. The process function's time per turn is this plus the reply's SendMessage.
     */
    public static final Duration LEX_BUDGET = LEX_ATTEMPT_CEILING.plusSeconds(1);
    /**
     * A turn's Lex retries: at most 4 attempts, pauses 0.2, 0.4, 0.8 s; an attempt starts only if it can end within
     * {@link #LEX_BUDGET} even if both its Lex calls run to their timeout (after three fast failures, the fourth does
     * not fit: the turn goes back to the queue). Throttling and 5xx answer fast, so they get all the attempts; calls
     * that hang get one.
     */
    public static final Retry LEX_RETRY = new Retry(4, Duration.ofMillis(200), 2, Duration.ofSeconds(2), Sleeper.THREAD,
            new Retry.Budget(LEX_BUDGET, LEX_ATTEMPT_CEILING, System::nanoTime));
    /**
     * A turn is not started with less than this left of the invocation: the longest one turn can take (its Lex calls
     * and pauses within {@link #LEX_BUDGET}, then the reply's SendMessage within its call timeout). The
     * rest of the batch is reported and comes back, rather than the timeout returning finished turns as well. The
     * function's {@code Timeout} in template.yaml is sized from it (the template tests check).
     */
    public static final long RESERVE_MILLIS = LEX_BUDGET.plus(CallTimeouts.SQS_CALL).toMillis();
    private static final Logger LOG = LoggerFactory.getLogger(BotTurnService.class);

    private final BotRegistry registry;
    private final LexGateway lex;
    private final QueuePublisher outbound;
    private final TurnPolicy policy;
    private final Retry retry;
    private final TextForLex text;
    private final BridgeMetrics metrics;

    public BotTurnService(BotRegistry registry, LexGateway lex, QueuePublisher outbound, TurnPolicy policy,
                          Retry retry, TextForLex text, BridgeMetrics metrics) {
        this.registry = registry;
        this.lex = lex;
        this.outbound = outbound;
        this.policy = policy;
        this.retry = retry;
        this.text = text;
        this.metrics = metrics;
    }

    public BotTurnService(BotRegistry registry, LexGateway lex, QueuePublisher outbound, TurnPolicy policy,
                          Retry retry, TextForLex text) {
        this(registry, lex, outbound, policy, retry, text, BridgeMetrics.discarding());
    }

    public BotTurnService(BotRegistry registry, LexGateway lex, QueuePublisher outbound, TurnPolicy policy,
                          Retry retry) {
        this(registry, lex, outbound, policy, retry, TextForLex.DEFAULTS);
    }

    /**
     * A FIFO batch of turns, in order, by the shared {@link FifoBatch} rules; no turn is started once less than
     * {@link #RESERVE_MILLIS} of the invocation is left.
     *
     * @return the SQS message ids to report as batch item failures (the first failure and everything after it)
     */
    public List<String> handle(List<QueueMessage> batch, LongSupplier remainingMillis) {
        return FifoBatch.process(batch, message -> process(Json.readBotTurn(message.body()), message.receiveCount() > 1),
                remainingMillis, RESERVE_MILLIS);
    }

    /** Runs a turn received for the first time and publishes its reply; throws when it must be retried later. */
    public Optional<BotReply> process(BotTurn turn) {
        return process(turn, false);
    }

    /**
     * Runs the turn and publishes its reply; throws when the turn must be retried later.
     *
     * @param redelivered SQS delivered the turn before ({@code ApproximateReceiveCount} above 1): an earlier attempt
     *                    may have published a reply already
     * @return the reply published, or empty when a later turn of the chat had already reached Lex (see
     *         {@link TurnPolicy#superseded}): the reply was published then, nothing is left to do
     */
    public Optional<BotReply> process(BotTurn turn, boolean redelivered) {
        MDC.put(LogIds.CHAT_SID, turn.chatSid());
        MDC.put(LogIds.MESSAGE_SID, turn.messageSid());
        if (turn.botName() != null) {
            MDC.put(LogIds.BOT_NAME, turn.botName());
        }
        try {
            return answer(turn, redelivered);
        } catch (RuntimeException e) {
            metrics.count(Metric.TURNS_RETURNED_TO_QUEUE, turn.botName(), turn.platform());
            throw e;
        }
    }

    private Optional<BotReply> answer(BotTurn turn, boolean redelivered) {
        Decided decided = decide(turn);
        if (decided.superseded()) {
            return Optional.empty();
        }
        TurnDecision decision = decided.decision();
        BotReply reply = new BotReply(BotReply.SCHEMA_VERSION, turn.platform(), turn.chatSid(), turn.messageSid(),
                turn.webhookSid(), turn.botName(), turn.customerIdentity(), turn.customerName(), decision.messages(),
                decision.nextStep(), decision.lastIntent(), decision.slots(), decision.handoffReason())
                .withReceivedAt(turn.receivedAt()).onChannel(turn.channel());
        if (decided.rebuilt() || redelivered) {
            // Past SQS's 5-minute deduplication window this is a new message on the outbound queue: outbound must
            // look at the chat before posting, since an earlier attempt may have published (and delivered) it.
            reply = reply.asPossibleRepeat();
        }
        outbound.publish(turn.chatSid(), turn.messageSid(), reply);
        countTurn(turn, decision);
        LOG.info("turn done: intent {}, next step {}, {} reply messages{}", decision.lastIntent(), decision.nextStep(),
                decision.messages().size(), decision.handoffReason() == null ? "" : ", handoff: " + decision.handoffReason());
        return Optional.of(reply);
    }

    private void countTurn(BotTurn turn, TurnDecision decision) {
        BridgeMetrics.Line line = metrics.of(turn.botName(), turn.platform()).count(Metric.TURNS);
        if (TurnPolicy.FALLBACK_INTENT.equals(decision.lastIntent())) {
            line.count(Metric.UNRECOGNISED_MESSAGES);
        }
        if (decision.handoffCause() != null) {
            line.handoff(decision.handoffCause());
        }
        line.emit();
    }

    /**
     * A turn's decision, and whether it was rebuilt from a Lex session that had done the turn already; no decision
     * for a superseded turn.
     */
    private record Decided(TurnDecision decision, boolean rebuilt) {
        static Decided fresh(TurnDecision decision) {
            return new Decided(decision, false);
        }

        static Decided supersededTurn() {
            return new Decided(null, false);
        }

        boolean superseded() {
            return decision == null;
        }
    }

    private Decided decide(BotTurn turn) {
        if (turn.botName() == null) {
            LOG.warn("no bot for this chat: handing it to an agent");
            return Decided.fresh(policy.apologize(HandoffReason.NO_BOT, "no bot configured for this chat"));
        }
        Optional<BotConfig> bot = registry.find(turn.botName());
        if (bot.isEmpty()) {
            LOG.error("bot {} is not in this function's BOT_REGISTRY: handing the chat to an agent", turn.botName());
            return Decided.fresh(policy.apologize(HandoffReason.NO_BOT, "bot " + turn.botName() + " is not configured"));
        }
        Optional<String> withoutLex = text.replyWithoutLex(turn);
        if (withoutLex.isPresent()) {
            LOG.info("message has no text Lex can read ({} chars, {} media): the bot answers without Lex",
                    turn.text().length(), turn.mediaCount());
            return Decided.fresh(policy.answerWithoutLex(withoutLex.get()));
        }
        try {
            return withRetries(bot.get(), turn);
        } catch (LexRejectedException e) {
            metrics.count(Metric.LEX_ERRORS, turn.botName(), turn.platform());
            LOG.error("Lex rejected the turn; the customer gets an apology and an agent", e);
            return Decided.fresh(policy.apologize(HandoffReason.BOT_UNAVAILABLE, "the bot is unavailable"));
        }
    }

    private Decided withRetries(BotConfig bot, BotTurn turn) {
        return retry.run(LexTransientException.class, attempt -> once(bot, turn),
                (attempt, e, delay) -> {
                    countLexFailure(turn, e);
                    LOG.info("Lex attempt {} failed ({}); retrying in {} ms", attempt, e.getMessage(), delay.toMillis());
                },
                (attempts, elapsed, e) -> {
                    countLexFailure(turn, e);
                    LOG.warn("Lex still failing after {} attempts in {} ms; the turn goes back to the queue: {}",
                            attempts, elapsed.toMillis(), e.getMessage());
                    throw e;
                });
    }

    private void countLexFailure(BotTurn turn, LexTransientException e) {
        metrics.count(e.throttled() ? Metric.LEX_THROTTLES : Metric.LEX_ERRORS, turn.botName(), turn.platform());
    }

    private Decided once(BotConfig bot, BotTurn turn) {
        Optional<LexState> stored = lex.getSession(bot, turn.chatSid());
        if (policy.alreadyProcessed(stored, turn.messageSid())) {
            LOG.info("Lex already processed this turn: rebuilding the reply from the session");
            return new Decided(policy.decide(bot, stored.get()), true);
        }
        if (policy.superseded(stored, turn.messageSid())) {
            LOG.info("a later message of this chat already went to Lex after this one: not sent to Lex again, "
                    + "nothing published");
            return Decided.supersededTurn();
        }
        Map<String, String> attributes = policy.requestAttributes(stored, turn.messageSid());
        Optional<NumberedChoices.Choice> choice = NumberedChoices.choice(turn.channel(), turn.text(), stored);
        choice.ifPresent(c -> LOG.info("the customer answered with choice {} of the last card's {}: its value goes to Lex",
                c.number(), c.of()));
        String forLex = TextForLex.cut(choice.map(NumberedChoices.Choice::value).orElse(turn.text()));
        if (choice.isEmpty() && forLex.length() != turn.text().length()) {
            LOG.warn("message of {} chars is longer than Lex accepts ({}): sending its first {} chars", turn.text().length(),
                    TextForLex.MAX_CHARS, forLex.length());
        }
        LexState after = lex.recognizeText(bot, turn.chatSid(), forLex, attributes);
        return Decided.fresh(policy.decide(bot, after));
    }
}
