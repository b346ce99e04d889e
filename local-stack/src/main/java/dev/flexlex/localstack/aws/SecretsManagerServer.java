package dev.flexlex.localstack.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localstack.Jetty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Secrets Manager stand-in answering {@code GetSecretValue} and {@code PutSecretValue} over the service's awsJson1.1
 * protocol ({@code POST /}, {@code X-Amz-Target: secretsmanager.<Operation>}), so the handlers' unmodified SDK client
 * reads the Twilio credentials from it and a test or operator rotates them with the real SDK or CLI.
 *
 * <p>Versions and staging labels as the service documents them: each secret has versions (id, value, creation time,
 * labels); {@code GetSecretValue} answers the version named by {@code VersionId} or {@code VersionStage} (default
 * {@code AWSCURRENT}); {@code PutSecretValue} adds a version with id {@code ClientRequestToken} (the SDK generates
 * one) and the labels {@code VersionStages} (default {@code AWSCURRENT}); a label lives on one version at a time, and
 * moving {@code AWSCURRENT} moves {@code AWSPREVIOUS} to the version it left. The same token with the same value is a
 * no-op, with another value {@code ResourceExistsException}. Unknown secrets, versions or labels answer
 * {@code ResourceNotFoundException}, other operations {@code UnknownOperationException}. Signatures are not checked;
 * secrets are not created, deleted or rotated by a Lambda here.
 */
public final class SecretsManagerServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "secretsmanager.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";

    private record Version(String id, String value, Instant created, Set<String> stages) {
    }

    /** Secret name → its versions, oldest first; guarded by itself. */
    private final Map<String, List<Version>> secrets = new HashMap<>();
    private final AtomicLong getSecretValueCalls = new AtomicLong();
    private final Server server;

    /** Serves {@code secrets} (secret name → secret string of its one {@code AWSCURRENT} version) on 127.0.0.1:{@code port}. */
    public SecretsManagerServer(int port, Map<String, String> secrets) {
        secrets.forEach((name, value) -> this.secrets.put(name, new ArrayList<>(List.of(new Version(
                UUID.nameUUIDFromBytes(value.getBytes(StandardCharsets.UTF_8)).toString(), value, Instant.now(),
                new LinkedHashSet<>(List.of(CURRENT)))))));
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

    /** How many GetSecretValue requests were answered (found or not) since start. */
    public long getSecretValueCalls() {
        return getSecretValueCalls.get();
    }

    private void answer(Request request, Response response, Callback callback) throws Exception {
        String target = request.getHeaders().get("X-Amz-Target");
        if (!request.getMethod().equals("POST") || !request.getHttpURI().getPath().equals("/")) {
            error(response, 404, "UnknownOperationException", "Only POST / is served", callback);
            return;
        }
        String operation = target != null && target.startsWith(PREFIX) ? target.substring(PREFIX.length()) : "";
        if (!operation.equals("GetSecretValue") && !operation.equals("PutSecretValue")) {
            error(response, 400, "UnknownOperationException", "Only GetSecretValue and PutSecretValue are served, not "
                    + target, callback);
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
        String name = secretId.startsWith(arn("")) ? secretId.substring(arn("").length()) : secretId;
        ObjectNode out;
        try {
            synchronized (secrets) {
                List<Version> versions = secrets.get(name);
                if (versions == null) {
                    throw new AwsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
                }
                out = operation.equals("GetSecretValue") ? get(name, versions, body) : put(name, versions, body);
            }
        } catch (AwsError e) {
            LOG.info("{} secretId={}: {}", operation, name, e.type);
            error(response, 400, e.type, e.getMessage(), callback);
            return;
        }
        LOG.info("{} secretId={} version={}", operation, name, out.path("VersionId").asText());
        Jetty.write(response, 200, CONTENT_TYPE, JSON.writeValueAsBytes(out), callback);
    }

    private ObjectNode get(String name, List<Version> versions, JsonNode body) {
        getSecretValueCalls.incrementAndGet();
        String versionId = body.path("VersionId").asText(null);
        String stage = body.path("VersionStage").asText(versionId == null ? CURRENT : null);
        Version found = null;
        for (Version v : versions) {
            if ((versionId == null || v.id().equals(versionId)) && (stage == null || v.stages().contains(stage))) {
                found = v;
            }
        }
        if (found == null) {
            throw new AwsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret value for "
                    + (versionId != null ? "VersionId: " + versionId : "staging label: " + stage));
        }
        ObjectNode out = resource(name, found);
        out.put("SecretString", found.value());
        out.put("CreatedDate", found.created().toEpochMilli() / 1000.0);
        return out;
    }

    private ObjectNode put(String name, List<Version> versions, JsonNode body) {
        if (!body.path("SecretString").isTextual()) {
            throw new AwsError("InvalidRequestException", "You must provide either SecretString or SecretBinary.");
        }
        String value = body.path("SecretString").asText();
        String id = body.path("ClientRequestToken").asText(UUID.randomUUID().toString());
        for (Version v : versions) {
            if (v.id().equals(id)) {
                if (v.value().equals(value)) {
                    return resource(name, v);
                }
                throw new AwsError("ResourceExistsException", "A resource with the ID you requested already exists.");
            }
        }
        Set<String> stages = new LinkedHashSet<>();
        if (body.path("VersionStages").isArray()) {
            body.path("VersionStages").forEach(s -> stages.add(s.asText()));
        } else {
            stages.add(CURRENT);
        }
        if (stages.contains(CURRENT)) {
            for (Version v : versions) {
                v.stages().remove(PREVIOUS);
            }
            for (Version v : versions) {
                if (v.stages().remove(CURRENT)) {
                    v.stages().add(PREVIOUS);
                }
            }
        }
        for (Version v : versions) {
            v.stages().removeAll(stages);
        }
        Version added = new Version(id, value, Instant.now(), stages);
        versions.add(added);
        return resource(name, added);
    }

    private static ObjectNode resource(String name, Version version) {
        ObjectNode out = JSON.createObjectNode();
        out.put("ARN", arn(name));
        out.put("Name", name);
        out.put("VersionId", version.id());
        ArrayNode stages = out.putArray("VersionStages");
        version.stages().forEach(stages::add);
        return out;
    }

    /** An error the service names by type. */
    private static final class AwsError extends RuntimeException {
        final String type;

        AwsError(String type, String message) {
            super(message);
            this.type = type;
        }
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
