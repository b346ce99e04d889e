package dev.flexlex.localstack.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
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
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** The Secrets Manager stand-in, driven by the real AWS SDK client the handlers use. */
class SecretsManagerServerTest {
    private static SecretsManagerServer server;
    private static SecretsManagerClient client;

    @BeforeAll
    static void start() {
        server = new SecretsManagerServer(0, Map.of("app/twilio", "{\"accountSid\":\"AC1\",\"authToken\":\"t\"}",
                "app/rotated", "v1", "app/staged", "v1", "app/idempotent", "v1"));
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

    @Test
    void putSecretValueMovesAwsCurrentAndAwsPreviousAsTheServiceDocuments() {
        String firstId = client.getSecretValue(r -> r.secretId("app/rotated")).versionId();

        PutSecretValueResponse put = client.putSecretValue(r -> r.secretId("app/rotated").secretString("v2"));
        assertEquals(List.of("AWSCURRENT"), put.versionStages());
        GetSecretValueResponse current = client.getSecretValue(r -> r.secretId("app/rotated"));
        assertEquals("v2", current.secretString());
        assertEquals(put.versionId(), current.versionId());
        assertNotNull(current.createdDate());
        GetSecretValueResponse previous = client.getSecretValue(r -> r.secretId("app/rotated").versionStage("AWSPREVIOUS"));
        assertEquals("v1", previous.secretString());
        assertEquals(firstId, previous.versionId());
        assertEquals(List.of("AWSPREVIOUS"), previous.versionStages());

        client.putSecretValue(r -> r.secretId(SecretsManagerServer.arn("app/rotated")).secretString("v3"));
        assertEquals("v3", client.getSecretValue(r -> r.secretId("app/rotated")).secretString(), "an ARN names it too");
        assertEquals("v2", client.getSecretValue(r -> r.secretId("app/rotated").versionStage("AWSPREVIOUS")).secretString());
        assertEquals("v1", client.getSecretValue(r -> r.secretId("app/rotated").versionId(firstId)).secretString(),
                "an older version is still there by id");
    }

    @Test
    void aPendingVersionLeavesAwsCurrentAlone() {
        client.putSecretValue(r -> r.secretId("app/staged").secretString("v2").versionStages("AWSPENDING"));

        assertEquals("v1", client.getSecretValue(r -> r.secretId("app/staged")).secretString());
        assertEquals("v2", client.getSecretValue(r -> r.secretId("app/staged").versionStage("AWSPENDING")).secretString());
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> client.getSecretValue(r -> r.secretId("app/staged").versionStage("AWSPREVIOUS")));
        assertTrue(e.awsErrorDetails().errorMessage().contains("AWSPREVIOUS"));
    }

    @Test
    void theSameClientRequestTokenIsIdempotentAndCannotChangeAValue() {
        long before = server.getSecretValueCalls();
        client.putSecretValue(r -> r.secretId("app/idempotent").secretString("v2").clientRequestToken("token-0000000000000000000000000001"));
        client.putSecretValue(r -> r.secretId("app/idempotent").secretString("v2").clientRequestToken("token-0000000000000000000000000001"));
        assertEquals("v1", client.getSecretValue(r -> r.secretId("app/idempotent").versionStage("AWSPREVIOUS")).secretString(),
                "the repeated call added no version");

        assertThrows(ResourceExistsException.class, () -> client.putSecretValue(r -> r.secretId("app/idempotent")
                .secretString("v3").clientRequestToken("token-0000000000000000000000000001")));
        assertEquals("v2", client.getSecretValue(r -> r.secretId("app/idempotent")).secretString(), "nothing changed");
        assertThrows(ResourceNotFoundException.class, () -> client.putSecretValue(r -> r.secretId("nope").secretString("x")));
        assertEquals(before + 2, server.getSecretValueCalls());
    }
}
