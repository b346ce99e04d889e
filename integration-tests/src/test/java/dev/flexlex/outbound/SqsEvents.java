package dev.flexlex.outbound;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the SQS events of {@code events/} (the files {@code sam local invoke} uses) into the Lambda event type. */
final class SqsEvents {
    private SqsEvents() {
    }

    static Path eventsDir() {
        return Path.of("..", "events");
    }

    static SQSEvent load(String file) {
        try {
            return of(Json.mapper().readTree(Files.readString(eventsDir().resolve(file))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read events/" + file, e);
        }
    }

    static SQSEvent of(JsonNode root) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (JsonNode node : root.path("Records")) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(node.path("messageId").asText());
            message.setReceiptHandle(node.path("receiptHandle").asText());
            message.setBody(node.path("body").asText());
            Map<String, String> attributes = new LinkedHashMap<>();
            node.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
            message.setAttributes(attributes);
            message.setEventSource(node.path("eventSource").asText());
            message.setEventSourceArn(node.path("eventSourceARN").asText());
            message.setAwsRegion(node.path("awsRegion").asText());
            records.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    static SQSEvent.SQSMessage message(String id, String body, int receiveCount) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(body);
        message.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount),
                "MessageGroupId", "CH00000000000000000000000000000001"));
        return message;
    }
}
