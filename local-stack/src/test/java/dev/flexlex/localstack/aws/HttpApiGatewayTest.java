package dev.flexlex.localstack.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexlex.localstack.lambda.FunctionInvoker;
import dev.flexlex.localstack.lambda.InvokeResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The gateway in front of a function of our own: the delivery listener hears each request on the route and its status. */
class HttpApiGatewayTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Answers with {@code result}, remembering the event it was given. */
    private static final class Function implements FunctionInvoker {
        private final InvokeResult result;
        volatile String event;

        Function(InvokeResult result) {
            this.result = result;
        }

        @Override
        public String name() {
            return "Fn";
        }

        @Override
        public CompletableFuture<InvokeResult> invoke(String eventJson) {
            event = eventJson;
            return CompletableFuture.completedFuture(result);
        }
    }

    @Test
    void eachRequestOnTheRouteIsToldWithItsBodyHeadersQueryAndTheFunctionsStatus() throws Exception {
        Function fn = new Function(InvokeResult.response(
                "{\"statusCode\":201,\"headers\":{\"Content-Type\":\"text/plain\"},\"body\":\"made\"}"));
        List<HttpApiGateway.Delivery> deliveries = new CopyOnWriteArrayList<>();
        try (HttpApiGateway api = new HttpApiGateway(0, "POST /twilio/webhook", fn, 10_000, deliveries::add)) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(api.url() + "?bot=A%20B"))
                    .header("X-Twilio-Signature", "sig").POST(HttpRequest.BodyPublishers.ofString("Body=hi")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> elsewhere = HTTP.send(HttpRequest.newBuilder(URI.create(api.url() + "/other"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(201, answer.statusCode());
            assertEquals("made", answer.body());
            assertEquals(404, elsewhere.statusCode());
            assertEquals(1, deliveries.size(), "only the route's request is a delivery: " + deliveries);
            HttpApiGateway.Delivery delivery = deliveries.get(0);
            assertArrayEquals("Body=hi".getBytes(StandardCharsets.UTF_8), delivery.body());
            assertEquals("sig", delivery.headers().get("x-twilio-signature"), "headers lower-cased, as in the event");
            assertEquals("bot=A%20B", delivery.rawQuery());
            assertEquals(201, delivery.status());
            assertEquals("bot=A%20B", new ObjectMapper().readTree(fn.event).path("rawQueryString").asText());
        }
    }

    @Test
    void aFunctionErrorIsDeliveredAs500() throws Exception {
        Function fn = new Function(InvokeResult.error("java.lang.IllegalStateException", "{}"));
        List<HttpApiGateway.Delivery> deliveries = new CopyOnWriteArrayList<>();
        try (HttpApiGateway api = new HttpApiGateway(0, "POST /twilio/webhook", fn, 10_000, deliveries::add)) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(api.url()))
                    .POST(HttpRequest.BodyPublishers.ofString("Body=hi")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(500, answer.statusCode());
            assertTrue(answer.body().contains("Internal Server Error"), answer.body());
            assertEquals(List.of(500), deliveries.stream().map(HttpApiGateway.Delivery::status).toList());
            assertEquals("", deliveries.get(0).rawQuery());
        }
    }
}
