package dev.flexlex.localflex.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends webhook events the way Twilio does: form-encoded (or as a query string for GET), signed, on a
 * background executor so the REST call that caused the event never waits; a 5xx, a timeout or a connection
 * failure is retried up to the webhook's retry count, each retry carrying {@code RetryCount}.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    /**
     * One event for one webhook; {@code params} without {@code RetryCount}, which is added per attempt.
     * {@code chatSid} orders delivery: the events of one chat leave one after another, in the order they
     * happened (retries included); different chats are delivered in parallel.
     */
    public record Delivery(String chatSid, String url, String method, Map<String, String> params, int retries, String webhookSid) {
    }

    private final WebhookSigner signer;
    private final Duration timeout;
    private final HttpClient http;
    private final ExecutorService executor;
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final Map<String, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();

    public WebhookDispatcher(String authToken, Duration timeout) {
        this.signer = new WebhookSigner(authToken);
        this.timeout = timeout;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-flex-webhooks");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public void send(Delivery delivery) {
        queued.incrementAndGet();
        CompletableFuture<Void> next = chains.compute(delivery.chatSid(), (chat, tail) ->
                (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                        .thenRunAsync(() -> deliver(delivery), executor));
        next.whenComplete((ok, error) -> chains.remove(delivery.chatSid(), next));
    }

    /** How many webhook events were queued so far (counted when the REST call decides to fire). */
    public long queued() {
        return queued.get();
    }

    /** How many HTTP attempts were made so far (for the benchmarks and the logs). */
    public long attempts() {
        return attempts.get();
    }

    private void deliver(Delivery delivery) {
        for (int attempt = 0; attempt <= delivery.retries(); attempt++) {
            Map<String, String> params = new LinkedHashMap<>(delivery.params());
            params.put("RetryCount", Integer.toString(attempt));
            int status = attempt(attempt == 0 ? http : freshClient(), delivery, params);
            if (status > 0 && status < 500) {
                LOG.debug("webhook {} delivered: status {} attempt {}", delivery.webhookSid(), status, attempt);
                return;
            }
            LOG.info("webhook {} attempt {} failed (status {})", delivery.webhookSid(), attempt, status);
        }
        LOG.warn("webhook {} gave up after {} attempts", delivery.webhookSid(), delivery.retries() + 1);
    }

    /** One attempt; the HTTP status, or -1 for a timeout or connection failure. */
    /**
     * A retry goes out on a new connection: a timed-out attempt may leave its connection to a target that
     * is still busy with the first request, and a retry queued behind it would never be read.
     */
    private HttpClient freshClient() {
        return HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    private int attempt(HttpClient client, Delivery delivery, Map<String, String> params) {
        attempts.incrementAndGet();
        try {
            HttpRequest.Builder request;
            String form = encode(params);
            if ("GET".equalsIgnoreCase(delivery.method())) {
                String url = delivery.url() + (delivery.url().contains("?") ? "&" : "?") + form;
                request = HttpRequest.newBuilder(URI.create(url)).GET()
                        .header("X-Twilio-Signature", signer.sign(url, Map.of()));
            } else {
                request = HttpRequest.newBuilder(URI.create(delivery.url()))
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                        .header("X-Twilio-Signature", signer.sign(delivery.url(), params));
            }
            request.header("User-Agent", "TwilioProxy/1.1").timeout(timeout);
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String encode(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
