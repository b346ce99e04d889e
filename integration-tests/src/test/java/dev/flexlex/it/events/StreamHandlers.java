package dev.flexlex.it.events;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.model.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handlers' one entry point, {@code handleRequest(InputStream, OutputStream, Context)}, seen as the typed
 * handler an in-test gateway or event source calls: the event is written as the JSON Lambda would send (the field
 * names of {@code events/}), the response read back from the JSON the handler wrote.
 */
public final class StreamHandlers {
    private StreamHandlers() {
    }

    /** An HTTP API (payload 2.0) function. */
    public static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> http(RequestStreamHandler handler) {
        return (event, context) -> {
            ObjectNode json = Json.mapper().createObjectNode()
                    .put("version", "2.0")
                    .put("routeKey", event.getRouteKey())
                    .put("rawPath", event.getRawPath())
                    .put("rawQueryString", event.getRawQueryString());
            ObjectNode headers = json.putObject("headers");
            if (event.getHeaders() != null) {
                event.getHeaders().forEach(headers::put);
            }
            json.put("body", event.getBody()).put("isBase64Encoded", event.getIsBase64Encoded());
            JsonNode response = invoke(handler, json, context);
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            response.path("headers").fields().forEachRemaining(h -> responseHeaders.put(h.getKey(), h.getValue().asText()));
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(response.path("statusCode").asInt())
                    .withHeaders(responseHeaders)
                    .withBody(Json.textOrNull(response, "body"))
                    .withIsBase64Encoded(response.path("isBase64Encoded").asBoolean(false))
                    .build();
        };
    }

    /** An SQS function with partial batch responses. */
    public static RequestHandler<SQSEvent, SQSBatchResponse> sqs(RequestStreamHandler handler) {
        return (event, context) -> {
            ObjectNode json = Json.mapper().createObjectNode();
            var records = json.putArray("Records");
            if (event.getRecords() != null) {
                for (SQSEvent.SQSMessage message : event.getRecords()) {
                    ObjectNode record = records.addObject()
                            .put("messageId", message.getMessageId())
                            .put("receiptHandle", message.getReceiptHandle())
                            .put("body", message.getBody())
                            .put("md5OfBody", message.getMd5OfBody())
                            .put("eventSource", message.getEventSource())
                            .put("eventSourceARN", message.getEventSourceArn())
                            .put("awsRegion", message.getAwsRegion());
                    ObjectNode attributes = record.putObject("attributes");
                    if (message.getAttributes() != null) {
                        message.getAttributes().forEach(attributes::put);
                    }
                    record.putObject("messageAttributes");
                }
            }
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            invoke(handler, json, context).path("batchItemFailures").forEach(f -> failures.add(
                    SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(f.path("itemIdentifier").asText()).build()));
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        };
    }

    private static JsonNode invoke(RequestStreamHandler handler, JsonNode event,
                                   com.amazonaws.services.lambda.runtime.Context context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)), out, context);
            return Json.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
