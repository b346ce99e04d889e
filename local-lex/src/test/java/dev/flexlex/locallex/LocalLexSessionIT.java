package dev.flexlex.locallex;

import static dev.flexlex.locallex.testing.OrderFlowers.BOT_ID;
import static dev.flexlex.locallex.testing.OrderFlowers.LOCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexlex.locallex.testing.LexClients;
import dev.flexlex.locallex.testing.MutableClock;
import dev.flexlex.locallex.testing.OrderFlowers;
import dev.flexlex.locallex.testing.RecordingBot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;
import software.amazon.awssdk.services.lexruntimev2.model.ConfirmationState;
import software.amazon.awssdk.services.lexruntimev2.model.DeleteSessionResponse;
import software.amazon.awssdk.services.lexruntimev2.model.DialogActionType;
import software.amazon.awssdk.services.lexruntimev2.model.GetSessionResponse;
import software.amazon.awssdk.services.lexruntimev2.model.IntentState;
import software.amazon.awssdk.services.lexruntimev2.model.MessageContentType;
import software.amazon.awssdk.services.lexruntimev2.model.PutSessionResponse;
import software.amazon.awssdk.services.lexruntimev2.model.RecognizeTextResponse;
import software.amazon.awssdk.services.lexruntimev2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lexruntimev2.model.SessionState;
import software.amazon.awssdk.services.lexruntimev2.model.ValidationException;

/** The four text operations and Lex's session semantics, through the real Java SDK client over HTTP/1.1. */
class LocalLexSessionIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final RecordingBot bot = OrderFlowers.bot(clock);
    private LocalLexServer server;
    private LexRuntimeV2Client lex;

    @BeforeEach
    void start() throws Exception {
        server = LocalLexServer.builder().port(0).bot(bot).clock(clock)
                .defaultTimeZone(ZoneId.of("Europe/Paris")).start();
        lex = LexClients.client(server.baseUrl());
    }

    @AfterEach
    void stop() throws Exception {
        lex.close();
        server.close();
    }

    private RecognizeTextResponse say(String sessionId, String text) {
        return lex.recognizeText(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId(LOCALE)
                .sessionId(sessionId).text(text));
    }

    private GetSessionResponse get(String sessionId) {
        return lex.getSession(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId(LOCALE).sessionId(sessionId));
    }

    @Test
    void recognizeTextPlaysAWholeConversationAndEchoesTheSessionId() {
        RecognizeTextResponse first = say("user-1", "I would like to order some flowers");
        assertEquals("user-1", first.sessionId());
        assertEquals(DialogActionType.ELICIT_SLOT, first.sessionState().dialogAction().type());
        assertEquals("FlowerType", first.sessionState().dialogAction().slotToElicit());
        assertEquals("OrderFlowers", first.sessionState().intent().name());
        assertEquals(MessageContentType.PLAIN_TEXT, first.messages().get(0).contentType());
        assertEquals("What type of flowers would you like to order?", first.messages().get(0).content());
        assertEquals("OrderFlowers", first.interpretations().get(0).intent().name());
        assertTrue(first.interpretations().get(0).nluConfidence().score() >= 0.4);
        assertFalse(first.sessionState().originatingRequestId().isBlank());

        assertEquals("PickupDate", say("user-1", "roses").sessionState().dialogAction().slotToElicit());
        assertEquals("PickupTime", say("user-1", "tomorrow").sessionState().dialogAction().slotToElicit());
        RecognizeTextResponse confirm = say("user-1", "5 pm");
        assertEquals(DialogActionType.CONFIRM_INTENT, confirm.sessionState().dialogAction().type());
        assertEquals("Okay, your roses will be ready for pickup by 17:00 on 2026-11-26. Does this sound okay?",
                confirm.messages().get(0).content());
        RecognizeTextResponse done = say("user-1", "yes");
        assertEquals("Thanks, your order of roses is placed for pickup on 2026-11-26 at 17:00.",
                done.messages().get(0).content());
        assertEquals(DialogActionType.CLOSE, done.sessionState().dialogAction().type());
        assertEquals(IntentState.FULFILLED, done.sessionState().intent().state());
        assertEquals(ConfirmationState.CONFIRMED, done.sessionState().intent().confirmationState());
        assertEquals("roses", done.sessionState().intent().slots().get("FlowerType").value().interpretedValue());
        assertEquals(List.of("roses"), done.sessionState().intent().slots().get("FlowerType").value().resolvedValues());
    }

    @Test
    void sessionAttributesSentReplaceTheStoredOnesWholesaleAndAbsentOnesAreKept() {
        lex.recognizeText(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId(LOCALE).sessionId("attrs")
                .text("I want to order flowers").sessionState(s -> s.sessionAttributes(Map.of("channel", "chat", "tier", "gold"))));
        RecognizeTextResponse kept = say("attrs", "tulips");
        assertEquals(Map.of("channel", "chat", "tier", "gold"), kept.sessionState().sessionAttributes());
        assertEquals(Map.of("channel", "chat", "tier", "gold"),
                bot.lastCall().incomingState().path("sessionAttributes").properties().stream()
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().asText())));

        RecognizeTextResponse replaced = lex.recognizeText(r -> r.botId(BOT_ID).botAliasId("TSTALIASID")
                .localeId(LOCALE).sessionId("attrs").text("tomorrow")
                .sessionState(s -> s.sessionAttributes(Map.of("tier", "silver"))));
        assertEquals(Map.of("tier", "silver"), replaced.sessionState().sessionAttributes());
        assertEquals(Map.of("tier", "silver"), get("attrs").sessionState().sessionAttributes());
    }

    @Test
    void aRequestStateNamingNoIntentOrDialogActionKeepsTheCurrentDialog() {
        say("dialog", "I want to order flowers");
        RecognizeTextResponse answer = lex.recognizeText(r -> r.botId(BOT_ID).botAliasId("TSTALIASID")
                .localeId(LOCALE).sessionId("dialog").text("lilies")
                .sessionState(s -> s.sessionAttributes(Map.of("k", "v"))));
        assertEquals("ElicitSlot", bot.lastCall().incomingState().path("dialogAction").path("type").asText());
        assertEquals("FlowerType", bot.lastCall().incomingState().path("dialogAction").path("slotToElicit").asText());
        assertEquals("lilies", answer.sessionState().intent().slots().get("FlowerType").value().interpretedValue());
        assertEquals("PickupDate", answer.sessionState().dialogAction().slotToElicit());
    }

    @Test
    void aRequestStateNamingADialogActionReplacesTheDialog() {
        say("redirect", "I want to order flowers");
        lex.recognizeText(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId(LOCALE).sessionId("redirect")
                .text("5 pm").sessionState(s -> s
                        .intent(i -> i.name("OrderFlowers"))
                        .dialogAction(d -> d.type(DialogActionType.ELICIT_SLOT).slotToElicit("PickupTime"))));
        JsonNode incoming = bot.lastCall().incomingState();
        assertEquals("PickupTime", incoming.path("dialogAction").path("slotToElicit").asText());
        assertTrue(incoming.path("intent").path("slots").isMissingNode(), "the request's intent replaced the stored one");
        SessionState after = get("redirect").sessionState();
        assertEquals("17:00", after.intent().slots().get("PickupTime").value().interpretedValue());
        assertEquals("FlowerType", after.dialogAction().slotToElicit());
    }

    @Test
    void getSessionReturnsTheLastTurnsMessagesInterpretationsAndState() {
        say("getter", "I want to order flowers");
        RecognizeTextResponse turn = say("getter", "roses");
        GetSessionResponse session = get("getter");
        assertEquals("getter", session.sessionId());
        assertEquals(turn.messages(), session.messages());
        assertEquals(turn.interpretations(), session.interpretations());
        assertEquals(turn.sessionState(), session.sessionState());
    }

    @Test
    void putSessionSetsTheStateAndAnswersInBase64GzippedHeaders() throws IOException {
        ResponseBytes<PutSessionResponse> put = lex.putSessionAsBytes(r -> r.botId(BOT_ID).botAliasId("TSTALIASID")
                .localeId(LOCALE).sessionId("putter")
                .sessionState(s -> s.sessionAttributes(Map.of("customer", "c-42"))
                        .intent(i -> i.name("OrderFlowers").state(IntentState.IN_PROGRESS))
                        .dialogAction(d -> d.type(DialogActionType.ELICIT_SLOT).slotToElicit("FlowerType")))
                .messages(m -> m.contentType(MessageContentType.PLAIN_TEXT).content("Which flowers?"))
                .requestAttributes(Map.of("origin", "agent-desktop")));
        PutSessionResponse response = put.response();
        assertEquals("putter", response.sessionId());
        JsonNode state = decode(response.sessionState());
        assertEquals("ElicitSlot", state.path("dialogAction").path("type").asText());
        assertEquals("c-42", state.path("sessionAttributes").path("customer").asText());
        assertEquals("Which flowers?", decode(response.messages()).path(0).path("content").asText());
        assertEquals("agent-desktop", decode(response.requestAttributes()).path("origin").asText());
        assertEquals(0, put.asByteArray().length);
        assertEquals("Which flowers?", get("putter").messages().get(0).content());
        assertEquals("ElicitSlot", decode(response.sessionState()).path("dialogAction").path("type").asText());

        RecognizeTextResponse next = say("putter", "tulips");
        assertEquals("tulips", next.sessionState().intent().slots().get("FlowerType").value().interpretedValue());
        assertEquals(Map.of("customer", "c-42"), next.sessionState().sessionAttributes());
    }

    @Test
    void putSessionWithoutMessagesOrAttributesOmitsThoseHeadersAndGetSessionShowsTheState() {
        PutSessionResponse response = lex.putSessionAsBytes(r -> r.botId(BOT_ID).botAliasId("TSTALIASID")
                .localeId(LOCALE).sessionId("bare").sessionState(s -> s.sessionAttributes(Map.of("a", "1")))).response();
        assertNull(response.messages());
        assertNull(response.requestAttributes());
        GetSessionResponse session = get("bare");
        assertEquals(Map.of("a", "1"), session.sessionState().sessionAttributes());
        assertTrue(session.messages().isEmpty());
    }

    @Test
    void putSessionWithoutSessionStateIsRefusedAndCreatesNothing() {
        assertThrows(ValidationException.class, () -> lex.putSessionAsBytes(r -> r.botId(BOT_ID)
                .botAliasId("TSTALIASID").localeId(LOCALE).sessionId("nostate")));
        assertThrows(ResourceNotFoundException.class, () -> get("nostate"));
    }

    @Test
    void deleteSessionRemovesTheSessionSoGetSessionAnswers404() {
        say("doomed", "I want to order flowers");
        DeleteSessionResponse deleted = lex.deleteSession(r -> r.botId(BOT_ID).botAliasId("TSTALIASID")
                .localeId(LOCALE).sessionId("doomed"));
        assertEquals(BOT_ID, deleted.botId());
        assertEquals("TSTALIASID", deleted.botAliasId());
        assertEquals(LOCALE, deleted.localeId());
        assertEquals("doomed", deleted.sessionId());
        assertThrows(ResourceNotFoundException.class, () -> get("doomed"));
        assertThrows(ResourceNotFoundException.class, () -> lex.deleteSession(r -> r.botId(BOT_ID)
                .botAliasId("TSTALIASID").localeId(LOCALE).sessionId("doomed")));
        say("doomed", "roses");
        assertEquals(0, bot.lastCall().incomingState().size(), "a deleted session starts afresh");
    }

    @Test
    void sessionsExpireAfterTheBotsIdleTtlOnTheInjectedClock() {
        lex.recognizeText(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId(LOCALE).sessionId("idle")
                .text("I want to order flowers").sessionState(s -> s.sessionAttributes(Map.of("k", "v"))));
        clock.advance(bot.idleSessionTtl().minusSeconds(1));
        assertEquals("FlowerType", get("idle").sessionState().dialogAction().slotToElicit());
        say("idle", "roses");
        clock.advance(bot.idleSessionTtl().minusSeconds(1));
        assertEquals("PickupDate", get("idle").sessionState().dialogAction().slotToElicit(),
                "each turn restarts the idle clock");
        clock.advance(Duration.ofSeconds(1));
        assertThrows(ResourceNotFoundException.class, () -> get("idle"));
        RecognizeTextResponse afresh = say("idle", "tomorrow");
        assertEquals(0, bot.lastCall().incomingState().size(), "an expired session starts afresh");
        assertTrue(afresh.sessionState().sessionAttributes().isEmpty(), "expired attributes are gone");
    }

    @Test
    void sessionsAreSeparatePerAliasAndSessionId() {
        say("shared-id", "I want to order flowers");
        lex.recognizeText(r -> r.botId(BOT_ID).botAliasId(OrderFlowers.LIVE_ALIAS_ID).localeId(LOCALE).sessionId("shared-id")
                .text("roses"));
        assertEquals(0, bot.lastCall().incomingState().size(), "another alias has its own session");
        say("other-id", "roses");
        assertEquals(0, bot.lastCall().incomingState().size(), "another session id has its own session");
        assertEquals("PickupDate", say("shared-id", "roses").sessionState().dialogAction().slotToElicit());
    }

    @Test
    void requestAttributesReachTheBotAndAreEchoedAndTheTimeZoneComesFromThemOrTheDefault() {
        RecognizeTextResponse response = lex.recognizeText(r -> r.botId(BOT_ID).botAliasId("TSTALIASID")
                .localeId(LOCALE).sessionId("zoned").text("I want to order flowers")
                .requestAttributes(Map.of("x-amz-lex:time-zone", "America/New_York", "channel", "web")));
        assertEquals(Map.of("x-amz-lex:time-zone", "America/New_York", "channel", "web"), response.requestAttributes());
        assertEquals(ZoneId.of("America/New_York"), bot.lastCall().timeZone());
        assertEquals("web", bot.lastCall().requestAttributes().get("channel"));
        assertEquals(LOCALE, bot.lastCall().localeId());

        RecognizeTextResponse defaulted = say("zoned", "roses");
        assertEquals(ZoneId.of("Europe/Paris"), bot.lastCall().timeZone());
        assertTrue(defaulted.requestAttributes().isEmpty(), "request attributes are per request, not stored");
    }

    @Test
    void relativeDatesResolveInTheRequestsTimeZoneElseTheDefault() {
        clock.advance(Duration.ofHours(13).plusMinutes(30));  // 23:30 UTC on the 25th: already the 26th in Paris
        say("today-paris", "I want to order flowers");
        say("today-paris", "roses");
        assertEquals("2026-11-26", say("today-paris", "today").sessionState().intent().slots().get("PickupDate")
                .value().interpretedValue());
        say("today-ny", "I want to order flowers");
        say("today-ny", "roses");
        RecognizeTextResponse newYork = lex.recognizeText(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId(LOCALE)
                .sessionId("today-ny").text("today").requestAttributes(Map.of("x-amz-lex:time-zone", "America/New_York")));
        assertEquals("2026-11-25", newYork.sessionState().intent().slots().get("PickupDate").value().interpretedValue());
    }

    @Test
    void anUnknownTimeZoneIsAValidationErrorAndLeavesTheSessionAsItWas() {
        say("badzone", "I want to order flowers");
        int calls = bot.calls().size();
        ValidationException e = assertThrows(ValidationException.class, () -> lex.recognizeText(r -> r.botId(BOT_ID)
                .botAliasId("TSTALIASID").localeId(LOCALE).sessionId("badzone").text("roses")
                .requestAttributes(Map.of("x-amz-lex:time-zone", "Mars/Olympus_Mons"))));
        assertTrue(e.getMessage().contains("Mars/Olympus_Mons"), e.getMessage());
        assertEquals(calls, bot.calls().size(), "the bot was not called");
        assertEquals("FlowerType", get("badzone").sessionState().dialogAction().slotToElicit());
    }

    @Test
    void aNewSessionStartsWithAnEmptyStateAndGetSessionIsNotFoundBeforeAnyTurn() {
        assertThrows(ResourceNotFoundException.class, () -> get("brand-new"));
        say("brand-new", "hello");
        assertEquals(0, bot.lastCall().incomingState().size());
        SessionState state = get("brand-new").sessionState();
        assertEquals("FallbackIntent", state.intent().name());
    }

    private static JsonNode decode(String header) throws IOException {
        byte[] gzipped = Base64.getDecoder().decode(header);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return MAPPER.readTree(in);
        }
    }
}
