package dev.flexlex.localstack.faults;

import dev.flexlex.localstack.Jetty;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
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
 * A pass-through HTTP proxy in front of one service (local Lex, ElasticMQ or the local Flex) that the handler JVMs
 * call instead of the service when targeted crash faults are on. A request that matches one of the service's
 * {@link CrashPoint}s is traced to the handler JVM that sent it ({@link SocketOwners}); if that JVM belongs to the
 * point's function and the draw hits, the JVM is killed with SIGKILL before the request is forwarded or after the
 * service answered, and the request's connection is dropped. Everything else passes through unchanged.
 */
public final class CrashProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrashProxy.class);
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer");
    private static final Pattern LEX_TURN = Pattern.compile("^/bots/[^/]+/botAliases/[^/]+/botLocales/[^/]+/sessions/[^/]+/(text|utterance)$");
    private static final Pattern MESSAGE_POST = Pattern.compile(
            "^/(conversations/v1/Conversations|chat/v2/Services/[^/]+/Channels)/[^/]+/Messages$");
    private static final Pattern WEBHOOK = Pattern.compile("^/(conversations/v1/Conversations|chat/v2/Services/[^/]+/Channels)/[^/]+/Webhooks/[^/]+$");
    private static final Pattern HANDOFF = Pattern.compile("^/(taskrouter/v1/Workspaces/[^/]+/Tasks|flex-api/v1/Interactions)$");

    /** The handler JVMs the proxy may trace a request to and kill. */
    public interface HandlerJvms {
        Collection<ProcessHandle> all();

        /** The template's logical id of the function running as {@code pid}, or null. */
        String functionOf(long pid);

        /** Kills {@code pid} with SIGKILL and waits for it to be gone; false if it was not a handler JVM. */
        boolean kill(long pid, String reason);
    }

    private final CrashPoint.Service service;
    private final String target;
    private volatile Map<CrashPoint, Double> points;
    private final Random random;
    private final HandlerJvms jvms;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Server server;

    /**
     * @param target the service's base URL, e.g. {@code http://127.0.0.1:4561}
     * @param points the crash points and their probabilities (those of other services are ignored)
     */
    public CrashProxy(CrashPoint.Service service, String target, Map<CrashPoint, Double> points, Random random,
                      HandlerJvms jvms) {
        this.service = service;
        this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
        this.points = points;
        this.random = random;
        this.jvms = jvms;
        this.server = Jetty.start("crash proxy for " + service, 0, 64, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                proxy(request, response, callback);
                return true;
            }
        });
    }

    /** Replaces the crash points and their probabilities (e.g. a test turning faults on and off). */
    public void setPoints(Map<CrashPoint, Double> points) {
        this.points = Map.copyOf(points);
    }

    /** The proxy's base URL, to give the handlers instead of the service's. */
    public String baseUrl() {
        return "http://127.0.0.1:" + Jetty.port(server);
    }

    /** The crash points a request matches (by service, method and path or SQS action), before the caller is known. */
    List<CrashPoint> matches(String method, String path, String amzTarget, byte[] body) {
        return switch (service) {
            case LEX -> method.equals("POST") && LEX_TURN.matcher(path).matches()
                    ? List.of(CrashPoint.BEFORE_LEX, CrashPoint.AFTER_LEX) : List.of();
            case SQS -> isSendMessage(amzTarget, body) ? List.of(CrashPoint.AFTER_PUBLISH, CrashPoint.AFTER_ENQUEUE)
                    : List.of();
            case FLEX -> {
                if (method.equals("POST") && MESSAGE_POST.matcher(path).matches()) {
                    yield List.of(CrashPoint.BETWEEN_PARTS);
                }
                if (method.equals("DELETE") && WEBHOOK.matcher(path).matches()) {
                    yield List.of(CrashPoint.AFTER_WEBHOOK_REMOVED);
                }
                yield method.equals("POST") && HANDOFF.matcher(path).matches() ? List.of(CrashPoint.AFTER_HANDOFF) : List.of();
            }
        };
    }

    /** SendMessage in the SQS JSON protocol ({@code X-Amz-Target}) or the query protocol ({@code Action=}). */
    private static boolean isSendMessage(String amzTarget, byte[] body) {
        if (amzTarget != null) {
            return amzTarget.equals("AmazonSQS.SendMessage");
        }
        String form = new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8);
        return form.startsWith("Action=SendMessage&") || form.contains("&Action=SendMessage&");
    }

    private void proxy(Request request, Response response, Callback callback) throws Exception {
        byte[] body = Content.Source.asInputStream(request).readAllBytes();
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        CrashPoint crash = null;
        long pid = -1;
        Map<CrashPoint, Double> now = points;
        List<CrashPoint> candidates = matches(method, path, request.getHeaders().get("X-Amz-Target"), body).stream()
                .filter(p -> now.getOrDefault(p, 0.0) > 0).toList();
        if (!candidates.isEmpty()) {
            pid = SocketOwners.owner(Request.getRemotePort(request), Request.getLocalPort(request), jvms.all());
            String function = pid < 0 ? null : jvms.functionOf(pid);
            for (CrashPoint point : candidates) {
                if (point.function().equals(function) && random.nextDouble() < now.get(point)) {
                    crash = point;
                }
            }
        }
        if (crash != null && crash.beforeForwarding()) {
            drop(crash, pid, response, callback);
            return;
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(forward(request, method, body), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.warn("crash proxy for {}: {} {} failed: {}", service, method, path, e.toString());
            Jetty.writeJson(response, 502, "{\"message\":\"Bad Gateway\"}", callback);
            return;
        }
        if (crash != null) {
            drop(crash, pid, response, callback);
            return;
        }
        answer.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("content-type")) {
                values.forEach(v -> response.getHeaders().add(name, v));
            }
        });
        Jetty.write(response, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null), answer.body(),
                callback);
    }

    private HttpRequest forward(Request request, String method, byte[] body) {
        String query = request.getHttpURI().getQuery();
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(target + request.getHttpURI().getPath()
                        + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(60))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (HttpField field : request.getHeaders()) {
            if (!HOP_HEADERS.contains(field.getLowerCaseName())) {
                out.header(field.getName(), field.getValue());
            }
        }
        return out.build();
    }

    /** Kills the caller's JVM; the answer goes to a closed connection (nobody is left to read it). */
    private void drop(CrashPoint point, long pid, Response response, Callback callback) {
        jvms.kill(pid, point.spelling());
        Jetty.writeJson(response, 502, "{\"message\":\"the caller was killed by a crash fault\"}", callback);
    }

    @Override
    public void close() {
        Jetty.stopQuietly(server);
    }
}
