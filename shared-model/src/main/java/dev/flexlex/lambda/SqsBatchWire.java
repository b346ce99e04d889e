package dev.flexlex.lambda;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.Json;
import dev.flexlex.queue.QueueMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Lambda's SQS event and its partial batch response as JSON, read and written with the suite's one
 * {@link Json#mapper() ObjectMapper} (no Lambda types here).
 *
 * <p>All three handlers are stream handlers, reading their event and writing their response with our own mapper
 * (this class; the webhook's {@code HttpApiEvents}), so that the runtime does not build its own reflection-based
 * serializer for the event types at start-up (a second Jackson with the event POJOs and mixins: about a fifth of a
 * cold start); only the fields a handler needs are read from the tree.
 */
public final class SqsBatchWire {
    private SqsBatchWire() {
    }

    /**
     * The records of an SQS event ({@code {"Records":[{"messageId","body","attributes":{…}}]}}), in order.
     *
     * @param unknownReceiveCount the receive count taken when {@code ApproximateReceiveCount} is missing or unreadable
     * @throws IOException when the event is not JSON
     */
    public static List<QueueMessage> read(InputStream event, int unknownReceiveCount) throws IOException {
        JsonNode root = Json.mapper().readTree(event);
        List<QueueMessage> messages = new ArrayList<>();
        if (root != null) {
            for (JsonNode record : root.path("Records")) {
                messages.add(new QueueMessage(Json.textOrNull(record, "messageId"), Json.textOrNull(record, "body"),
                        receiveCount(record.path("attributes").path("ApproximateReceiveCount"), unknownReceiveCount)));
            }
        }
        return messages;
    }

    /** Writes {@code {"batchItemFailures":[{"itemIdentifier":id},…]}} (an empty list when all succeeded). */
    public static void writeFailures(List<String> failedMessageIds, OutputStream out) throws IOException {
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)
                .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)) {
            json.writeStartObject();
            json.writeArrayFieldStart("batchItemFailures");
            for (String id : failedMessageIds) {
                json.writeStartObject();
                json.writeStringField("itemIdentifier", id);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** {@code ApproximateReceiveCount} as a number; {@code unknown} when missing or unreadable. */
    public static int receiveCount(String count, int unknown) {
        try {
            return count == null ? unknown : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return unknown;
        }
    }

    private static int receiveCount(JsonNode count, int unknown) {
        return receiveCount(count.isValueNode() ? count.asText() : null, unknown);
    }
}
