package dev.flexlex.locallex;

import static dev.flexlex.locallex.testing.OrderFlowers.BOT_ID;
import static dev.flexlex.locallex.testing.OrderFlowers.LOCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flexlex.locallex.runtime.UnknownSessionError;
import dev.flexlex.locallex.testing.LexClients;
import dev.flexlex.locallex.testing.OrderFlowers;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;
import software.amazon.awssdk.services.lexruntimev2.model.LexRuntimeV2Exception;
import software.amazon.awssdk.services.lexruntimev2.model.ResourceNotFoundException;

/**
 * GetSession of something that does not exist, through the real Java SDK, with either of Lex's documented answers:
 * the service model's {@code ResourceNotFoundException} (the default) or the API reference's
 * {@code BadRequestException} ({@code --unknown-session-error BadRequest}); the message says what is unknown.
 */
class LocalLexUnknownSessionIT {

    private static LexRuntimeV2Exception getSession(UnknownSessionError mode, String botId, String aliasId,
                                                    String localeId, String sessionId) throws Exception {
        try (LocalLexServer server = LocalLexServer.builder().port(0).bot(OrderFlowers.bot(Clock.systemUTC()))
                .unknownSessionError(mode).start();
             LexRuntimeV2Client lex = LexClients.client(server.baseUrl())) {
            lex.recognizeText(r -> r.botId(BOT_ID).botAliasId("TSTALIASID").localeId(LOCALE).sessionId("known")
                    .text("I want to order flowers"));
            return assertThrows(LexRuntimeV2Exception.class, () -> lex.getSession(r -> r.botId(botId)
                    .botAliasId(aliasId).localeId(localeId).sessionId(sessionId)));
        }
    }

    @Test
    void byDefaultAnUnknownSessionIsResourceNotFound() throws Exception {
        LexRuntimeV2Exception e = getSession(UnknownSessionError.RESOURCE_NOT_FOUND, BOT_ID, "TSTALIASID", LOCALE, "never-seen");
        assertInstanceOf(ResourceNotFoundException.class, e);
        assertEquals(404, e.statusCode());
        assertEquals("Session never-seen was not found for bot " + BOT_ID + " alias TSTALIASID locale " + LOCALE,
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void switchedToBadRequestAnUnknownSessionIsBadRequestException() throws Exception {
        LexRuntimeV2Exception e = getSession(UnknownSessionError.BAD_REQUEST, BOT_ID, "TSTALIASID", LOCALE, "never-seen");
        assertFalse(e instanceof ResourceNotFoundException, "the model defines no BadRequestException: the SDK's base class");
        assertEquals(400, e.statusCode());
        assertEquals("BadRequestException", e.awsErrorDetails().errorCode());
        assertEquals("Session never-seen was not found for bot " + BOT_ID + " alias TSTALIASID locale " + LOCALE,
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void switchedToBadRequestAnUnknownBotAliasOrLocaleIsBadRequestTooAsTheApiReferenceSays() throws Exception {
        LexRuntimeV2Exception bot = getSession(UnknownSessionError.BAD_REQUEST, "NOSUCHBOT0", "TSTALIASID", LOCALE, "known");
        assertEquals("BadRequestException", bot.awsErrorDetails().errorCode());
        assertEquals("Bot NOSUCHBOT0 was not found", bot.awsErrorDetails().errorMessage());
        LexRuntimeV2Exception alias = getSession(UnknownSessionError.BAD_REQUEST, BOT_ID, "NOSUCHALIA", LOCALE, "known");
        assertEquals("Bot alias NOSUCHALIA was not found for bot " + BOT_ID, alias.awsErrorDetails().errorMessage());
        LexRuntimeV2Exception locale = getSession(UnknownSessionError.BAD_REQUEST, BOT_ID, "TSTALIASID", "de_DE", "known");
        assertEquals(400, locale.statusCode());
        // RecognizeText keeps the model's answer whatever the switch says.
        assertInstanceOf(ResourceNotFoundException.class,
                getSession(UnknownSessionError.RESOURCE_NOT_FOUND, "NOSUCHBOT0", "TSTALIASID", LOCALE, "known"));
    }
}
