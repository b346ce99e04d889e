package dev.flexlex.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.model.Json;
import dev.flexlex.priming.PrimingKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lambda's SQS event as JSON, in the shape of {@code events/sqs-*.json}, and its partial batch response: tests drive
 * the SQS handlers through their one entry point, {@code handleRequest(InputStream, OutputStream, Context)}.
 */
public final class SqsEventJson {
    private SqsEventJson() {
    }

    /** One record: {@code messageId}, {@code body}, {@code attributes.ApproximateReceiveCount}. */
    public static ObjectNode record(String messageId, String body, int receiveCount) {
        ObjectNode record = Json.mapper().createObjectNode().put("messageId", messageId).put("body", body)
                .put("eventSource", "aws:sqs");
        record.putObject("attributes").put("ApproximateReceiveCount", Integer.toString(receiveCount))
                .put("MessageGroupId", "CH00000000000000000000000000000001");
        return record;
    }

    /** {@code {"Records":[…]}}. */
    public static ObjectNode event(JsonNode... records) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.putArray("Records").addAll(List.of(records));
        return event;
    }

    /** An event file of {@code events/} (from a module directory). */
    public static ObjectNode file(String name) {
        try {
            return (ObjectNode) Json.mapper().readTree(Files.readString(Path.of("..", "events", name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read events/" + name, e);
        }
    }

    /** Runs {@code event} through a handler's stream entry point; the message ids it reported as failures. */
    public static List<String> failures(PrimingKit.StreamEntryPoint handler, JsonNode event) {
        JsonNode response = PrimingKit.invoke(handler, event.toString().getBytes(StandardCharsets.UTF_8));
        if (!response.path("batchItemFailures").isArray()) {
            throw new AssertionError("not a partial batch response: " + response);
        }
        List<String> ids = new ArrayList<>();
        response.path("batchItemFailures").forEach(f -> ids.add(f.path("itemIdentifier").asText()));
        return ids;
    }
}
