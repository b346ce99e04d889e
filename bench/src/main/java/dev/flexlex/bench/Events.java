package dev.flexlex.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sample events of {@code events/}, as the Lambda event objects the handlers receive. */
public final class Events {
    private Events() {
    }

    /** The project directory: {@code -Dbench.project}, else the working directory's parent when run in bench/. */
    public static Path projectDir() {
        String configured = System.getProperty("bench.project");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("template.yaml")) ? here : here.getParent();
    }

    public static String text(String file) {
        try {
            return Files.readString(projectDir().resolve("events").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read events/" + file, e);
        }
    }

    public static APIGatewayV2HTTPEvent webhook(String file) {
        JsonNode root = tree(file);
        Map<String, String> headers = new LinkedHashMap<>();
        root.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion(root.path("version").asText())
                .withRouteKey(root.path("routeKey").asText())
                .withRawPath(root.path("rawPath").asText())
                .withRawQueryString(root.path("rawQueryString").asText())
                .withHeaders(headers)
                .withBody(root.path("body").asText())
                .withIsBase64Encoded(root.path("isBase64Encoded").asBoolean())
                .build();
    }

    /** One record of an SQS event file, as a one-record event. */
    public static SQSEvent sqsRecord(String file, int index) {
        JsonNode record = tree(file).path("Records").path(index);
        if (record.isMissingNode()) {
            throw new IllegalArgumentException("events/" + file + " has no record " + index);
        }
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(record.path("messageId").asText());
        message.setReceiptHandle(record.path("receiptHandle").asText());
        message.setBody(record.path("body").asText());
        Map<String, String> attributes = new LinkedHashMap<>();
        record.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        message.setAttributes(attributes);
        message.setEventSource(record.path("eventSource").asText());
        message.setEventSourceArn(record.path("eventSourceARN").asText());
        message.setAwsRegion(record.path("awsRegion").asText());
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        records.add(message);
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    public static JsonNode tree(String file) {
        try {
            return Json.mapper().readTree(text(file));
        } catch (IOException e) {
            throw new UncheckedIOException("events/" + file + " is not JSON", e);
        }
    }
}
