package dev.flexlex.localstack.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localstack.Jetty;
import dev.flexlex.localstack.lambda.InvokeResult;
import dev.flexlex.localstack.lambda.FunctionInvoker;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An API Gateway HTTP API with one route ({@code POST /twilio/webhook} as the template's {@code RouteKey}) and a
 * Lambda proxy integration of payload format 2.0: the request becomes the 2.0 event (lower-cased headers, rawPath,
 * rawQueryString, requestContext, body base64-encoded), the function's {@code statusCode}/{@code headers}/
 * {@code body} become the answer. A function error answers 500 and a timeout 503, with API Gateway's messages.
 * Each answered request on the route is told to the delivery listener (the request as sent and the status).
 */
public final class HttpApiGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    static final String API_ID = "localapi01";

    private final String method;
    private final String path;
    private final FunctionInvoker function;
    private final Consumer<Delivery> deliveries;
    private final long timeoutMillis;
    private final Server server;

    /**
     * @param routeKey the template's route, e.g. {@code POST /twilio/webhook}
     * @param timeoutMillis the integration's {@code TimeoutInMillis}
     */
    public HttpApiGateway(int port, String routeKey, FunctionInvoker function, long timeoutMillis) {
        this(port, routeKey, function, timeoutMillis, delivery -> { });
    }

    /** One request on the route as it arrived (headers lower-cased, raw query string) and the status it was answered. */
    public record Delivery(byte[] body, Map<String, String> headers, String rawQuery, int status) {
    }

    /** @param deliveries told of each request on the route, before its answer is written */
    public HttpApiGateway(int port, String routeKey, FunctionInvoker function, long timeoutMillis,
                          Consumer<Delivery> deliveries) {
        this.deliveries = deliveries;
        String[] parts = routeKey.split(" ", 2);
        this.method = parts[0];
        this.path = parts[1];
        this.function = function;
        this.timeoutMillis = timeoutMillis;
        this.server = Jetty.start("HTTP API", port, 64, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                route(request, response, callback);
                return true;
            }
        });
    }

    /** The route's URL, e.g. {@code http://127.0.0.1:4563/twilio/webhook}. */
    public String url() {
        return "http://127.0.0.1:" + Jetty.port(server) + path;
    }

    private void route(Request request, Response response, Callback callback) throws Exception {
        if (!request.getMethod().equals(method) || !request.getHttpURI().getPath().equals(path)) {
            Jetty.writeJson(response, 404, "{\"message\":\"Not Found\"}", callback);
            return;
        }
        String requestId = UUID.randomUUID().toString();
        byte[] body = Content.Source.asInputStream(request).readAllBytes();
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.merge(field.getName().toLowerCase(Locale.ROOT), field.getValue(), (a, b) -> a + "," + b);
        }
        String query = request.getHttpURI().getQuery();
        Consumer<Integer> delivered = status ->
                deliveries.accept(new Delivery(body, Map.copyOf(headers), query == null ? "" : query, status));
        InvokeResult result;
        try {
            result = function.invoke(event(request, requestId, headers, body)).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("requestId={} integration timed out after {} ms", requestId, timeoutMillis);
            delivered.accept(503);
            Jetty.writeJson(response, 503, "{\"message\":\"Service Unavailable\"}", callback);
            return;
        }
        if (!result.ok()) {
            LOG.warn("requestId={} function error {}", requestId, result.errorType());
            delivered.accept(500);
            Jetty.writeJson(response, 500, "{\"message\":\"Internal Server Error\"}", callback);
            return;
        }
        respond(result.payload(), requestId, response, delivered, callback);
    }

    private String event(Request request, String requestId, Map<String, String> headers, byte[] body)
            throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", method + " " + path);
        event.put("rawPath", request.getHttpURI().getPath());
        String query = request.getHttpURI().getQuery();
        event.put("rawQueryString", query == null ? "" : query);
        event.set("headers", JSON.valueToTree(headers));
        if (query != null && !query.isEmpty()) {
            ObjectNode params = event.putObject("queryStringParameters");
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                String key = java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value = kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                params.put(key, params.has(key) ? params.get(key).asText() + "," + value : value);
            }
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", API_ID);
        context.put("domainName", request.getHttpURI().getAuthority());
        context.put("domainPrefix", API_ID);
        ObjectNode http = context.putObject("http");
        http.put("method", request.getMethod());
        http.put("path", request.getHttpURI().getPath());
        http.put("protocol", request.getConnectionMetaData().getProtocol());
        http.put("sourceIp", Request.getRemoteAddr(request));
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", requestId);
        context.put("routeKey", method + " " + path);
        context.put("stage", "$default");
        long now = System.currentTimeMillis();
        context.put("time", TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        context.put("timeEpoch", now);
        if (body.length > 0) {
            event.put("body", Base64.getEncoder().encodeToString(body));
        }
        event.put("isBase64Encoded", true);
        return JSON.writeValueAsString(event);
    }

    private static void respond(String payload, String requestId, Response response, Consumer<Integer> delivered,
                                Callback callback) throws Exception {
        JsonNode out = JSON.readTree(payload);
        if (out == null || !out.isObject() || !out.has("statusCode")) {
            // Payload 2.0: a response without statusCode is taken as the body of a 200 JSON answer.
            delivered.accept(200);
            Jetty.writeJson(response, 200, payload, callback);
            return;
        }
        out.path("headers").fields().forEachRemaining(h -> response.getHeaders().put(h.getKey(), h.getValue().asText()));
        String body = out.path("body").isNull() ? "" : out.path("body").asText("");
        byte[] bytes = out.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        int status = out.get("statusCode").asInt();
        LOG.info("requestId={} status={}", requestId, status);
        delivered.accept(status);
        Jetty.write(response, status, response.getHeaders().get("Content-Type"), bytes, callback);
    }

    @Override
    public void close() {
        Jetty.stopQuietly(server);
    }
}
