package dev.flexlex.process.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.registry.BotConfig;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lexruntimev2.model.AccessDeniedException;
import software.amazon.awssdk.services.lexruntimev2.model.BadGatewayException;
import software.amazon.awssdk.services.lexruntimev2.model.ConflictException;
import software.amazon.awssdk.services.lexruntimev2.model.InternalServerException;
import software.amazon.awssdk.services.lexruntimev2.model.LexRuntimeV2Exception;
import software.amazon.awssdk.services.lexruntimev2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lexruntimev2.model.ThrottlingException;
import software.amazon.awssdk.services.lexruntimev2.model.ValidationException;

/** Which Lex errors the bridge retries and which ones it answers with an apology and an agent. */
class SdkLexGatewayErrorsTest {
    private static final BotConfig BOT = new BotConfig("OrderFlowers", "BOT1", "ALIAS1", "en_US", Set.of(), Set.of(), 2);

    private static <T extends AwsServiceException.Builder> AwsServiceException error(T builder, int status, String code) {
        return builder.statusCode(status).awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
                .errorMessage(code + " message").build()).build();
    }

    @Test
    void throttlingServerErrorsConflictsAndNetworkFailuresAreTransient() {
        assertInstanceOf(LexTransientException.class, SdkLexGateway.classify("RecognizeText", BOT,
                error(ThrottlingException.builder(), 429, "ThrottlingException")));
        assertInstanceOf(LexTransientException.class, SdkLexGateway.classify("RecognizeText", BOT,
                error(InternalServerException.builder(), 500, "InternalServerException")));
        assertInstanceOf(LexTransientException.class, SdkLexGateway.classify("RecognizeText", BOT,
                error(BadGatewayException.builder(), 502, "BadGatewayException")));
        assertInstanceOf(LexTransientException.class, SdkLexGateway.classify("RecognizeText", BOT,
                error(ConflictException.builder(), 409, "ConflictException")));
        assertInstanceOf(LexTransientException.class, SdkLexGateway.classify("GetSession", BOT,
                SdkClientException.create("connection refused")));
    }

    @Test
    void notFoundAccessDeniedAndValidationAreRejected() {
        RuntimeException notFound = SdkLexGateway.classify("RecognizeText", BOT,
                error(ResourceNotFoundException.builder(), 404, "ResourceNotFoundException"));
        assertInstanceOf(LexRejectedException.class, notFound);
        assertEquals("RecognizeText for bot OrderFlowers (BOT1/ALIAS1/en_US) was rejected with HTTP 404"
                + " (ResourceNotFoundException): ResourceNotFoundException message", notFound.getMessage());
        assertInstanceOf(LexRejectedException.class, SdkLexGateway.classify("RecognizeText", BOT,
                error(AccessDeniedException.builder(), 403, "AccessDeniedException")));
        assertInstanceOf(LexRejectedException.class, SdkLexGateway.classify("RecognizeText", BOT,
                error(ValidationException.builder(), 400, "ValidationException")));
        assertInstanceOf(LexRejectedException.class, SdkLexGateway.classify("RecognizeText", BOT,
                ValidationException.builder().statusCode(400).message("no details").build()));
    }

    private static AwsServiceException answer(AwsServiceException.Builder builder, int status, String code, String message) {
        return builder.statusCode(status).awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
                .errorMessage(message).build()).build();
    }

    @Test
    void eitherDocumentedNoSuchSessionAnswerMeansNoSessionYet() {
        // The service model: ResourceNotFoundException; the API reference text: BadRequestException (not modelled).
        assertTrue(SdkLexGateway.isNoSuchSession(answer(ResourceNotFoundException.builder(), 404,
                "ResourceNotFoundException", "Session CH1 was not found for bot BOT1 alias ALIAS1 locale en_US")));
        assertTrue(SdkLexGateway.isNoSuchSession(answer(LexRuntimeV2Exception.builder(), 400,
                "BadRequestException", "Session CH1 was not found for bot BOT1 alias ALIAS1 locale en_US")));
        assertTrue(SdkLexGateway.isNoSuchSession(answer(ResourceNotFoundException.builder(), 404,
                "ResourceNotFoundException", "The specified resource does not exist")),
                "a message naming nothing: no session; RecognizeText fails loudly if the bot is really missing");
    }

    @Test
    void anUnknownBotAliasOrLocaleIsNotANewSession() {
        for (String message : List.of("Bot NOSUCHBOT0 was not found", "Bot alias X was not found for bot BOT1",
                "Locale de_DE was not found for bot BOT1 alias ALIAS1")) {
            assertFalse(SdkLexGateway.isNoSuchSession(answer(ResourceNotFoundException.builder(), 404,
                    "ResourceNotFoundException", message)), message);
            assertFalse(SdkLexGateway.isNoSuchSession(answer(LexRuntimeV2Exception.builder(), 400,
                    "BadRequestException", message)), message);
        }
        // Other refusals are never "no session".
        assertFalse(SdkLexGateway.isNoSuchSession(answer(ValidationException.builder(), 400, "ValidationException",
                "Session id is invalid")));
        assertFalse(SdkLexGateway.isNoSuchSession(answer(AccessDeniedException.builder(), 403, "AccessDeniedException",
                "not authorized to perform lex:GetSession on session")));
        assertFalse(SdkLexGateway.isNoSuchSession(SdkClientException.create("connection refused")));
    }

    @Test
    void theBotsTimeZoneIsSentOnlyWhenTheRegistryGivesOne() {
        assertEquals(Map.of(), SdkLexGateway.requestAttributes(BOT));
        BotConfig zoned = new BotConfig("OrderFlowers", "BOT1", "ALIAS1", "en_US", Set.of(), Set.of(), 2,
                ZoneId.of("Pacific/Auckland"));
        assertEquals(Map.of("x-amz-lex:time-zone", "Pacific/Auckland"), SdkLexGateway.requestAttributes(zoned));
    }
}
