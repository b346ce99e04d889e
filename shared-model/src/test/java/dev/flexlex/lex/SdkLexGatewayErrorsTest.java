package dev.flexlex.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.flexlex.registry.BotConfig;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lexruntimev2.model.AccessDeniedException;
import software.amazon.awssdk.services.lexruntimev2.model.BadGatewayException;
import software.amazon.awssdk.services.lexruntimev2.model.ConflictException;
import software.amazon.awssdk.services.lexruntimev2.model.InternalServerException;
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
}
