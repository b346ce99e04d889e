package dev.flexlex.it.e2e;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.flexlex.it.events.EventFiles;
import dev.flexlex.localstack.aws.HttpApiGateway;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The webhook route {@code POST /twilio/webhook} on local-stack's {@link HttpApiGateway}, in front of the inbound
 * handler in this JVM, with the log of what Twilio delivered and Twilio's side of a retry: {@link #replay} and
 * {@link #post}.
 */
final class WebhookRoute implements AutoCloseable {
    /** template.yaml's {@code TimeoutInMillis} of the webhook integration. */
    private static final long INTEGRATION_TIMEOUT_MILLIS = 10_000;
    private static final HttpClient TWILIO_RETRIES = HttpClient.newHttpClient();

    /** One webhook delivery as the gateway saw it: the request as sent, its form fields, the function's status. */
    record Delivery(byte[] body, Map<String, String> headers, String rawQuery, Map<String, String> form, int status) {
    }

    /** What a direct POST to the webhook got back. */
    record Answer(int status, String body) {
    }

    private final InProcessFunction function = new InProcessFunction("InboundBotHandlerFunction");
    private final List<Delivery> deliveries = new ArrayList<>();
    private final HttpApiGateway gateway = new HttpApiGateway(0, "POST /twilio/webhook", function,
            INTEGRATION_TIMEOUT_MILLIS, this::delivered);

    /** Routes the webhook to the handler (set once the handler, which needs {@link #url()}, is built). */
    void integrate(RequestStreamHandler handler) {
        function.integrate(handler);
    }

    /** The URL to configure in Twilio (and as WEBHOOK_PUBLIC_URL). */
    String url() {
        return gateway.url();
    }

    private synchronized void delivered(HttpApiGateway.Delivery delivery) {
        deliveries.add(new Delivery(delivery.body(), delivery.headers(), delivery.rawQuery(),
                EventFiles.formParameters(new String(delivery.body(), StandardCharsets.UTF_8)), delivery.status()));
    }

    /** Deliveries of the webhook for one Twilio message SID, in arrival order. */
    synchronized List<Delivery> deliveriesOf(String messageSid) {
        return deliveries.stream().filter(d -> messageSid.equals(d.form().get("MessageSid"))).toList();
    }

    /**
     * Sends {@code delivery}'s request again, byte for byte with its signature and idempotency token, the way
     * Twilio retries a webhook it did not see answered in time. Returns the status answered.
     */
    int replay(Delivery delivery) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url()
                        + (delivery.rawQuery().isEmpty() ? "" : "?" + delivery.rawQuery())))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        for (String header : new String[] {"content-type", "x-twilio-signature", "i-twilio-idempotency-token",
                "user-agent"}) {
            String value = delivery.headers().get(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        return TWILIO_RETRIES.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** POSTs a form of our own making to the webhook, signed with {@code signature} (none when null). */
    Answer post(Map<String, String> form, String signature) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url()))
                .header("content-type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (signature != null) {
            request.header("x-twilio-signature", signature);
        }
        HttpResponse<String> response = TWILIO_RETRIES.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    @Override
    public void close() {
        gateway.close();
    }
}
