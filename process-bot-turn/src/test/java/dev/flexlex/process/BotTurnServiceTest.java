package dev.flexlex.process;

import static dev.flexlex.process.Fixtures.REGISTRY;
import static dev.flexlex.process.Fixtures.turn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.model.BotReply;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.ChatChannel;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
import dev.flexlex.process.lex.LexMessage;
import dev.flexlex.process.lex.LexRejectedException;
import dev.flexlex.process.lex.LexState;
import dev.flexlex.process.lex.LexTransientException;
import dev.flexlex.queue.QueuePublishException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BotTurnServiceTest {
    private final FakeLexGateway lex = new FakeLexGateway();
    private final RecordingPublisher outbound = new RecordingPublisher();
    private final List<Duration> slept = Fixtures.sleeps();
    private final BotTurnService service = new BotTurnService(REGISTRY, lex, outbound, new TurnPolicy(),
            Fixtures.recordingRetry(slept));

    @Test
    void newConversationSendsTheMarkerAndPublishesTheReply() {
        lex.answer("I want flowers", "OrderFlowers", "InProgress", "What type of flowers would you like to order?");

        BotReply reply = service.process(turn("CH1", "IM1", "I want flowers")).orElseThrow();

        assertEquals(List.of("GetSession CH1", "RecognizeText CH1"), lex.calls);
        assertEquals(List.of(new FakeLexGateway.Recognize("BOTID00001", "CH1", "I want flowers",
                Map.of("bridge.lastTurn", "IM1", "bridge.fallbackCount", "0"))), lex.recognized);
        assertEquals(List.of(new RecordingPublisher.Published("CH1", "IM1", reply)), outbound.published);
        assertEquals(new BotReply(1, ChatPlatformKind.CONVERSATIONS, "CH1", "IM1", "WH1", "OrderFlowers",
                "customer-1", "Ada", List.of(ReplyMessage.plainText("What type of flowers would you like to order?")),
                NextStep.WAIT_FOR_MESSAGE, "OrderFlowers", Map.of(), null)
                .withReceivedAt(Instant.parse("2026-11-25T22:00:00Z")), reply);
    }

    @Test
    void onSmsANumberAnsweringTheLastCardSendsItsButtonValueToLexAndTheReplyKeepsTheChannel() {
        lex.sessions.put("CH1", new LexState(List.of(new LexMessage("ImageResponseCard", null, "Which flowers?", null,
                List.of("roses", "tulips"), List.of("Roses", "Tulips"))), "OrderFlowers", "InProgress", Map.of(),
                Map.of("bridge.lastTurn", "IM0", "bridge.fallbackCount", "0"), "ElicitSlot"));
        lex.answer("tulips", "OrderFlowers", "InProgress", "When?");

        BotReply reply = service.process(onPhone(turn("CH1", "IM1", "2"), ChatChannel.SMS)).orElseThrow();
        service.process(onPhone(turn("CH1", "IM2", "2"), ChatChannel.SMS));

        assertEquals("tulips", lex.recognized.get(0).text());
        assertEquals("2", lex.recognized.get(1).text(), "the last turn had no card: the number goes as typed");
        assertEquals(ChatChannel.SMS, reply.channel());
    }

    @Test
    void onWebchatANumberGoesToLexAsTyped() {
        lex.sessions.put("CH1", new LexState(List.of(new LexMessage("ImageResponseCard", null, "Which flowers?", null,
                List.of("roses", "tulips"))), "OrderFlowers", "InProgress", Map.of(), Map.of(), "ElicitSlot"));

        BotReply reply = service.process(turn("CH1", "IM1", "1")).orElseThrow();

        assertEquals("1", lex.recognized.get(0).text());
        assertEquals(ChatChannel.WEB, reply.channel());
    }

    static BotTurn onPhone(BotTurn t, ChatChannel channel) {
        return new BotTurn(t.schemaVersion(), t.platform(), t.chatSid(), t.messageSid(), t.webhookSid(), "+15005550006",
                "+1•••••0006", t.botName(), t.text(), t.receivedAt(), t.mediaCount(), channel);
    }

    @Test
    void storedAttributesAreMergedNeverDropped() {
        Map<String, String> stored = new LinkedHashMap<>();
        stored.put("customerTier", "gold");
        stored.put("bridge.lastTurn", "IM0");
        stored.put("bridge.fallbackCount", "0");
        lex.sessions.put("CH1", new LexState(List.of(), "OrderFlowers", "InProgress", Map.of(), stored, "ElicitSlot"));
        lex.answer("roses", "OrderFlowers", "InProgress", "When?");

        service.process(turn("CH1", "IM1", "roses"));

        assertEquals(Map.of("customerTier", "gold", "bridge.lastTurn", "IM1", "bridge.earlierTurns", "IM0",
                "bridge.fallbackCount", "0", "bridge.prompting", "OrderFlowers"), lex.recognized.get(0).attributes(),
                "plus the turn before this one and what was asking for a slot before it");
    }

    @Test
    void redeliveryAfterLexAnsweredRebuildsTheSameReplyWithoutRecognizeText() {
        lex.answer("talk to a person", "TalkToAgent", "ReadyForFulfillment", "Connecting you to an agent.");
        BotTurn turn = turn("CH1", "IM1", "talk to a person");
        BotReply first = service.process(turn).orElseThrow();

        BotReply again = service.process(turn).orElseThrow();

        assertEquals(List.of("GetSession CH1", "RecognizeText CH1", "GetSession CH1"), lex.calls);
        assertEquals(1, lex.recognized.size());
        assertEquals(first.asPossibleRepeat(), again);
        assertFalse(first.possibleRepeat());
        // Rebuilt from the session: maybe published before, so outbound checks the chat before posting it.
        assertTrue(again.possibleRepeat());
        assertEquals(NextStep.AGENT, again.nextStep());
        // Both published with the same dedup id: SQS keeps one.
        assertEquals(List.of("IM1", "IM1"), outbound.published.stream().map(RecordingPublisher.Published::dedupId).toList());
    }

    @Test
    void aTurnBroughtBackAfterALaterTurnOfItsChatWentToLexIsNeitherSentToLexNorPublished() {
        lex.answer("I want flowers", "OrderFlowers", "InProgress", "What type of flowers would you like to order?");
        lex.answer("roses", "OrderFlowers", "InProgress", "What day do you want the roses to be picked up?");
        service.process(turn("CH1", "IM1", "I want flowers"));
        BotReply second = service.process(turn("CH1", "IM2", "roses")).orElseThrow();

        // The function died after IM2 went to Lex: SQS brings back the whole batch, IM1 first.
        assertTrue(service.process(turn("CH1", "IM1", "I want flowers"), true).isEmpty());
        BotReply rebuilt = service.process(turn("CH1", "IM2", "roses"), true).orElseThrow();

        assertEquals(List.of("I want flowers", "roses"), lex.recognized.stream().map(FakeLexGateway.Recognize::text).toList(),
                "Lex heard each message once");
        assertEquals(List.of("IM1", "IM2", "IM2"), outbound.published.stream().map(RecordingPublisher.Published::dedupId).toList(),
                "nothing published for IM1 again; IM2 rebuilt under its own dedup id");
        assertEquals(second.asPossibleRepeat(), rebuilt);
    }

    @Test
    void aRedeliveredTurnIsMarkedAsAPossibleRepeatEvenWhenLexHadNotDoneIt() {
        BotReply reply = service.process(turn("CH1", "IM1", "blah"), true).orElseThrow();

        assertEquals(1, lex.recognized.size());
        assertTrue(reply.possibleRepeat());
        assertTrue(outbound.published.get(0).reply().possibleRepeat());
    }

    @Test
    void anApologyForARedeliveredTurnIsMarkedToo() {
        BotTurn noBot = new BotTurn(1, ChatPlatformKind.CHAT, "CH9", "IM9", null, "c", null, null, "hello",
                Instant.parse("2026-11-25T22:00:00Z"));

        assertFalse(service.process(noBot).orElseThrow().possibleRepeat());
        assertTrue(service.process(noBot, true).orElseThrow().possibleRepeat());
    }

    @Test
    void lexCallsThatHangGetOneAttemptWithinTheTimeBudget() {
        // Each attempt "takes" its whole ceiling: GetSession and RecognizeText at the Lex client's call timeout.
        long[] now = {0};
        lex.failGetSession(new LexTransientException("GetSession timed out", null));
        lex.onCall = () -> now[0] += BotTurnService.LEX_ATTEMPT_CEILING.toNanos();
        BotTurnService timed = new BotTurnService(REGISTRY, lex, outbound, new TurnPolicy(),
                BotTurnService.LEX_RETRY.withSleeper(slept::add).withClock(() -> now[0]));

        assertThrows(LexTransientException.class, () -> timed.process(turn("CH1", "IM1", "hi")));

        assertEquals(List.of("GetSession CH1"), lex.calls);
        assertEquals(List.of(), slept);
        assertEquals(List.of(), outbound.published);
    }

    @Test
    void fastFailuresAreRetriedWhileAWholeAttemptStillFitsTheTimeBudget() {
        long[] now = {0};
        for (int i = 0; i < 3; i++) {
            lex.failGetSession(new LexTransientException("throttled " + i, null));
        }
        lex.onCall = () -> now[0] += Duration.ofMillis(20).toNanos();
        BotTurnService timed = new BotTurnService(REGISTRY, lex, outbound, new TurnPolicy(),
                BotTurnService.LEX_RETRY.withSleeper(d -> {
                    slept.add(d);
                    now[0] += d.toNanos();
                }).withClock(() -> now[0]));

        LexTransientException e = assertThrows(LexTransientException.class,
                () -> timed.process(turn("CH1", "IM1", "hi")));

        // Three throttled reads 0.2 s and 0.4 s apart; a fourth attempt after 0.8 s more could end (both calls at
        // their timeout) past the 5 s budget, so the turn goes back to the queue instead.
        assertEquals("throttled 2", e.getMessage());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), slept);
        assertEquals(List.of(), outbound.published);

        lex.failGetSession(new LexTransientException("throttled again", null));
        now[0] = 0;
        slept.clear();
        timed.process(turn("CH1", "IM1", "hi"));
        assertEquals(List.of(Duration.ofMillis(200)), slept);
        assertEquals(1, outbound.published.size());
    }

    @Test
    void twoUnrecognisedMessagesInARowHandOffAtTheRegistryLimit() {
        BotReply first = service.process(turn("CH1", "IM1", "blah")).orElseThrow();
        BotReply second = service.process(turn("CH1", "IM2", "blah blah")).orElseThrow();

        assertEquals(NextStep.WAIT_FOR_MESSAGE, first.nextStep());
        assertEquals(NextStep.AGENT, second.nextStep());
        assertEquals("2 consecutive unrecognised messages", second.handoffReason());
        assertEquals(List.of("0", "1"), lex.recognized.stream().map(r -> r.attributes().get("bridge.fallbackCount")).toList());
    }

    @Test
    void aRecognisedMessageResetsTheFallbackCounter() {
        lex.answer("I want flowers", "OrderFlowers", "InProgress", "What type?");
        service.process(turn("CH1", "IM1", "blah"));
        service.process(turn("CH1", "IM2", "I want flowers"));
        BotReply third = service.process(turn("CH1", "IM3", "blah")).orElseThrow();

        assertEquals(List.of("0", "1", "0"), lex.recognized.stream().map(r -> r.attributes().get("bridge.fallbackCount")).toList());
        assertEquals(NextStep.WAIT_FOR_MESSAGE, third.nextStep());
    }

    @Test
    void noBotMeansAnApologyAndAnAgentWithoutCallingLex() {
        BotTurn noBot = new BotTurn(1, ChatPlatformKind.CHAT, "CH9", "IM9", null, "c", null, null, "hello",
                Instant.parse("2026-11-25T22:00:00Z"));

        BotReply reply = service.process(noBot).orElseThrow();

        assertEquals(List.of(), lex.calls);
        assertEquals(NextStep.AGENT, reply.nextStep());
        assertEquals(List.of(ReplyMessage.plainText(TurnPolicy.APOLOGY)), reply.messages());
        assertEquals("no bot configured for this chat", reply.handoffReason());
        assertNull(reply.botName());
        assertEquals(1, outbound.published.size());
    }

    @Test
    void aBotMissingFromTheRegistryMeansAnApologyAndAnAgent() {
        BotTurn unknown = new BotTurn(1, ChatPlatformKind.CONVERSATIONS, "CH9", "IM9", null, "c", null, "Pizza",
                "hello", Instant.parse("2026-11-25T22:00:00Z"));

        BotReply reply = service.process(unknown).orElseThrow();

        assertEquals(List.of(), lex.calls);
        assertEquals(NextStep.AGENT, reply.nextStep());
        assertEquals("bot Pizza is not configured", reply.handoffReason());
    }

    @Test
    void throttlingIsRetriedWithBackoffThenSucceeds() {
        lex.failGetSession(new LexTransientException("throttled", null))
                .failRecognize(new LexTransientException("500", null));
        lex.answer("hi", "Greeting", "Fulfilled", "Hello!");

        BotReply reply = service.process(turn("CH1", "IM1", "hi")).orElseThrow();

        assertEquals(List.of("GetSession CH1", "GetSession CH1", "RecognizeText CH1", "GetSession CH1",
                "RecognizeText CH1"), lex.calls);
        assertEquals(1, lex.recognized.size());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), slept);
        assertEquals(List.of(ReplyMessage.plainText("Hello!")), reply.messages());
        assertEquals(1, outbound.published.size());
    }

    @Test
    void retriesExhaustedFailTheTurnAndPublishNothing() {
        for (int i = 0; i < 4; i++) {
            lex.failGetSession(new LexTransientException("throttled " + i, null));
        }

        LexTransientException e = assertThrows(LexTransientException.class,
                () -> service.process(turn("CH1", "IM1", "hi")));

        assertEquals("throttled 3", e.getMessage());
        assertEquals(4, lex.calls.size());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800)), slept);
        assertEquals(List.of(), outbound.published);
    }

    @Test
    void aFailureAfterLexAppliedTheTurnIsNotRepeated() {
        lex.answer("I want flowers", "OrderFlowers", "InProgress", "What type?");
        lex.failAfterApplying(new LexTransientException("502 after the turn was applied", null));

        BotReply reply = service.process(turn("CH1", "IM1", "I want flowers")).orElseThrow();

        assertEquals(1, lex.recognized.size());
        assertEquals(List.of("GetSession CH1", "RecognizeText CH1", "GetSession CH1"), lex.calls);
        assertEquals(List.of(ReplyMessage.plainText("What type?")), reply.messages());
    }

    @Test
    void aRejectedRequestMeansAnApologyAndAnAgentWithoutRetries() {
        lex.failRecognize(new LexRejectedException("alias not found", null));

        BotReply reply = service.process(turn("CH1", "IM1", "hi")).orElseThrow();

        assertEquals(List.of("GetSession CH1", "RecognizeText CH1"), lex.calls);
        assertEquals(List.of(), slept);
        assertEquals(NextStep.AGENT, reply.nextStep());
        assertEquals("the bot is unavailable", reply.handoffReason());
        assertEquals(List.of(ReplyMessage.plainText(TurnPolicy.APOLOGY)), reply.messages());
        assertEquals(1, outbound.published.size());
    }

    @Test
    void aQueueFailureIsThrownSoTheTurnIsNotAcknowledged() {
        outbound.refuseNext = 1;
        lex.answer("hi", "Greeting", "Fulfilled", "Hello!");

        assertThrows(QueuePublishException.class, () -> service.process(turn("CH1", "IM1", "hi")));
        // Redelivered: Lex already did the turn, so the reply is rebuilt, not re-asked.
        BotReply reply = service.process(turn("CH1", "IM1", "hi")).orElseThrow();

        assertEquals(1, lex.recognized.size());
        assertEquals(1, outbound.published.size());
        assertSame(reply, outbound.published.get(0).reply());
    }

    @Test
    void slotsAndCardsReachTheReply() {
        lex.answer("Tomorrow", new FakeLexGateway.Answer("OrderFlowers", "Fulfilled",
                Map.of("FlowerType", "roses"), List.of(new LexMessage("ImageResponseCard", null, "Done",
                null, List.of("yes", "no")))));

        BotReply reply = service.process(turn("CH1", "IM1", "Tomorrow")).orElseThrow();

        assertEquals(NextStep.CLOSE_CHAT, reply.nextStep());
        assertEquals(Map.of("FlowerType", "roses"), reply.slots());
        assertEquals(List.of(new ReplyMessage("ImageResponseCard", "Done", List.of("yes", "no"), null)), reply.messages());
    }
}
