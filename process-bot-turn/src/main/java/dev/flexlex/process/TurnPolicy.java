package dev.flexlex.process;

import dev.flexlex.metrics.HandoffReason;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
import dev.flexlex.process.lex.LexMessage;
import dev.flexlex.process.lex.LexState;
import dev.flexlex.registry.BotConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The original design's "OrderFlowers function", with its rules taken from the bot registry: turns what Lex said
 * into the reply the chat shows and the chat's next step.
 *
 * <ul>
 *   <li>{@code AGENT}: one of the bot's agent intents; session attribute {@code nextStep=AGENT}; an intent in state
 *       {@code Failed}; an intent abandoned for the {@code FallbackIntent} because its prompt's retries were used
 *       up; or {@code fallbackLimit} consecutive {@code FallbackIntent} turns.</li>
 *   <li>{@code CLOSE_CHAT}: a closing intent {@code Fulfilled} or {@code ReadyForFulfillment}; or session attribute
 *       {@code nextStep=CLOSE_CHAT}.</li>
 *   <li>otherwise {@code WAIT_FOR_MESSAGE}.</li>
 * </ul>
 *
 * <p>The bridge keeps its own state in the Lex session, next to the bot's attributes: {@value #LAST_TURN} (the
 * message SID of the last turn Lex processed, the exactly-once marker), {@value #EARLIER_TURNS} (the message SIDs of
 * the {@value #EARLIER_TURNS_KEPT} turns before it, oldest first: see {@link #superseded}) and {@value #FALLBACK_COUNT} (the number
 * of consecutive {@code FallbackIntent} turns <em>before</em> the turn that carried it) and {@value #PROMPTING}
 * (the intent that was waiting for the answer to a slot or confirmation prompt <em>before</em> the turn; absent
 * otherwise). Recording "before" lets both the first delivery (RecognizeText's answer) and a redelivery
 * (GetSession) reach the same decision.
 *
 * <p>An abandoned intent: Lex invokes {@code FallbackIntent} when an intent does not recognise the answer to its
 * slot or confirmation prompt after the configured number of tries (AWS's AMAZON.FallbackIntent page); while tries
 * are left it asks again. So a turn that starts with another intent waiting on its prompt ({@value #PROMPTING})
 * and ends in {@code FallbackIntent} is that intent given up, and the bot's failure response has usually just
 * promised the customer a person: it goes to an agent at once instead of counting as one unrecognised message.
 */
public final class TurnPolicy {
    public static final String LAST_TURN = "bridge.lastTurn";
    public static final String EARLIER_TURNS = "bridge.earlierTurns";
    /**
     * How many turns before the last one the session remembers: a FIFO batch holds at most 10 records (Lambda's
     * limit for FIFO event sources), so a batch lost to a crash can bring back at most 9 turns that a later turn of
     * the same chat has already followed into Lex.
     */
    public static final int EARLIER_TURNS_KEPT = 9;
    public static final String FALLBACK_COUNT = "bridge.fallbackCount";
    public static final String PROMPTING = "bridge.prompting";
    public static final String NEXT_STEP = "nextStep";
    public static final String FALLBACK_INTENT = "FallbackIntent";
    public static final String APOLOGY = "Sorry, I can't help with that right now. Let me connect you to an agent.";

    /**
     * The complete attribute map to send with this turn's RecognizeText: everything Lex holds now, plus the
     * marker and the fallback counter. Lex replaces its stored map with this one, so nothing may be left out.
     */
    public Map<String, String> requestAttributes(Optional<LexState> stored, String messageSid) {
        Map<String, String> attributes = new LinkedHashMap<>();
        stored.ifPresent(state -> attributes.putAll(state.sessionAttributes()));
        List<String> earlier = new ArrayList<>(earlierTurns(stored));
        String last = attributes.get(LAST_TURN);
        if (last != null && !last.equals(messageSid)) {
            earlier.add(last);
        }
        earlier = earlier.subList(Math.max(0, earlier.size() - EARLIER_TURNS_KEPT), earlier.size());
        attributes.remove(EARLIER_TURNS);
        if (!earlier.isEmpty()) {
            attributes.put(EARLIER_TURNS, String.join(" ", earlier));
        }
        attributes.put(LAST_TURN, messageSid);
        attributes.put(FALLBACK_COUNT, Integer.toString(stored.map(TurnPolicy::fallbacksThrough).orElse(0)));
        attributes.remove(PROMPTING);
        stored.flatMap(TurnPolicy::waitingIntent).ifPresent(intent -> attributes.put(PROMPTING, intent));
        return attributes;
    }

    /** Whether Lex already processed this message (its marker is the session's last turn). */
    public boolean alreadyProcessed(Optional<LexState> stored, String messageSid) {
        return stored.map(state -> messageSid.equals(state.attribute(LAST_TURN))).orElse(false);
    }

    /**
     * Whether a later message of the chat already went to Lex after this one: the message is among the session's
     * {@value #EARLIER_TURNS}. That happens when a function dies after handling several turns of one chat from the
     * same FIFO batch: SQS brings the whole batch back. The batch is worked in order and stops at the first failure,
     * so this turn's reply was published before the later turn reached Lex; Lex must not hear it again (it would
     * take the old text as an answer to its current prompt) and nothing is left to publish. (The one other way: the
     * turn reached Lex, was dead-lettered, later turns ran, and an operator redrove it: it is skipped too, unanswered
     * rather than answered out of order; the README's runbook says so.)
     */
    public boolean superseded(Optional<LexState> stored, String messageSid) {
        return earlierTurns(stored).contains(messageSid);
    }

    private static List<String> earlierTurns(Optional<LexState> stored) {
        String earlier = stored.map(state -> state.attribute(EARLIER_TURNS)).orElse(null);
        return earlier == null || earlier.isBlank() ? List.of() : List.of(earlier.trim().split(" +"));
    }

    /** The reply and next step for the state Lex holds after the turn. */
    public TurnDecision decide(BotConfig bot, LexState after) {
        List<ReplyMessage> messages = replyMessages(after.messages());
        String intent = after.intentName();
        String state = after.intentState();
        String requested = after.attribute(NEXT_STEP);
        String reason = null;
        HandoffReason cause = null;
        NextStep next = NextStep.WAIT_FOR_MESSAGE;
        if (bot.isAgentIntent(intent)) {
            reason = "agent intent " + intent;
            cause = HandoffReason.AGENT_INTENT;
        } else if (NextStep.AGENT.name().equals(requested)) {
            reason = "bot set nextStep=AGENT";
            cause = HandoffReason.BOT_REQUESTED;
        } else if ("Failed".equals(state)) {
            reason = "intent " + intent + " failed";
            cause = HandoffReason.INTENT_FAILED;
        } else if (abandoned(after).isPresent()) {
            reason = "intent " + abandoned(after).get() + " abandoned: its prompt's retries were used up";
            cause = HandoffReason.INTENT_ABANDONED;
        } else if (fallbacksThrough(after) >= bot.fallbackLimit()) {
            reason = fallbacksThrough(after) + " consecutive unrecognised messages";
            cause = HandoffReason.FALLBACK_LIMIT;
        } else if (bot.isClosingIntent(intent) && ("Fulfilled".equals(state) || "ReadyForFulfillment".equals(state))) {
            next = NextStep.CLOSE_CHAT;
        } else if (NextStep.CLOSE_CHAT.name().equals(requested)) {
            next = NextStep.CLOSE_CHAT;
        }
        if (reason != null) {
            next = NextStep.AGENT;
        }
        return new TurnDecision(messages, next, reason, intent, after.slots(), cause);
    }

    /** An apology and a handoff, for a turn Lex cannot answer (no bot, or the bot cannot be used). */
    public TurnDecision apologize(HandoffReason cause, String reason) {
        return new TurnDecision(List.of(ReplyMessage.plainText(APOLOGY)), NextStep.AGENT, reason, null, Map.of(), cause);
    }

    /** The intent (other than the fallback) waiting for the answer to its slot or confirmation prompt, if any. */
    static Optional<String> waitingIntent(LexState state) {
        String intent = state.intentName();
        boolean prompting = "ElicitSlot".equals(state.dialogActionType()) || "ConfirmIntent".equals(state.dialogActionType());
        return prompting && intent != null && !intent.isBlank() && !FALLBACK_INTENT.equals(intent)
                ? Optional.of(intent) : Optional.empty();
    }

    /** The intent this turn abandoned for the fallback intent (see the class comment), if any. */
    static Optional<String> abandoned(LexState after) {
        String waiting = after.attribute(PROMPTING);
        return FALLBACK_INTENT.equals(after.intentName()) && waiting != null && !waiting.isBlank()
                ? Optional.of(waiting) : Optional.empty();
    }

    /**
     * The bot's own answer to a message Lex was not asked about (no text it could read): the chat stays with the
     * bot, and the Lex session, with its fallback count, is untouched.
     */
    public TurnDecision answerWithoutLex(String answer) {
        return new TurnDecision(List.of(ReplyMessage.plainText(answer)), NextStep.WAIT_FOR_MESSAGE, null, null,
                Map.of(), null);
    }

    /** Consecutive FallbackIntent turns up to and including the turn {@code state} describes. */
    static int fallbacksThrough(LexState state) {
        if (!FALLBACK_INTENT.equals(state.intentName())) {
            return 0;
        }
        return parseCount(state.attribute(FALLBACK_COUNT)) + 1;
    }

    private static int parseCount(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static List<ReplyMessage> replyMessages(List<LexMessage> lexMessages) {
        List<ReplyMessage> reply = new ArrayList<>();
        for (LexMessage message : lexMessages) {
            switch (message.contentType() == null ? "" : message.contentType()) {
                case ReplyMessage.IMAGE_RESPONSE_CARD -> reply.add(ReplyMessage.card(cardText(message),
                        cardButtons(message)));
                case ReplyMessage.CUSTOM_PAYLOAD -> reply.add(new ReplyMessage(ReplyMessage.CUSTOM_PAYLOAD, null,
                        List.of(), message.content()));
                default -> {
                    // PlainText, and SSML (meant for speech; its text is still what the bot says).
                    if (message.content() != null && !message.content().isBlank()) {
                        reply.add(ReplyMessage.plainText(message.content()));
                    }
                }
            }
        }
        return reply;
    }

    /** Each button's text (what the customer sees) with its value (what goes back to Lex). */
    private static List<ReplyMessage.Button> cardButtons(LexMessage message) {
        List<ReplyMessage.Button> buttons = new ArrayList<>();
        List<String> values = message.buttonValues();
        for (int i = 0; i < values.size(); i++) {
            String text = message.buttonTexts().isEmpty() ? null : message.buttonTexts().get(i);
            buttons.add(new ReplyMessage.Button(text, values.get(i)));
        }
        return buttons;
    }

    private static String cardText(LexMessage message) {
        String title = message.cardTitle() == null ? "" : message.cardTitle();
        if (message.cardSubtitle() == null || message.cardSubtitle().isBlank()) {
            return title;
        }
        return title.isEmpty() ? message.cardSubtitle() : title + "\n" + message.cardSubtitle();
    }
}
