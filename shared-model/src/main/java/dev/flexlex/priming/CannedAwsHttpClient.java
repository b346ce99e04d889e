package dev.flexlex.priming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.model.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An AWS SDK HTTP client that never opens a connection: it answers the calls this suite makes with well-formed
 * canned answers (SQS SendMessage, with the MD5 of the body the SDK checks; Lex V2 GetSession and RecognizeText;
 * Secrets Manager GetSecretValue with the priming secret) and anything else with a 400 error.
 */
public final class CannedAwsHttpClient implements SdkHttpClient {
    private final AtomicInteger calls = new AtomicInteger();

    /** How many requests it answered (tests). */
    public int calls() {
        return calls.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                calls.incrementAndGet();
                String body = "";
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
                return answer(request.httpRequest(), body);
            }

            @Override
            public void abort() {
                // nothing in flight
            }
        };
    }

    private static HttpExecuteResponse answer(SdkHttpRequest request, String body) throws IOException {
        String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
        String path = request.encodedPath();
        if (target.equals("AmazonSQS.SendMessage")) {
            JsonNode sent = Json.mapper().readTree(body);
            return json(200, "application/x-amz-json-1.0", "{\"MessageId\":\"00000000-0000-0000-0000-000000000000\","
                    + "\"MD5OfMessageBody\":\"" + md5(sent.path("MessageBody").asText()) + "\",\"SequenceNumber\":\"1\"}");
        }
        if (target.equals("secretsmanager.GetSecretValue")) {
            ObjectNode secret = Json.mapper().createObjectNode()
                    .put("ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + PrimingKit.SECRET_ID)
                    .put("Name", PrimingKit.SECRET_ID)
                    .put("SecretString", PrimingKit.SECRET_STRING)
                    .put("VersionId", "priming");
            return json(200, "application/x-amz-json-1.1", secret.toString());
        }
        if (path.contains("/sessions/") && path.endsWith("/text")) {
            return json(200, "application/json", "{\"messages\":[{\"content\":\"Priming.\",\"contentType\":\"PlainText\"}],"
                    + "\"sessionState\":{\"dialogAction\":{\"type\":\"ElicitIntent\"},\"sessionAttributes\":{}},"
                    + "\"sessionId\":\"priming\"}");
        }
        if (path.contains("/sessions/")) {
            return json(200, "application/json", "{\"sessionId\":\"priming\",\"messages\":[],"
                    + "\"sessionState\":{\"sessionAttributes\":{}}}");
        }
        return json(400, "application/json", "{\"__type\":\"InvalidAction\",\"message\":\"not a call priming makes\"}");
    }

    private static HttpExecuteResponse json(int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(status)
                        .putHeader("Content-Type", contentType)
                        .putHeader("Content-Length", Integer.toString(bytes.length))
                        .putHeader("x-amzn-RequestId", "priming")
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build();
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    @Override
    public String clientName() {
        return "priming";
    }

    @Override
    public void close() {
        // holds nothing
    }
}
