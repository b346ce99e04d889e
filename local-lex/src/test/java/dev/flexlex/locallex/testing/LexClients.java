package dev.flexlex.locallex.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;

/** The real Java SDK client, pointed at a local-lex endpoint the way an application would point it. */
public final class LexClients {

    private LexClients() {
    }

    /**
     * A client with static dummy credentials (requests are SigV4-signed with them) and no retries, so a
     * test sees each answer of the server as it is.
     */
    public static LexRuntimeV2Client client(URI endpoint) {
        return LexRuntimeV2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDLOCALLEXTEST", "local-lex-test-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
