package dev.flexlex.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.localstack.testing.FlexHttp;
import dev.flexlex.localstack.testing.OrderFlowersScript;
import dev.flexlex.localstack.testing.WebchatCustomer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * The Twilio auth token rotated mid-run, the way Twilio and Secrets Manager document it: a secondary token is created
 * in Twilio (Accounts API), put into the secret (PutSecretValue through the real SDK), then promoted (which deletes the
 * old token; webhooks are signed with the new one from then on). The handler JVMs had read and cached the old token;
 * the signature check and the reply poster re-read the secret when Twilio's answers show the rotation, and no message
 * is lost. Then a flood of forged webhooks: every one refused, at most the rate-limited re-reads of the secret.
 */
class LocalStackRotationIT {
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(StackOptions.defaults(Path.of("..")).withPortBase(0)
                .withRedeliveryDelay(Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void customerMessagesKeepFlowingThroughATokenRotationAndForgedWebhooksCostAtMostTheRateLimitedReReads()
            throws Exception {
        StackInfo info = stack.info();
        FlexHttp before = new FlexHttp(info);
        WebchatCustomer first = WebchatCustomer.open(before, info, "Before Rotation");
        List<String> script = OrderFlowersScript.CUSTOMER;
        first.say(script.get(0));
        assertEquals(1, first.awaitBotLines(1, 60_000).size(), "the handlers read and cached the old token");
        long readsBeforeRotation = stack.secrets().getSecretValueCalls();

        String newToken = before.post("/accounts/v1/AuthTokens/Secondary", Map.of()).body()
                .path("secondary_auth_token").asText();
        assertTrue(newToken.matches("[0-9a-f]{32}"));
        try (SecretsManagerClient secrets = SecretsManagerClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create(stack.secrets().baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            secrets.putSecretValue(r -> r.secretId(HandlerEnvironment.TWILIO_SECRET_ID).secretString(
                    "{\"accountSid\":\"" + info.accountSid() + "\",\"authToken\":\"" + newToken + "\"}"));
        }
        FlexHttp.Answer promoted = before.post("/accounts/v1/AuthTokens/Promote", Map.of());
        assertEquals(newToken, promoted.body().path("auth_token").asText());
        assertEquals(401, before.post("/conversations/v1/Conversations", Map.of()).status(), "the old token is gone");

        FlexHttp after = new FlexHttp(info, newToken);
        WebchatCustomer continued = first.through(after);
        for (String line : script.subList(1, script.size())) {
            continued.say(line);
        }
        OrderFlowersScript.assertBotAnswered(continued.chatSid(), continued.awaitBotLines(script.size(), 120_000),
                script.size());
        WebchatCustomer second = WebchatCustomer.open(after, info, "After Rotation");
        second.say(script.get(0));
        assertEquals(1, second.awaitBotLines(1, 60_000).size());
        assertTrue(stack.secrets().getSecretValueCalls() > readsBeforeRotation,
                "the new token was read after Twilio rejected the cached one (the 5-minute TTL had not run out)");
        assertEquals(0, Queues.depth(stack, "InboundDeadLetterQueue"));
        assertEquals(0, Queues.depth(stack, "OutboundDeadLetterQueue"));

        // A flood of forged webhooks: each refused; the secret re-read at most once per 10 s per inbound instance.
        long readsBeforeFlood = stack.secrets().getSecretValueCalls();
        long start = System.nanoTime();
        HttpClient http = HttpClient.newHttpClient();
        String form = "EventType=onMessageAdded&ConversationSid=" + second.chatSid()
                + "&MessageSid=IM0000000000000000000000000000f00d&Author=intruder&Body=hi&WebhookSid=WH00000000000000000000000000000000";
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(info.webhookUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", "Zm9yZ2VkLXNpZ25hdHVyZS0" + i + "=")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, answer.statusCode(), answer.body());
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        long reads = stack.secrets().getSecretValueCalls() - readsBeforeFlood;
        int instances = stack.instanceCount(LocalStack.INBOUND);
        // one re-read = AWSCURRENT + AWSPENDING + AWSPREVIOUS: 3 GetSecretValue calls
        long allowed = 3L * instances * (1 + seconds / 10);
        assertTrue(reads <= allowed, reads + " GetSecretValue calls for 40 forged webhooks in " + seconds + " s on "
                + instances + " instance(s); at most " + allowed + " allowed");
        assertNotEquals(0, instances);

        second.say(script.get(1));
        assertEquals(2, second.awaitBotLines(2, 60_000).size(), "genuine webhooks still pass after the flood");
        assertEquals(List.of(script.get(0), script.get(1)), second.linesBy(a -> !a.equals("bot")));
    }
}
