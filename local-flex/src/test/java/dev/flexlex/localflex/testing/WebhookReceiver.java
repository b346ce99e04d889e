package dev.flexlex.localflex.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A webhook target on 127.0.0.1 (JDK HttpServer): records each call and answers with the next scripted
 * status (200 when the script is empty); a negative script entry sleeps that many ms before answering 200.
 * A call takes its scripted answer before it is recorded, so scripting after seeing a call never changes it.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One received webhook call. */
    public record Call(String method, String url, String signature, String contentType, Map<String, String> params) {
    }

    private final HttpServer server;
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String url = "http://127.0.0.1:" + port() + exchange.getRequestURI();
            Integer next = script.poll();
            String query = exchange.getRequestURI().getRawQuery();
            calls.add(new Call(exchange.getRequestMethod(), url, exchange.getRequestHeaders().getFirst("X-Twilio-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    parse("GET".equals(exchange.getRequestMethod()) ? (query == null ? "" : query) : body)));
            int status = next == null ? 200 : next;
            if (status < 0) {
                try {
                    Thread.sleep(-status);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            byte[] out = "<Response/>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Scripts the statuses of the next calls, in order. */
    public void answer(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    /** The next call, waiting up to 10 s; fails the test if none comes. */
    public Call next() throws InterruptedException {
        Call call = calls.poll(10, TimeUnit.SECONDS);
        if (call == null) {
            throw new AssertionError("no webhook call arrived within 10 s");
        }
        return call;
    }

    /**
     * The next call to {@code path} (its URL's path and query start with it), passing over calls to other paths (a
     * late delivery of an earlier test's event); waits up to 10 s in all.
     */
    public Call nextTo(String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Call call = calls.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (call == null) {
                throw new AssertionError("no webhook call to " + path + " arrived within 10 s");
            }
            if (java.net.URI.create(call.url()).getRawPath().equals(path.split("\\?")[0])) {
                return call;
            }
        }
    }

    public List<Call> drain() {
        List<Call> out = new ArrayList<>();
        calls.drainTo(out);
        return out;
    }

    private static Map<String, String> parse(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
