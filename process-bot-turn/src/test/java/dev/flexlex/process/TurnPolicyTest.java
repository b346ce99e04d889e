package dev.flexlex.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.metrics.HandoffReason;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
import dev.flexlex.process.lex.LexMessage;
import dev.flexlex.process.lex.LexState;
import dev.flexlex.registry.BotConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TurnPolicyTest {
    private static final BotConfig BOT = new BotConfig("OrderFlowers", "B", "A", "en_US", Set.of("TalkToAgent"),
            Set.of("OrderFlowers"), 2);
    private final TurnPolicy policy = new TurnPolicy();

    private static LexState state(String intent, String intentState, Map<String, String> attributes) {
        return new LexState(List.of(LexMessage.plainText("hi")), intent, intentState, Map.of(), attributes, "Close");
    }

    private NextStep next(String intent, String intentState, Map<String, String> attributes) {
        return policy.decide(BOT, state(intent, intentState, attributes)).nextStep();
    }

    @Test
    void agentIntentHandsOff() {
        TurnDecision decision = policy.decide(BOT, state("TalkToAgent", "ReadyForFulfillment", Map.of()));
        assertEquals(NextStep.AGENT, decision.nextStep());
        assertEquals("agent intent TalkToAgent", decision.handoffReason());
        assertEquals(HandoffReason.AGENT_INTENT, decision.handoffCause());
        assertEquals("TalkToAgent", decision.lastIntent());
        assertEquals(List.of(ReplyMessage.plainText("hi")), decision.messages());
    }

    @Test
    void failedIntentHandsOff() {
        TurnDecision decision = policy.decide(BOT, state("OrderFlowers", "Failed", Map.of()));
        assertEquals(NextStep.AGENT, decision.nextStep());
        assertEquals("intent OrderFlowers failed", decision.handoffReason());
        assertEquals(HandoffReason.INTENT_FAILED, decision.handoffCause());
    }

    @Test
    void sessionAttributeNextStepIsObeyed() {
        assertEquals(NextStep.AGENT, next("OrderFlowers", "InProgress", Map.of("nextStep", "AGENT")));
        assertEquals(NextStep.CLOSE_CHAT, next("Other", "InProgress", Map.of("nextStep", "CLOSE_CHAT")));
        assertEquals(NextStep.WAIT_FOR_MESSAGE, next("Other", "InProgress", Map.of("nextStep", "something")));
    }

    @Test
    void closingIntentClosesOnlyWhenFulfilledOrReady() {
        assertEquals(NextStep.CLOSE_CHAT, next("OrderFlowers", "Fulfilled", Map.of()));
        assertEquals(NextStep.CLOSE_CHAT, next("OrderFlowers", "ReadyForFulfillment", Map.of()));
        assertEquals(NextStep.WAIT_FOR_MESSAGE, next("OrderFlowers", "InProgress", Map.of()));
        assertEquals(NextStep.WAIT_FOR_MESSAGE, next("CheckOrder", "Fulfilled", Map.of()));
        assertNull(policy.decide(BOT, state("OrderFlowers", "Fulfilled", Map.of())).handoffReason());
    }

    @Test
    void agentWinsOverClosing() {
        assertEquals(NextStep.AGENT, next("OrderFlowers", "Fulfilled", Map.of("nextStep", "AGENT")));
    }

    @Test
    void aFallbackRightAfterAnotherIntentsPromptIsThatIntentAbandonedAndGoesToAnAgentAtOnce() {
        // Before the turn, OrderFlowers was asking for a slot; Lex answered with the fallback intent: the slot's
        // retries were used up (its failure response promised a person). Not one ordinary unrecognised message.
        LexState asking = new LexState(List.of(), "OrderFlowers", "InProgress", Map.of("FlowerType", "roses"),
                Map.of(TurnPolicy.FALLBACK_COUNT, "0"), "ElicitSlot");
        Map<String, String> sent = policy.requestAttributes(Optional.of(asking), "IM9");
        assertEquals("OrderFlowers", sent.get(TurnPolicy.PROMPTING));

        TurnDecision decision = policy.decide(BOT, new LexState(List.of(LexMessage.plainText("Let me find someone")),
                "FallbackIntent", "Fulfilled", Map.of(), sent, "Close"));

        assertEquals(NextStep.AGENT, decision.nextStep());
        assertEquals("intent OrderFlowers abandoned: its prompt's retries were used up", decision.handoffReason());
        assertEquals(HandoffReason.INTENT_ABANDONED, decision.handoffCause());
        assertEquals("FallbackIntent", decision.lastIntent());
    }

    @Test
    void aConfirmationPromptCountsAsWaitingTooButAnOrdinaryFallbackDoesNot() {
        LexState confirming = new LexState(List.of(), "OrderFlowers", "InProgress", Map.of(), Map.of(), "ConfirmIntent");
        assertEquals("OrderFlowers", policy.requestAttributes(Optional.of(confirming), "IM1").get(TurnPolicy.PROMPTING));
        // Nothing was waiting (a closed intent, the fallback itself, no session): the fallback is an ordinary one.
        for (LexState before : List.of(state("OrderFlowers", "Fulfilled", Map.of()),
                new LexState(List.of(), "FallbackIntent", "InProgress", Map.of(), Map.of(), "ElicitSlot"),
                state("FallbackIntent", "Fulfilled", Map.of(TurnPolicy.PROMPTING, "OrderFlowers")))) {
            Map<String, String> sent = policy.requestAttributes(Optional.of(before), "IM2");
            assertFalse(sent.containsKey(TurnPolicy.PROMPTING), "a stale marker is dropped: " + sent);
            TurnDecision decision = policy.decide(BOT, state("FallbackIntent", "Fulfilled", sent));
            assertFalse(String.valueOf(decision.handoffReason()).contains("abandoned"), decision.handoffReason());
        }
        assertFalse(policy.requestAttributes(Optional.empty(), "IM3").containsKey(TurnPolicy.PROMPTING));
        // A prompt answered with another intent (the customer changed their mind) is no abandonment.
        assertEquals(NextStep.WAIT_FOR_MESSAGE, next("CheckOrder", "InProgress", Map.of(TurnPolicy.PROMPTING, "OrderFlowers")));
    }

    @Test
    void fallbackHandsOffAtTheRegistryLimit() {
        // bridge.fallbackCount = consecutive fallbacks before this turn.
        assertEquals(NextStep.WAIT_FOR_MESSAGE, next("FallbackIntent", "ReadyForFulfillment",
                Map.of(TurnPolicy.FALLBACK_COUNT, "0")));
        TurnDecision second = policy.decide(BOT, state("FallbackIntent", "ReadyForFulfillment",
                Map.of(TurnPolicy.FALLBACK_COUNT, "1")));
        assertEquals(NextStep.AGENT, second.nextStep());
        assertEquals("2 consecutive unrecognised messages", second.handoffReason());
        assertEquals(HandoffReason.FALLBACK_LIMIT, second.handoffCause());

        BotConfig patient = new BotConfig("P", "B", "A", "en_US", Set.of(), Set.of(), 3);
        assertEquals(NextStep.WAIT_FOR_MESSAGE, policy.decide(patient, state("FallbackIntent", "ReadyForFulfillment",
                Map.of(TurnPolicy.FALLBACK_COUNT, "1"))).nextStep());
        assertEquals(NextStep.AGENT, policy.decide(patient, state("FallbackIntent", "ReadyForFulfillment",
                Map.of(TurnPolicy.FALLBACK_COUNT, "2"))).nextStep());
        // A recognised intent is not a fallback, whatever the counter says.
        assertEquals(NextStep.WAIT_FOR_MESSAGE, next("OrderFlowers", "InProgress", Map.of(TurnPolicy.FALLBACK_COUNT, "5")));
        // A garbled counter counts as zero.
        assertEquals(NextStep.WAIT_FOR_MESSAGE, next("FallbackIntent", "ReadyForFulfillment",
                Map.of(TurnPolicy.FALLBACK_COUNT, "many")));
    }

    @Test
    void requestAttributesForANewSession() {
        assertEquals(Map.of(TurnPolicy.LAST_TURN, "IM1", TurnPolicy.FALLBACK_COUNT, "0"),
                policy.requestAttributes(Optional.empty(), "IM1"));
    }

    @Test
    void requestAttributesKeepEveryStoredAttributeAndReplaceOurs() {
        Map<String, String> stored = new LinkedHashMap<>();
        stored.put("customerTier", "gold");
        stored.put(TurnPolicy.LAST_TURN, "IM0");
        stored.put(TurnPolicy.FALLBACK_COUNT, "0");
        Map<String, String> sent = policy.requestAttributes(Optional.of(state("FallbackIntent", "ReadyForFulfillment",
                stored)), "IM1");
        assertEquals(Map.of("customerTier", "gold", TurnPolicy.LAST_TURN, "IM1", TurnPolicy.EARLIER_TURNS, "IM0",
                TurnPolicy.FALLBACK_COUNT, "1"), sent);

        Map<String, String> afterIntent = policy.requestAttributes(Optional.of(state("OrderFlowers", "InProgress",
                Map.of(TurnPolicy.FALLBACK_COUNT, "1"))), "IM2");
        assertEquals("0", afterIntent.get(TurnPolicy.FALLBACK_COUNT));
    }

    @Test
    void alreadyProcessedComparesTheMarker() {
        Optional<LexState> stored = Optional.of(state("OrderFlowers", "InProgress", Map.of(TurnPolicy.LAST_TURN, "IM1")));
        assertTrue(policy.alreadyProcessed(stored, "IM1"));
        assertFalse(policy.alreadyProcessed(stored, "IM2"));
        assertFalse(policy.alreadyProcessed(Optional.empty(), "IM1"));
    }

    @Test
    void theSessionRemembersTheNineTurnsBeforeTheLastOldestFirst() {
        Map<String, String> attributes = policy.requestAttributes(Optional.empty(), "IM1");
        for (int i = 2; i <= 12; i++) {
            attributes = policy.requestAttributes(Optional.of(state("OrderFlowers", "InProgress", attributes)), "IM" + i);
        }
        assertEquals("IM12", attributes.get(TurnPolicy.LAST_TURN));
        assertEquals("IM3 IM4 IM5 IM6 IM7 IM8 IM9 IM10 IM11", attributes.get(TurnPolicy.EARLIER_TURNS));
        // The same turn sent again (Lex never answered it) is not its own predecessor.
        Map<String, String> again = policy.requestAttributes(Optional.of(state("OrderFlowers", "InProgress", attributes)), "IM12");
        assertEquals(attributes.get(TurnPolicy.EARLIER_TURNS), again.get(TurnPolicy.EARLIER_TURNS));
    }

    @Test
    void aTurnIsSupersededOnlyWhenALaterTurnOfTheChatWentToLexAfterIt() {
        Optional<LexState> stored = Optional.of(state("OrderFlowers", "InProgress",
                Map.of(TurnPolicy.LAST_TURN, "IM5", TurnPolicy.EARLIER_TURNS, "IM3 IM4")));
        assertTrue(policy.superseded(stored, "IM4"));
        assertTrue(policy.superseded(stored, "IM3"));
        assertFalse(policy.superseded(stored, "IM5"), "the last turn is rebuilt, not skipped");
        assertFalse(policy.superseded(stored, "IM6"));
        assertFalse(policy.superseded(Optional.empty(), "IM4"));
        assertFalse(policy.superseded(Optional.of(state("OrderFlowers", "InProgress", Map.of(TurnPolicy.LAST_TURN, "IM5"))),
                "IM4"), "a session from before the bridge kept earlier turns");
    }

    @Test
    void everyLexMessageBecomesAReplyMessageInOrder() {
        List<LexMessage> lex = List.of(
                LexMessage.plainText("What flowers?"),
                new LexMessage("ImageResponseCard", null, "Flower types", "pick one", List.of("roses", "tulips")),
                new LexMessage("ImageResponseCard", null, "Just a title", null, List.of()),
                new LexMessage("CustomPayload", "{\"kind\":\"carousel\"}", null, null, List.of()),
                new LexMessage("SSML", "<speak>Thanks</speak>", null, null, List.of()),
                new LexMessage("PlainText", " ", null, null, List.of()));
        TurnDecision decision = policy.decide(BOT, new LexState(lex, "OrderFlowers", "InProgress",
                Map.of("FlowerType", "roses"), Map.of(), "ElicitSlot"));
        assertEquals(List.of(
                ReplyMessage.plainText("What flowers?"),
                new ReplyMessage("ImageResponseCard", "Flower types\npick one", List.of("roses", "tulips"), null),
                new ReplyMessage("ImageResponseCard", "Just a title", List.of(), null),
                new ReplyMessage("CustomPayload", null, List.of(), "{\"kind\":\"carousel\"}"),
                ReplyMessage.plainText("<speak>Thanks</speak>")), decision.messages());
        assertEquals(Map.of("FlowerType", "roses"), decision.slots());
    }

    @Test
    void aCardKeepsWhatEachButtonShowsAndWhatItSends() {
        LexMessage card = new LexMessage("ImageResponseCard", null, "Pick up when?", null,
                List.of("today", "tomorrow"), List.of("Today, please", "Tomorrow morning"));
        TurnDecision decision = policy.decide(BOT, new LexState(List.of(card), "OrderFlowers", "InProgress",
                Map.of(), Map.of(), "ElicitSlot"));
        ReplyMessage reply = decision.messages().get(0);
        assertEquals(List.of("today", "tomorrow"), reply.buttons());
        assertEquals(List.of(new ReplyMessage.Button("Today, please", "today"),
                new ReplyMessage.Button("Tomorrow morning", "tomorrow")), reply.choices());
    }

    @Test
    void anAnswerWithoutLexKeepsTheChatWithTheBot() {
        TurnDecision decision = policy.answerWithoutLex("I can only read text");
        assertEquals(NextStep.WAIT_FOR_MESSAGE, decision.nextStep());
        assertEquals(List.of(ReplyMessage.plainText("I can only read text")), decision.messages());
        assertEquals(null, decision.handoffReason());
    }

    @Test
    void apologyHandsOffWithAReason() {
        TurnDecision decision = policy.apologize(HandoffReason.NO_BOT, "no bot configured for this chat");
        assertEquals(NextStep.AGENT, decision.nextStep());
        assertEquals(List.of(ReplyMessage.plainText(TurnPolicy.APOLOGY)), decision.messages());
        assertEquals("no bot configured for this chat", decision.handoffReason());
        assertEquals(HandoffReason.NO_BOT, decision.handoffCause());
    }
}
