package dev.flexlex.locallex;

import static dev.flexlex.locallex.testing.OrderFlowers.BOT_ID;
import static dev.flexlex.locallex.testing.OrderFlowers.LOCALE;
import static dev.flexlex.locallex.testing.OrderFlowers.LIVE_ALIAS_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.locallex.testing.LexClients;
import dev.flexlex.locallex.testing.OrderFlowers;
import dev.flexlex.locallex.testing.RecordingBot;
import dev.flexlex.locallex.testing.TurnGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;
import software.amazon.awssdk.services.lexruntimev2.model.ConflictException;
import software.amazon.awssdk.services.lexruntimev2.model.DialogActionType;
import software.amazon.awssdk.services.lexruntimev2.model.IntentState;
import software.amazon.awssdk.services.lexruntimev2.model.RecognizeTextResponse;
import software.amazon.awssdk.services.lexruntimev2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lexruntimev2.model.ThrottlingException;

/**
 * Mid-turn conflicts, the per-alias concurrency cap and many sessions at once. Turns are held open by a
 * {@link TurnGate} inside the bot: the test waits until they are inside, never sleeps.
 */
class LocalLexConcurrencyIT {

    private final RecordingBot bot = OrderFlowers.bot(java.time.Clock.systemUTC());
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private LocalLexServer server;
    private LexRuntimeV2Client lex;

    @BeforeEach
    void start() throws Exception {
        server = LocalLexServer.builder().port(0).bot(bot).start();
        lex = LexClients.client(server.baseUrl());
    }

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        lex.close();
        server.close();
    }

    private RecognizeTextResponse say(String alias, String sessionId, String text) {
        return lex.recognizeText(r -> r.botId(BOT_ID).botAliasId(alias).localeId(LOCALE).sessionId(sessionId).text(text));
    }

    private Future<RecognizeTextResponse> sayLater(String alias, String sessionId, String text) {
        return pool.submit(() -> say(alias, sessionId, text));
    }

    @Test
    void aSecondRequestOnASessionMidTurnIsAConflictAndTheFirstTurnStillLands() throws Exception {
        say(LIVE_ALIAS_ID, "busy-1", "I want to order flowers");
        TurnGate gate = new TurnGate();
        bot.onTurn(gate);
        Future<RecognizeTextResponse> held = sayLater(LIVE_ALIAS_ID, "busy-1", "roses");
        gate.awaitEntered(1);

        ConflictException conflict = assertThrows(ConflictException.class, () -> say(LIVE_ALIAS_ID, "busy-1", "tulips"));
        assertEquals(409, conflict.statusCode());
        assertThrows(ConflictException.class, () -> lex.putSessionAsBytes(r -> r.botId(BOT_ID).botAliasId(LIVE_ALIAS_ID)
                .localeId(LOCALE).sessionId("busy-1").sessionState(s -> s.sessionAttributes(Map.of("a", "b")))));
        assertThrows(ConflictException.class, () -> lex.deleteSession(r -> r.botId(BOT_ID).botAliasId(LIVE_ALIAS_ID)
                .localeId(LOCALE).sessionId("busy-1")));
        assertEquals("FlowerType", lex.getSession(r -> r.botId(BOT_ID).botAliasId(LIVE_ALIAS_ID).localeId(LOCALE)
                .sessionId("busy-1")).sessionState().dialogAction().slotToElicit(), "GetSession shows the state before the turn");

        gate.release();
        assertEquals("roses", held.get(30, TimeUnit.SECONDS).sessionState().intent().slots().get("FlowerType")
                .value().interpretedValue());
        bot.onTurn(() -> { });
        assertEquals("PickupTime", say(LIVE_ALIAS_ID, "busy-1", "tomorrow").sessionState().dialogAction().slotToElicit(),
                "the refused requests changed nothing");
    }

    @Test
    void aNewSessionMidItsFirstTurnIsNotVisibleYetAndConflictsOnWrites() throws Exception {
        TurnGate gate = new TurnGate();
        bot.onTurn(gate);
        Future<RecognizeTextResponse> held = sayLater(LIVE_ALIAS_ID, "first-turn", "I want to order flowers");
        gate.awaitEntered(1);
        assertThrows(ResourceNotFoundException.class, () -> lex.getSession(r -> r.botId(BOT_ID).botAliasId(LIVE_ALIAS_ID)
                .localeId(LOCALE).sessionId("first-turn")));
        assertThrows(ConflictException.class, () -> say(LIVE_ALIAS_ID, "first-turn", "hello"));
        gate.release();
        assertEquals("FlowerType", held.get(30, TimeUnit.SECONDS).sessionState().dialogAction().slotToElicit());
    }

    @Test
    void theTestAliasThrottlesTheThirdConcurrentTurnAndAdmitsAgainWhenTheyFinish() throws Exception {
        TurnGate gate = new TurnGate();
        bot.onTurn(gate);
        Future<RecognizeTextResponse> first = sayLater("TSTALIASID", "cap-1", "I want to order flowers");
        Future<RecognizeTextResponse> second = sayLater("TSTALIASID", "cap-2", "I want to order flowers");
        gate.awaitEntered(2);

        ThrottlingException throttled = assertThrows(ThrottlingException.class,
                () -> say("TSTALIASID", "cap-3", "I want to order flowers"));
        assertEquals(429, throttled.statusCode());
        assertTrue(throttled.awsErrorDetails().errorMessage().contains("TSTALIASID"));
        assertThrows(ResourceNotFoundException.class, () -> lex.getSession(r -> r.botId(BOT_ID).botAliasId("TSTALIASID")
                .localeId(LOCALE).sessionId("cap-3")), "a throttled turn creates no session");

        Future<RecognizeTextResponse> otherAlias = sayLater(LIVE_ALIAS_ID, "cap-prod", "I want to order flowers");
        gate.awaitEntered(1);
        gate.release();
        assertEquals(DialogActionType.ELICIT_SLOT, first.get(30, TimeUnit.SECONDS).sessionState().dialogAction().type());
        assertEquals(DialogActionType.ELICIT_SLOT, second.get(30, TimeUnit.SECONDS).sessionState().dialogAction().type());
        assertEquals(DialogActionType.ELICIT_SLOT, otherAlias.get(30, TimeUnit.SECONDS).sessionState().dialogAction().type());
        assertEquals("FlowerType", say("TSTALIASID", "cap-3", "I want to order flowers").sessionState().dialogAction().slotToElicit());
    }

    @Test
    void aConfiguredCapAppliesToOtherAliasesToo() throws Exception {
        try (LocalLexServer capped = LocalLexServer.builder().port(0).bot(bot).aliasConcurrencyLimit(1)
                .aliasConcurrencyLimit("TSTALIASID", 0).start();
             LexRuntimeV2Client client = LexClients.client(capped.baseUrl())) {
            TurnGate gate = new TurnGate();
            bot.onTurn(gate);
            Future<RecognizeTextResponse> held = pool.submit(() -> client.recognizeText(r -> r.botId(BOT_ID)
                    .botAliasId(LIVE_ALIAS_ID).localeId(LOCALE).sessionId("p-1").text("I want to order flowers")));
            List<Future<RecognizeTextResponse>> uncapped = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String sessionId = "t-" + i;
                uncapped.add(pool.submit(() -> client.recognizeText(r -> r.botId(BOT_ID).botAliasId("TSTALIASID")
                        .localeId(LOCALE).sessionId(sessionId).text("I want to order flowers"))));
            }
            gate.awaitEntered(4);
            assertThrows(ThrottlingException.class, () -> client.recognizeText(r -> r.botId(BOT_ID)
                    .botAliasId(LIVE_ALIAS_ID).localeId(LOCALE).sessionId("p-2").text("I want to order flowers")));
            gate.release();
            held.get(30, TimeUnit.SECONDS);
            for (Future<RecognizeTextResponse> f : uncapped) {
                assertEquals("FlowerType", f.get(30, TimeUnit.SECONDS).sessionState().dialogAction().slotToElicit());
            }
        }
    }

    @Test
    void manyConcurrentSessionsEachKeepTheirOwnConversation() throws Exception {
        int sessions = 12;
        List<Callable<RecognizeTextResponse>> conversations = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            String sessionId = "parallel-" + i;
            String flower = List.of("roses", "lilies", "tulips").get(i % 3);
            String date = "2026-12-0" + (1 + i % 9);
            conversations.add(() -> {
                say(LIVE_ALIAS_ID, sessionId, "I want to order flowers");
                say(LIVE_ALIAS_ID, sessionId, flower);
                say(LIVE_ALIAS_ID, sessionId, date);
                say(LIVE_ALIAS_ID, sessionId, "5 pm");
                return say(LIVE_ALIAS_ID, sessionId, "yes");
            });
        }
        List<Future<RecognizeTextResponse>> results = pool.invokeAll(conversations, 60, TimeUnit.SECONDS);
        for (int i = 0; i < sessions; i++) {
            RecognizeTextResponse done = results.get(i).get();
            assertEquals(IntentState.FULFILLED, done.sessionState().intent().state());
            assertEquals(List.of("roses", "lilies", "tulips").get(i % 3),
                    done.sessionState().intent().slots().get("FlowerType").value().interpretedValue());
            assertEquals("2026-12-0" + (1 + i % 9),
                    done.sessionState().intent().slots().get("PickupDate").value().interpretedValue());
            assertEquals("parallel-" + i, done.sessionId());
        }
        assertEquals(sessions, server.sessionCount());
    }
}
