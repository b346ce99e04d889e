package dev.flexlex.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.flexlex.aws.AwsClients;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The real Secrets Manager client against an in-test server speaking its JSON 1.1 protocol on 127.0.0.1. */
class SecretsManagerTwilioCredentialsTest {
    static final String SECRET_ID = "flex-lex-bridge/twilio";

    HttpServer server;
    SecretsManagerClient secrets;
    final List<String> targets = Collections.synchronizedList(new ArrayList<>());
    volatile int status = 200;
    volatile String answer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " " + request);
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        secrets = new AwsClients(Region.US_EAST_1, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET")),
                Optional.empty(), Optional.empty(),
                Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))).secretsManager();
    }

    @AfterEach
    void stop() {
        secrets.close();
        server.stop(0);
    }

    static String secretString(String json) {
        return "{\"Name\":\"" + SECRET_ID + "\",\"SecretString\":" + quote(json) + "}";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void fetchesOnFirstUseOnlyAndCaches() {
        answer = secretString("{\"accountSid\":\"AC123\",\"authToken\":\"tok-1\"}");
        SecretsManagerTwilioCredentials credentials = new SecretsManagerTwilioCredentials(secrets, SECRET_ID);

        assertEquals(List.of(), targets, "nothing fetched at construction (SnapStart snapshots hold no secret)");
        assertEquals("AC123", credentials.accountSid());
        assertEquals("tok-1", credentials.authToken());
        assertEquals(1, targets.size());
        assertTrue(targets.get(0).startsWith("secretsmanager.GetSecretValue"));
        assertTrue(targets.get(0).contains(SECRET_ID));
        assertFalse(credentials.toString().contains("tok-1"));
    }

    @Test
    void aSecretWithoutTheTokenIsNamedButNotQuoted() {
        answer = secretString("{\"accountSid\":\"AC123\",\"token\":\"tok-secret\"}");

        TwilioCredentialsException e = assertThrows(TwilioCredentialsException.class,
                () -> new SecretsManagerTwilioCredentials(secrets, SECRET_ID).authToken());

        assertTrue(e.getMessage().contains("'authToken'"));
        assertTrue(e.getMessage().contains(SECRET_ID));
        assertFalse(e.getMessage().contains("tok-secret"));
    }

    @Test
    void aSecretThatIsNotJsonDoesNotLeakItsText() {
        answer = secretString("AC123:tok-secret");

        TwilioCredentialsException e = assertThrows(TwilioCredentialsException.class,
                () -> new SecretsManagerTwilioCredentials(secrets, SECRET_ID).accountSid());

        assertFalse(e.getMessage().contains("tok-secret"));
        assertEquals(null, e.getCause());
    }

    @Test
    void aMissingSecretIsReportedAndRetriedOnNextUse() {
        status = 400;
        answer = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the secret.\"}";
        SecretsManagerTwilioCredentials credentials = new SecretsManagerTwilioCredentials(secrets, SECRET_ID);

        TwilioCredentialsException e = assertThrows(TwilioCredentialsException.class, credentials::accountSid);
        assertTrue(e.getMessage().contains("ResourceNotFoundException"));

        status = 200;
        answer = secretString("{\"accountSid\":\"AC9\",\"authToken\":\"t\"}");
        assertEquals("AC9", credentials.accountSid(), "a failure is not cached");
    }
}
