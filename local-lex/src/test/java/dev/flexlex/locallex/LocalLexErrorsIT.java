package dev.flexlex.locallex;

import static dev.flexlex.locallex.testing.OrderFlowers.BOT_ID;
import static dev.flexlex.locallex.testing.OrderFlowers.LOCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexlex.locallex.testing.LexClients;
import dev.flexlex.locallex.testing.OrderFlowers;
import dev.flexlex.locallex.testing.RecordingBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;
import software.amazon.awssdk.services.lexruntimev2.model.ConflictException;
import software.amazon.awssdk.services.lexruntimev2.model.InternalServerException;
import software.amazon.awssdk.services.lexruntimev2.model.LexRuntimeV2Exception;
import software.amazon.awssdk.services.lexruntimev2.model.RecognizeTextRequest;
import software.amazon.awssdk.services.lexruntimev2.model.RecognizeTextResponse;
import software.amazon.awssdk.services.lexruntimev2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lexruntimev2.model.ValidationException;

/**
 * Every refusal reaches the Java SDK as the exception class the runtime model names, with the server's
 * message, and leaves the session as it was.
 */
class LocalLexErrorsIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RecordingBot BOT = OrderFlowers.bot(java.time.Clock.systemUTC());
    private static LocalLexServer server;
    private static LexRuntimeV2Client lex;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        server = LocalLexServer.builder().port(0).bot(BOT).start();
        lex = LexClients.client(server.baseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        lex.close();
        server.close();
    }

    private static RecognizeTextResponse say(Consumer<RecognizeTextRequest.Builder> tweak) {
        RecognizeTextRequest.Builder request = RecognizeTextRequest.builder().botId(BOT_ID).botAliasId("TSTALIASID")
                .localeId(LOCALE).sessionId("errors-1").text("I want to order flowers");
        tweak.accept(request);
        return lex.recognizeText(request.build());
    }

    private static <T extends LexRuntimeV2Exception> T assertRefused(Class<T> type, int status, String messagePart,
                                                                   Executable call) {
        T e = assertThrows(type, call);
        assertEquals(status, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains(messagePart), e.awsErrorDetails().errorMessage());
        return e;
    }

    @Test
    void unknownBotAliasAndLocaleAreResourceNotFoundOnEveryOperation() {
        assertRefused(ResourceNotFoundException.class, 404, "Bot UNKNOWNBOT was not found",
                () -> say(r -> r.botId("UNKNOWNBOT")));
        assertRefused(ResourceNotFoundException.class, 404, "Bot alias NOSUCHALIAS was not found",
                () -> say(r -> r.botAliasId("NOSUCHALIAS")));
        assertRefused(ResourceNotFoundException.class, 404, "Locale fr_FR was not found",
                () -> say(r -> r.localeId("fr_FR")));
        assertRefused(ResourceNotFoundException.class, 404, "Bot UNKNOWNBOT was not found",
                () -> lex.getSession(r -> r.botId("UNKNOWNBOT").botAliasId("TSTALIASID").localeId(LOCALE).sessionId("s1")));
        assertRefused(ResourceNotFoundException.class, 404, "Bot alias NOSUCHALIAS was not found",
                () -> lex.putSessionAsBytes(r -> r.botId(BOT_ID).botAliasId("NOSUCHALIAS").localeId(LOCALE)
                        .sessionId("s1").sessionState(s -> s.sessionAttributes(java.util.Map.of("a", "b")))));
        assertRefused(ResourceNotFoundException.class, 404, "Locale de_DE was not found",
                () -> lex.deleteSession(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId("de_DE").sessionId("s1")));
    }

    @Test
    void unknownSessionIsResourceNotFoundForGetAndDelete() {
        assertRefused(ResourceNotFoundException.class, 404, "Session never-seen was not found",
                () -> lex.getSession(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId(LOCALE).sessionId("never-seen")));
        assertRefused(ResourceNotFoundException.class, 404, "Session never-seen was not found",
                () -> lex.deleteSession(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId(LOCALE).sessionId("never-seen")));
    }

    @Test
    void emptyTextAndTextOver1024CharactersAreValidationErrorsThatDoNotTouchTheSession() {
        say(r -> r.sessionId("text-limits"));
        int calls = BOT.calls().size();
        assertRefused(ValidationException.class, 400, "greater than or equal to 1",
                () -> say(r -> r.sessionId("text-limits").text("")));
        assertRefused(ValidationException.class, 400, "less than or equal to 1024",
                () -> say(r -> r.sessionId("text-limits").text("x".repeat(1025))));
        assertEquals(calls, BOT.calls().size(), "the bot never saw the refused text");
        assertEquals("FlowerType", lex.getSession(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId(LOCALE)
                .sessionId("text-limits")).sessionState().dialogAction().slotToElicit());
        assertEquals("text-limits", say(r -> r.sessionId("text-limits").text("x".repeat(1024))).sessionId(),
                "1024 characters are accepted");
        assertEquals(calls + 1, BOT.calls().size());
    }

    @Test
    void malformedSessionIdsAreValidationErrors() {
        assertRefused(ValidationException.class, 400, "greater than or equal to 2", () -> say(r -> r.sessionId("a")));
        assertRefused(ValidationException.class, 400, "less than or equal to 100",
                () -> say(r -> r.sessionId("s".repeat(101))));
        assertRefused(ValidationException.class, 400, "regular expression pattern",
                () -> say(r -> r.sessionId("has space")));
        assertRefused(ValidationException.class, 400, "regular expression pattern",
                () -> lex.getSession(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId(LOCALE).sessionId("a*b")));
        assertEquals("ab:c.d_e-f", say(r -> r.sessionId("ab:c.d_e-f")).sessionId(), "every allowed character works");
    }

    @Test
    void aSessionStateThatBreaksTheModelIsAValidationError() throws Exception {
        HttpResponse<String> response = post("/bots/" + BOT_ID + "/botAliases/TSTALIASID/botLocales/en_US/sessions/bad-state/text",
                "{\"text\":\"hi\",\"sessionState\":{\"dialogAction\":{\"type\":\"Teleport\"}}}");
        assertError(response, 400, "ValidationException", "sessionState.dialogAction.type");
        response = post("/bots/" + BOT_ID + "/botAliases/TSTALIASID/botLocales/en_US/sessions/bad-state/text",
                "{\"text\":\"hi\",\"sessionState\":{\"sessionAttributes\":{\"n\":1}}}");
        assertError(response, 400, "ValidationException", "sessionState.sessionAttributes.n");
    }

    @Test
    void malformedJsonIsAValidationErrorWithTheSdksErrorShape() throws Exception {
        assertError(HTTP.send(HttpRequest.newBuilder(server.baseUrl().resolve(
                        "/bots/" + BOT_ID + "/botAliases/TSTALIASID/botLocales/en_US/sessions/json-1")).GET().build(),
                HttpResponse.BodyHandlers.ofString()), 404, "ResourceNotFoundException", "json-1");
        say(r -> r.sessionId("json-1"));
        HttpResponse<String> response = post("/bots/" + BOT_ID + "/botAliases/TSTALIASID/botLocales/en_US/sessions/json-1/text",
                "{\"text\": \"hi\"");
        assertError(response, 400, "ValidationException", "Malformed request body");
        assertError(post("/bots/" + BOT_ID + "/botAliases/TSTALIASID/botLocales/en_US/sessions/json-1/text", "[1,2]"),
                400, "ValidationException", "expected a JSON object");
        assertEquals("FlowerType", lex.getSession(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId(LOCALE)
                .sessionId("json-1")).sessionState().dialogAction().slotToElicit(), "the session is as it was");
    }

    @Test
    void anEngineFailureIsInternalServerExceptionAndTheSessionKeepsItsStateBeforeTheTurn() {
        say(r -> r.sessionId("crash-1"));
        BOT.onTurn(() -> {
            throw new IllegalStateException("engine exploded");
        });
        try {
            assertRefused(InternalServerException.class, 500, "engine exploded", () -> say(r -> r.sessionId("crash-1")
                    .text("roses")));
            assertRefused(InternalServerException.class, 500, "engine exploded", () -> say(r -> r.sessionId("crash-new")));
        } finally {
            BOT.onTurn(() -> { });
        }
        assertEquals("FlowerType", lex.getSession(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId(LOCALE)
                .sessionId("crash-1")).sessionState().dialogAction().slotToElicit());
        assertThrows(ResourceNotFoundException.class, () -> lex.getSession(r -> r.botId(BOT_ID)
                .botAliasId("TSTALIASID").localeId(LOCALE).sessionId("crash-new")), "a failed first turn leaves no session");
        assertEquals("PickupDate", say(r -> r.sessionId("crash-1").text("roses")).sessionState().dialogAction()
                .slotToElicit(), "the session is usable again");
    }

    @Test
    void recognizeUtteranceIsAnsweredWithAClearValidationError() {
        assertRefused(ValidationException.class, 400, "RecognizeUtterance is not supported by local-lex",
                () -> lex.recognizeUtterance(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId(LOCALE)
                        .sessionId("audio-1").requestContentType("text/plain; charset=utf-8"),
                        RequestBody.fromString("I want to order flowers"), software.amazon.awssdk.core.sync.ResponseTransformer.toBytes()));
    }

    @Test
    void startConversationAndUnknownPathsAreRefusedWithTheErrorShape() throws Exception {
        assertError(post("/bots/" + BOT_ID + "/botAliases/TSTALIASID/botLocales/en_US/sessions/conv-1/conversation", ""),
                400, "ValidationException", "StartConversation is not supported");
        assertError(post("/bots/" + BOT_ID + "/somewhere", "{}"), 404, "UnknownOperationException", "/somewhere");
        assertError(HTTP.send(HttpRequest.newBuilder(server.baseUrl().resolve(
                        "/bots/" + BOT_ID + "/botAliases/TSTALIASID/botLocales/en_US/sessions/s1/text")).GET().build(),
                HttpResponse.BodyHandlers.ofString()), 404, "UnknownOperationException", "GET");
    }

    @Test
    void requestsJettyRefusesBeforeRoutingGetTheSameErrorShape() throws Exception {
        assertError(HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/bots/" + BOT_ID + "/botAliases/TST%2FALIAS/botLocales/en_US/sessions/s1")).GET().build(),
                HttpResponse.BodyHandlers.ofString()), 400, "ValidationException", "HTTP 400");
        assertError(HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/bots/" + BOT_ID + "/botAliases/TSTALIASID/botLocales/en_US/sessions/s1"))
                        .header("x-padding", "p".repeat(70_000)).GET().build(),
                HttpResponse.BodyHandlers.ofString()), 431, "ValidationException", "HTTP 431");
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String errorType, String messagePart)
            throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(errorType, response.headers().firstValue("x-amzn-ErrorType").orElse(null));
        assertTrue(response.headers().firstValue("x-amzn-RequestId").isPresent());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        JsonNode body = MAPPER.readTree(response.body());
        assertTrue(body.path("message").asText().contains(messagePart), body.toString());
    }
}
