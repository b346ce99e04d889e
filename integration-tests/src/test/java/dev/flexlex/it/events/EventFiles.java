package dev.flexlex.it.events;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads the project's {@code events/*.json} into the aws-lambda-java-events types, as the Lambda runtime would
 * (its JSON names differ in case from the Java bean names: {@code Records}, {@code eventSourceARN}).
 */
public final class EventFiles {
    /** Surefire runs with the module directory as working directory; {@code events/} sits at the project root. */
    public static final Path DIR = Path.of("..", "events");

    /** The URL and auth token the webhook events are signed for (events/README.md). */
    public static final String TEST_WEBHOOK_URL = "https://abc123defg.execute-api.us-east-1.amazonaws.com/twilio/webhook";
    public static final String TEST_AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
    public static final String TEST_ACCOUNT_SID = "AC00000000000000000000000000000001";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventFiles() {
    }

    public static APIGatewayV2HTTPEvent httpEvent(String name) {
        return read(name, APIGatewayV2HTTPEvent.class);
    }

    public static SQSEvent sqsEvent(String name) {
        return read(name, SQSEvent.class);
    }

    public static <T> T read(String name, Class<T> type) {
        try {
            return MAPPER.readValue(DIR.resolve(name).toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read events/" + name, e);
        }
    }

    /** The form parameters of a webhook event's body, decoded from base64 and URL encoding, in body order. */
    public static Map<String, String> formParameters(APIGatewayV2HTTPEvent event) {
        String body = event.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8)
                : event.getBody();
        return formParameters(body);
    }

    /** The parameters of an {@code application/x-www-form-urlencoded} body, in body order. */
    public static Map<String, String> formParameters(String body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
