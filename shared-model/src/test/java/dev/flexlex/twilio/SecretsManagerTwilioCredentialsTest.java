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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    static final Pattern STAGE = Pattern.compile("\"VersionStage\"\\s*:\\s*\"([A-Z]+)\"");
    static final String NOT_FOUND = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret value for staging label\"}";
    volatile int status = 200;
    /** The answer to a GetSecretValue without a VersionStage (AWSCURRENT). */
    volatile String answer;
    /** The answers by VersionStage; a stage not here answers ResourceNotFoundException. */
    final Map<String, String> stages = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " " + request);
                int code = status;
                String body = answer;
                Matcher stage = STAGE.matcher(request);
                if (stage.find()) {
                    body = stages.get(stage.group(1));
                    code = body == null ? 400 : 200;
                    body = body == null ? NOT_FOUND : body;
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(code, bytes.length);
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

    // ---- rotation: TTL, re-read after a rejection (rate-limited), pending and previous tokens ----

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        Instant now = T0;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final MutableClock clock = new MutableClock();

    static String version(String token, Instant created) {
        return "{\"Name\":\"" + SECRET_ID + "\",\"VersionId\":\"v-" + token + "\",\"CreatedDate\":" + created.getEpochSecond()
                + ",\"SecretString\":" + quote("{\"accountSid\":\"AC123\",\"authToken\":\"" + token + "\"}") + "}";
    }

    long reads() {
        return targets.stream().filter(t -> t.startsWith("secretsmanager.GetSecretValue")).count();
    }

    @Test
    void theCachedSecretIsReadAgainOnlyAfterItsTtl() {
        answer = version("tok-1", T0);
        SecretsManagerTwilioCredentials credentials = new SecretsManagerTwilioCredentials(secrets, SECRET_ID, clock);
        assertEquals("tok-1", credentials.authToken());

        answer = version("tok-2", T0);
        clock.advance(SecretsManagerTwilioCredentials.TTL.minusSeconds(1));
        assertEquals("tok-1", credentials.authToken(), "within the TTL the cached token is used");
        assertEquals(1, reads());

        clock.advance(Duration.ofSeconds(1));
        assertEquals("tok-2", credentials.authToken(), "at the TTL the secret is read again");
        assertEquals(2, reads());
        assertEquals("tok-2", credentials.authToken());
        assertEquals(2, reads());
    }

    @Test
    void aFailedTtlReReadKeepsTheCachedTokenAndWaitsBeforeTheNextTry() {
        answer = version("tok-1", T0);
        SecretsManagerTwilioCredentials credentials = new SecretsManagerTwilioCredentials(secrets, SECRET_ID, clock);
        assertEquals("tok-1", credentials.authToken());

        status = 400;
        answer = "{\"__type\":\"AccessDeniedException\",\"message\":\"denied\"}";
        clock.advance(SecretsManagerTwilioCredentials.TTL);
        long before = reads();
        assertEquals("tok-1", credentials.authToken(), "Secrets Manager failing: the cached token stays in use");
        long afterFailure = reads();
        assertTrue(afterFailure > before);
        assertEquals("tok-1", credentials.authToken());
        assertEquals(afterFailure, reads(), "no new read before the retry interval");

        status = 200;
        answer = version("tok-2", T0);
        clock.advance(SecretsManagerTwilioCredentials.MIN_REFRESH_INTERVAL);
        assertEquals("tok-2", credentials.authToken());
    }

    @Test
    void aRejectionReReadsAtOnceButAtMostOncePerInterval() {
        answer = version("tok-1", T0);
        SecretsManagerTwilioCredentials credentials = new SecretsManagerTwilioCredentials(secrets, SECRET_ID, clock);
        assertEquals("tok-1", credentials.authToken());
        answer = version("tok-2", T0.plusSeconds(30));
        clock.advance(Duration.ofSeconds(30));

        assertTrue(credentials.refreshAfterRejection(), "the first rejection re-reads");
        assertEquals("tok-2", credentials.authToken());
        long afterFirst = reads();

        for (int i = 0; i < 100; i++) {
            assertFalse(credentials.refreshAfterRejection(), "a flood of rejections is refused within the interval");
        }
        clock.advance(SecretsManagerTwilioCredentials.MIN_REFRESH_INTERVAL.minusMillis(1));
        assertFalse(credentials.refreshAfterRejection());
        assertEquals(afterFirst, reads(), "no Secrets Manager call for the refused ones");

        clock.advance(Duration.ofMillis(1));
        assertTrue(credentials.refreshAfterRejection(), "one more once the interval is over");
        assertTrue(reads() > afterFirst);
    }

    @Test
    void aRejectionAlsoTakesThePendingAndTheRecentPreviousTokenForWebhooksOnly() {
        answer = version("tok-new", T0);
        stages.put("AWSPENDING", version("tok-pending", T0.plusSeconds(5)));
        stages.put("AWSPREVIOUS", version("tok-old", T0.minusSeconds(3600)));
        SecretsManagerTwilioCredentials credentials = new SecretsManagerTwilioCredentials(secrets, SECRET_ID, clock);
        assertEquals(List.of("tok-new"), credentials.signingTokens(), "the first read takes AWSCURRENT only");
        assertEquals(1, reads());

        clock.advance(Duration.ofMinutes(1));
        assertTrue(credentials.refreshAfterRejection());
        assertEquals(List.of("tok-new", "tok-pending", "tok-old"), credentials.signingTokens());
        assertEquals("tok-new", credentials.authToken(), "REST keeps AWSCURRENT");

        clock.advance(SecretsManagerTwilioCredentials.PREVIOUS_TOKEN_GRACE);
        assertTrue(credentials.refreshAfterRejection());
        assertEquals(List.of("tok-new", "tok-pending"), credentials.signingTokens(),
                "the previous token passes only within the grace after AWSCURRENT was created");

        stages.clear();
        clock.advance(SecretsManagerTwilioCredentials.MIN_REFRESH_INTERVAL);
        assertTrue(credentials.refreshAfterRejection());
        assertEquals(List.of("tok-new"), credentials.signingTokens(), "no other version staged: none besides AWSCURRENT");
    }

    @Test
    void aMalformedPendingVersionIsIgnoredNotQuoted() {
        answer = version("tok-new", T0);
        stages.put("AWSPENDING", secretString("{\"accountSid\":\"AC123\",\"token\":\"tok-secret\"}"));
        SecretsManagerTwilioCredentials credentials = new SecretsManagerTwilioCredentials(secrets, SECRET_ID, clock);

        assertTrue(credentials.refreshAfterRejection());

        assertEquals(List.of("tok-new"), credentials.signingTokens());
    }

    @Test
    void aReReadThatFailsIsReportedAndTheCachedTokenStays() {
        answer = version("tok-1", T0);
        SecretsManagerTwilioCredentials credentials = new SecretsManagerTwilioCredentials(secrets, SECRET_ID, clock);
        assertEquals("tok-1", credentials.authToken());
        status = 400;
        answer = "{\"__type\":\"AccessDeniedException\",\"message\":\"no\"}";

        TwilioCredentialsException e = assertThrows(TwilioCredentialsException.class, credentials::refreshAfterRejection);

        assertTrue(e.getMessage().contains(SECRET_ID));
        assertEquals("tok-1", credentials.authToken());
    }
}
