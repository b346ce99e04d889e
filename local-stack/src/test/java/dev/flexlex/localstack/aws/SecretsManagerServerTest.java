package dev.flexlex.localstack.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** The Secrets Manager stand-in, driven by the real AWS SDK client the handlers use. */
class SecretsManagerServerTest {
    private static SecretsManagerServer server;
    private static SecretsManagerClient client;

    @BeforeAll
    static void start() {
        server = new SecretsManagerServer(0, Map.of("app/twilio", "{\"accountSid\":\"AC1\",\"authToken\":\"t\"}"));
        client = SecretsManagerClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(server.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void getSecretValueAnswersTheSecretStringAsTheServiceDoes() {
        GetSecretValueResponse secret = client.getSecretValue(r -> r.secretId("app/twilio"));
        assertEquals("{\"accountSid\":\"AC1\",\"authToken\":\"t\"}", secret.secretString());
        assertEquals("app/twilio", secret.name());
        assertEquals(SecretsManagerServer.arn("app/twilio"), secret.arn());
        assertEquals(java.util.List.of("AWSCURRENT"), secret.versionStages());
    }

    @Test
    void anUnknownSecretIsResourceNotFound() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> client.getSecretValue(r -> r.secretId("nope")));
        assertEquals(400, e.statusCode());
        assertEquals("Secrets Manager can't find the specified secret.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void anotherOperationIsRefusedByName() {
        SecretsManagerException e = assertThrows(SecretsManagerException.class,
                () -> client.describeSecret(r -> r.secretId("app/twilio")));
        assertEquals("UnknownOperationException", e.awsErrorDetails().errorCode());
    }
}
