package dev.flexlex.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flexlex.config.ConfigException;
import dev.flexlex.config.Env;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Client configuration only: building a client makes no network call. */
class AwsClientsTest {
    private static final Map<String, String> ENV = Map.of("AWS_REGION", "eu-west-2",
            "LEX_ENDPOINT", "http://127.0.0.1:9001", "SQS_ENDPOINT", "http://127.0.0.1:9324");

    @Test
    void lexClientHasTheRegionTheEndpointAndNoSdkRetries() {
        try (LexRuntimeV2Client lex = AwsClients.fromEnv(new Env(ENV)).lexRuntime()) {
            assertEquals(Region.EU_WEST_2, lex.serviceClientConfiguration().region());
            assertEquals(URI.create("http://127.0.0.1:9001"), lex.serviceClientConfiguration().endpointOverride().orElseThrow());
            // A retried RecognizeText could advance the dialog twice: the bridge retries whole turns itself.
            assertEquals(1, lex.serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow()
                    .maxAttempts());
        }
    }

    @Test
    void sqsClientHasTheRegionAndTheEndpoint() {
        try (SqsClient sqs = AwsClients.fromEnv(new Env(ENV)).sqs()) {
            assertEquals(Region.EU_WEST_2, sqs.serviceClientConfiguration().region());
            assertEquals(URI.create("http://127.0.0.1:9324"), sqs.serviceClientConfiguration().endpointOverride().orElseThrow());
        }
    }

    @Test
    void aMissingRegionOrABadEndpointIsNamed() {
        assertEquals("environment variable AWS_REGION is not set",
                assertThrows(ConfigException.class, () -> AwsClients.fromEnv(new Env(Map.of()))).getMessage());
        assertEquals("environment variable SQS_ENDPOINT must be an absolute http(s) URL",
                assertThrows(ConfigException.class, () -> AwsClients.fromEnv(
                        new Env(Map.of("AWS_REGION", "eu-west-2", "SQS_ENDPOINT", "localhost/sqs")))).getMessage());
    }
}
