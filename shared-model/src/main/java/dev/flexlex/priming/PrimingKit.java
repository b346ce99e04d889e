package dev.flexlex.priming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.aws.AwsClients;
import dev.flexlex.model.Json;
import dev.flexlex.twilio.WebhookSignature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * What a priming run talks to instead of the network: AWS SDK clients configured as the function's own but over
 * {@link CannedAwsHttpClient}, a twilio-java client over {@link CannedTwilioHttpClient}, and made-up credentials
 * (the priming account and token are no secret and authorise nothing). No twilio-java type appears here: the turn
 * processor's jar has none.
 */
public final class PrimingKit {
    public static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    /** Signs the priming webhook; a placeholder value, not a credential. */
    public static final String AUTH_TOKEN = "priming-placeholder-token";
    public static final String CHAT_SID = "CH00000000000000000000000000000000";
    public static final String MESSAGE_SID = "IM00000000000000000000000000000000";
    public static final String WEBHOOK_SID = "WH00000000000000000000000000000000";
    public static final String SECRET_ID = "priming";
    /** The SecretString {@link CannedAwsHttpClient} answers GetSecretValue with. */
    static final String SECRET_STRING = "{\"accountSid\":\"" + ACCOUNT_SID + "\",\"authToken\":\"" + AUTH_TOKEN + "\"}";

    private PrimingKit() {
    }

    /** A handler's Lambda entry point, as {@code (event, response) -> handler.handleRequest(event, response, null)}. */
    @FunctionalInterface
    public interface StreamEntryPoint {
        void handle(InputStream event, OutputStream response) throws IOException;
    }

    /** Runs an event through a handler's entry point; the response's JSON. */
    public static JsonNode invoke(StreamEntryPoint handler, byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handle(new ByteArrayInputStream(event), out);
            return Json.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SQS event of one first delivery of {@code body}, as Lambda's SQS trigger hands it over. */
    public static byte[] sqsEvent(String body) {
        ObjectNode event = Json.mapper().createObjectNode();
        ObjectNode record = event.putArray("Records").addObject()
                .put("messageId", "00000000-0000-0000-0000-000000000000")
                .put("body", body)
                .put("eventSource", "aws:sqs");
        record.putObject("attributes").put("ApproximateReceiveCount", "1").put("MessageGroupId", CHAT_SID)
                .put("MessageDeduplicationId", MESSAGE_SID);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalStateException when an SQS handler reported the priming record as failed */
    public static void requireNoBatchItemFailures(JsonNode response) {
        if (!response.path("batchItemFailures").isArray() || !response.path("batchItemFailures").isEmpty()) {
            throw new IllegalStateException("the priming record failed: " + response);
        }
    }

    /** The function's AWS clients (same region, endpoints, retries) over the canned HTTP client, with fake keys. */
    public static AwsClients aws(AwsClients real) {
        return real.withHttpClient(new CannedAwsHttpClient(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("PRIMING", "priming-placeholder")));
    }

    /** Twilio's X-Twilio-Signature of a POST under the priming token. */
    public static String signature(String url, Map<String, String> params) {
        return WebhookSignature.of(AUTH_TOKEN, url, params);
    }
}
