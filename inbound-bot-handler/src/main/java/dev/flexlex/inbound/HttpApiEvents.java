package dev.flexlex.inbound;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API Gateway HTTP API (payload format 2.0) event and response as JSON, read and written with the suite's one
 * {@link Json#mapper() ObjectMapper}. Only what the webhook uses is read: {@code rawQueryString}, {@code headers},
 * {@code body}, {@code isBase64Encoded}. (Why the handlers are stream handlers: see {@code SqsBatchWire}.)
 */
final class HttpApiEvents {
    private HttpApiEvents() {
    }

    /** @throws IOException when the event is not JSON */
    static APIGatewayV2HTTPEvent read(InputStream event) throws IOException {
        JsonNode root = Json.mapper().readTree(event);
        if (root == null) {
            root = Json.mapper().createObjectNode();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        root.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        return APIGatewayV2HTTPEvent.builder()
                .withRawQueryString(Json.textOrNull(root, "rawQueryString"))
                .withHeaders(headers)
                .withBody(Json.textOrNull(root, "body"))
                .withIsBase64Encoded(root.path("isBase64Encoded").asBoolean(false))
                .build();
    }

    /** Writes {@code {"statusCode":…,"headers":{…},"body":"…","isBase64Encoded":false}}. */
    static void write(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)
                .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)) {
            json.writeStartObject();
            json.writeNumberField("statusCode", response.getStatusCode());
            if (response.getHeaders() != null) {
                json.writeObjectFieldStart("headers");
                for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
                    json.writeStringField(header.getKey(), header.getValue());
                }
                json.writeEndObject();
            }
            if (response.getBody() != null) {
                json.writeStringField("body", response.getBody());
            }
            json.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
            json.writeEndObject();
        }
    }
}
