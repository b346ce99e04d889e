package dev.flexlex.it.e2e;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flexlex.it.events.EventFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * Plays API Gateway's HTTP API for the webhook route {@code POST /twilio/webhook}: turns each HTTP request into a
 * payload-2.0 event (lower-cased headers, base64 body, raw query string, request context), invokes the function
 * one request at a time (one warm instance), and answers with the function's status, headers and body.
 */
final class HttpApiGateway implements AutoCloseable {
    static final String ROUTE = "/twilio/webhook";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    /** One webhook delivery as the gateway saw it: the request as sent, its form fields, the function's status. */
    record Delivery(byte[] body, Map<String, String> headers, String rawQuery, Map<String, String> form, int status) {
    }

    private static final HttpClient TWILIO_RETRIES = HttpClient.newHttpClient();

    private final HttpServer server;
    private volatile RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function;
    private final List<Delivery> deliveries = new ArrayList<>();

    HttpApiGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(ROUTE, this::handle);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "http-api-gateway");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** Routes the webhook to the function (set once the function, which needs {@link #url()}, is built). */
    void integrate(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function) {
        this.function = function;
    }

    /** The URL to configure in Twilio (and as WEBHOOK_PUBLIC_URL). */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + ROUTE;
    }

    synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
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

    /** What a direct POST to the webhook got back. */
    record Answer(int status, String body) {
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (function == null || !"POST".equals(exchange.getRequestMethod())
                    || !ROUTE.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            APIGatewayV2HTTPEvent event = toEvent(exchange, body);
            APIGatewayV2HTTPResponse response = function.handleRequest(event, new LambdaInvocation("InboundBotHandlerFunction"));
            synchronized (this) {
                deliveries.add(new Delivery(body, event.getHeaders(), event.getRawQueryString(),
                        EventFiles.formParameters(new String(body, StandardCharsets.UTF_8)), response.getStatusCode()));
            }
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            }
            byte[] out = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.getStatusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        }
    }

    private static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod("POST").withPath(ROUTE).withProtocol("HTTP/1.1")
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .withUserAgent(headers.get("user-agent")).build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000").withApiId("local").withDomainName(headers.get("host"))
                .withDomainPrefix("local").withHttp(http).withRequestId(UUID.randomUUID().toString())
                .withRouteKey("POST " + ROUTE).withStage("$default")
                .withTime(REQUEST_TIME.format(now)).withTimeEpoch(now.toInstant().toEpochMilli()).build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("POST " + ROUTE)
                .withRawPath(ROUTE)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withRequestContext(context)
                .withBody(Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(true)
                .build();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
