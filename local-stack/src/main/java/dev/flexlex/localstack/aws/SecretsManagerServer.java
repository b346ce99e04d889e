package dev.flexlex.localstack.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localstack.Jetty;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Secrets Manager stand-in answering one operation, {@code GetSecretValue}, over the service's awsJson1.1
 * protocol ({@code POST /}, {@code X-Amz-Target: secretsmanager.GetSecretValue}), so the handlers' unmodified SDK
 * client reads the Twilio credentials from it. Unknown secrets answer {@code ResourceNotFoundException}, other
 * operations {@code UnknownOperationException}, as the service does. Signatures are not checked.
 */
public final class SecretsManagerServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "secretsmanager.GetSecretValue";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final Map<String, String> secrets;
    private final Server server;

    /** Serves {@code secrets} (secret id → secret string) on 127.0.0.1:{@code port}. */
    public SecretsManagerServer(int port, Map<String, String> secrets) {
        this.secrets = Map.copyOf(secrets);
        this.server = Jetty.start("Secrets Manager", port, 16, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                answer(request, response, callback);
                return true;
            }
        });
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + Jetty.port(server);
    }

    private void answer(Request request, Response response, Callback callback) throws Exception {
        String target = request.getHeaders().get("X-Amz-Target");
        if (!request.getMethod().equals("POST") || !request.getHttpURI().getPath().equals("/")) {
            error(response, 404, "UnknownOperationException", "Only POST / is served", callback);
            return;
        }
        if (!TARGET.equals(target)) {
            error(response, 400, "UnknownOperationException", "Only GetSecretValue is served, not " + target, callback);
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
        } catch (Exception e) {
            error(response, 400, "SerializationException", "Request body is not JSON", callback);
            return;
        }
        String secretId = body == null ? "" : body.path("SecretId").asText("");
        if (secretId.isEmpty()) {
            error(response, 400, "InvalidParameterException", "SecretId is required", callback);
            return;
        }
        String value = secrets.get(secretId);
        if (value == null) {
            LOG.info("GetSecretValue secretId={} not found", secretId);
            error(response, 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.", callback);
            return;
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("ARN", arn(secretId));
        out.put("Name", secretId);
        out.put("VersionId", UUID.nameUUIDFromBytes(value.getBytes(StandardCharsets.UTF_8)).toString());
        out.put("SecretString", value);
        out.putArray("VersionStages").add("AWSCURRENT");
        out.put("CreatedDate", System.currentTimeMillis() / 1000.0);
        LOG.info("GetSecretValue secretId={} found", secretId);
        Jetty.write(response, 200, CONTENT_TYPE, JSON.writeValueAsBytes(out), callback);
    }

    /** The ARN of {@code secretId} in this stand-in's account. */
    public static String arn(String secretId) {
        return "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + secretId;
    }

    private static void error(Response response, int status, String type, String message, Callback callback)
            throws Exception {
        ObjectNode out = JSON.createObjectNode().put("__type", type).put("message", message);
        response.getHeaders().put("x-amzn-ErrorType", type);
        Jetty.write(response, status, CONTENT_TYPE, JSON.writeValueAsBytes(out), callback);
    }

    @Override
    public void close() {
        Jetty.stopQuietly(server);
    }
}
