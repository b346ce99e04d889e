package dev.flexlex.locallex.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.bot.TurnResult;
import dev.flexlex.locallex.definition.FailureStep;
import dev.flexlex.locallex.definition.IntentDefinition;
import dev.flexlex.locallex.definition.LocaleDefinition;
import dev.flexlex.locallex.definition.PromptDefinition;
import dev.flexlex.locallex.definition.SlotDefinition;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dialog of one locale, as Lex runs a text bot without code hooks: the session state says what the
 * text answers (an elicited slot, a confirmation prompt, or nothing yet, then the text is classified),
 * and the intent then moves on: elicit the next required slot in priority order, confirm, and close.
 * A {@code Delegate} dialog action set by the client lets the current intent go on with the slots it has.
 * Code hooks in a definition are not called: an intent with its slots filled (and confirmed, if it asks)
 * closes {@code Fulfilled} with its closing response, the fallback intent included; an answer that fits no
 * prompt but clearly names another intent switches to that intent. A slot or confirmation prompt answered
 * unusably more than its {@code maxRetries} times sends its failure response and then follows its
 * {@code failureNextStep}; without one the fallback intent is invoked, as AWS's AMAZON.FallbackIntent page says
 * (see {@link FailureStep}).
 *
 * <p>Holds no state between turns (all of it travels in the session state), so one instance serves
 * concurrent sessions.
 */
final class DialogEngine {

    private static final int MAX_INTERPRETATIONS = 5;

    private final SlotResolvers resolvers;
    private final IntentClassifier classifier;
    private final LocaleDefinition locale;
    private final SlotFiller filler;
    private final ConfirmationResolver confirmation = new ConfirmationResolver();

    DialogEngine(LocaleDefinition locale) {
        this.locale = locale;
        this.resolvers = new SlotResolvers(locale);
        this.classifier = new IntentClassifier(locale, resolvers);
        this.filler = new SlotFiller(resolvers);
    }

    TurnResult turn(ObjectNode incoming, String text, LocalDate today) {
        Turn turn = new Turn(incoming.deepCopy(), today);
        List<IntentScore> ranked = classifier.rank(text, today);
        JsonNode action = incoming.path("dialogAction");
        Optional<IntentDefinition> current = locale.intent(incoming.path("intent").path("name").asText(""));
        String actionType = action.path("type").asText("");
        if (current.isPresent() && actionType.equals("ElicitSlot")) {
            Optional<SlotDefinition> slot = current.get().slot(action.path("slotToElicit").asText(""));
            if (slot.isPresent()) {
                int retries = Turn.retriesOf(incoming, Turn.promptKey(current.get().name(), slot.get().name()));
                answerSlot(turn, current.get(), slot.get(), text, today, retries, ranked);
                return turn.result();
            }
        }
        if (current.isPresent() && actionType.equals("ConfirmIntent")) {
            int retries = Turn.retriesOf(incoming, Turn.promptKey(current.get().name(), null));
            answerConfirmation(turn, current.get(), text, retries, ranked);
            return turn.result();
        }
        if (current.isPresent() && actionType.equals("Delegate") && !switchesIntent(current.get(), ranked)) {
            ObjectNode slots = SlotFiller.slotsNode(current.get(), turn.intentNode().path("slots"));
            filler.fillRecognisable(current.get(), slots, text, today);
            advance(turn, current.get(), slots);
            interpret(turn, current.get(), 1.0, ranked);
            return turn.result();
        }
        start(turn, classifier.best(ranked), ranked);
        return turn.result();
    }

    private void start(Turn turn, IntentScore best, List<IntentScore> ranked) {
        begin(turn, best.intent(), best.slots(), best.score(), ranked);
    }

    /** Starts {@code intent}: its initial response, then on to its first empty slot, its confirmation or its close. */
    private void begin(Turn turn, IntentDefinition intent, Map<String, SlotValue> values, double score,
                       List<IntentScore> ranked) {
        ObjectNode slots = SlotFiller.slotsNode(intent, JsonNodeFactory.instance.objectNode());
        values.forEach((name, value) -> slots.set(name, value.toSlotJson()));
        turn.say(intent.initialResponse(), slots);
        advance(turn, intent, slots);
        interpret(turn, intent, score, ranked);
    }

    /**
     * A prompt whose retries are spent: its failure response, then its failure next step; by default the fallback
     * intent is invoked (it closes with its own responses), so the session's intent becomes the fallback intent.
     */
    private void giveUp(Turn turn, IntentDefinition intent, ObjectNode slots, PromptDefinition failureResponse,
                        FailureStep step, List<IntentScore> ranked) {
        turn.say(failureResponse, slots);
        switch (step.kind()) {
            case FALLBACK_INTENT -> begin(turn, classifier.fallback(), Map.of(), 1.0, ranked);
            case START_INTENT -> begin(turn, locale.intent(step.intentName()).orElse(classifier.fallback()), Map.of(),
                    1.0, ranked);
            case ELICIT_INTENT -> {
                turn.elicitIntent();
                interpret(turn, classifier.fallback(), intentNode(classifier.fallback(), Map.of()), 1.0, ranked);
            }
            case END_CONVERSATION -> {
                turn.close(intent, slots, "Failed", "None", PromptDefinition.NONE);
                interpret(turn, intent, 1.0, ranked);
            }
        }
    }

    private void answerSlot(Turn turn, IntentDefinition intent, SlotDefinition slot, String text, LocalDate today,
                            int retries, List<IntentScore> ranked) {
        ObjectNode slots = SlotFiller.slotsNode(intent, turn.intentNode().path("slots"));
        Optional<SlotMatch> value = resolvers.forType(slot.slotTypeName()).find(text, today);
        if (value.isPresent()) {
            slots.set(slot.name(), value.get().value().toSlotJson());
            filler.fillRecognisable(intent, slots, text, today);
            advance(turn, intent, slots);
        } else if (switchesIntent(intent, ranked)) {
            start(turn, ranked.get(0), ranked);
            return;
        } else if (retries >= slot.prompt().maxRetries()) {
            giveUp(turn, intent, slots, slot.failureResponse(), slot.failureNextStep(), ranked);
            return;
        } else {
            turn.elicit(intent, slots, slot, retries + 1);
        }
        interpret(turn, intent, 1.0, ranked);
    }

    private void answerConfirmation(Turn turn, IntentDefinition intent, String text, int retries, List<IntentScore> ranked) {
        ObjectNode slots = SlotFiller.slotsNode(intent, turn.intentNode().path("slots"));
        String answer = confirmation.find(text, null).map(m -> m.value().interpretedValue()).orElse("");
        if (answer.equals("Yes")) {
            turn.close(intent, slots, "Fulfilled", "Confirmed", intent.closingResponse());
        } else if (answer.equals("No")) {
            turn.close(intent, slots, "Failed", "Denied", intent.declinationResponse());
        } else if (switchesIntent(intent, ranked)) {
            start(turn, ranked.get(0), ranked);
            return;
        } else if (retries >= intent.confirmationPrompt().maxRetries()) {
            giveUp(turn, intent, slots, intent.confirmationFailureResponse(), intent.confirmationFailureStep(), ranked);
            return;
        } else {
            turn.confirm(intent, slots, retries + 1);
        }
        interpret(turn, intent, 1.0, ranked);
    }

    /**
     * Moves an intent on: empty slots take their default values, then the first empty required slot is
     * elicited, else the confirmation prompt is sent, else the intent closes.
     */
    private void advance(Turn turn, IntentDefinition intent, ObjectNode slots) {
        filler.fillDefaults(intent, slots, turn);
        for (SlotDefinition slot : intent.slots()) {
            if (slot.required() && !SlotFiller.isFilled(slots, slot.name())) {
                turn.elicit(intent, slots, slot, 0);
                return;
            }
        }
        if (!intent.confirmationPrompt().isEmpty()) {
            turn.confirm(intent, slots, 0);
        } else {
            turn.close(intent, slots, "Fulfilled", "None", intent.closingResponse());
        }
    }

    /** An answer that fits no prompt switches intent when it clearly asks for another intent. */
    private boolean switchesIntent(IntentDefinition current, List<IntentScore> ranked) {
        if (ranked.isEmpty()) {
            return false;
        }
        IntentScore top = ranked.get(0);
        return !top.intent().name().equals(current.name()) && classifier.best(ranked) == top;
    }

    /** Interpretations, best first: the chosen intent, the fallback intent (never scored), then the rest. */
    private void interpret(Turn turn, IntentDefinition chosen, double score, List<IntentScore> ranked) {
        interpret(turn, chosen, turn.intentNode().deepCopy(), score, ranked);
    }

    private void interpret(Turn turn, IntentDefinition chosen, ObjectNode chosenNode, double score,
                           List<IntentScore> ranked) {
        ObjectNode first = turn.interpretations.addObject();
        if (!chosen.isFallback()) {
            first.putObject("nluConfidence").put("score", score);
        }
        first.set("intent", chosenNode);
        first.put("interpretationSource", "Lex");
        if (!chosen.isFallback()) {
            ObjectNode fallback = turn.interpretations.addObject();
            fallback.set("intent", intentNode(classifier.fallback(), Map.of()));
            fallback.put("interpretationSource", "Lex");
        }
        for (IntentScore other : ranked) {
            if (turn.interpretations.size() >= MAX_INTERPRETATIONS) {
                break;
            }
            if (!other.intent().name().equals(chosen.name()) && other.score() > 0) {
                ObjectNode interpretation = turn.interpretations.addObject();
                interpretation.putObject("nluConfidence").put("score", other.score());
                interpretation.set("intent", intentNode(other.intent(), other.slots()));
                interpretation.put("interpretationSource", "Lex");
            }
        }
    }

    private static ObjectNode intentNode(IntentDefinition intent, Map<String, SlotValue> values) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", intent.name());
        ObjectNode slots = SlotFiller.slotsNode(intent, JsonNodeFactory.instance.objectNode());
        values.forEach((name, value) -> slots.set(name, value.toSlotJson()));
        node.set("slots", slots);
        return node;
    }
}
