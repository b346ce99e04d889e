package dev.flexlex.localflex.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
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
import java.util.function.Supplier;

/**
 * Sends webhook events the way Twilio does: form-encoded (or as a query string for GET), signed, on a background
 * executor so the REST call that caused the event never waits. Each delivery follows Twilio's connection overrides
 * ({@link ConnectionOverrides}: the URL fragment's {@code ct}, {@code rt}, {@code tt}, {@code rc}, {@code rp}, else
 * Twilio's defaults): a failed attempt is retried only when the retry policy names its kind of failure (by default
 * only a connection that could not be made), at most {@code rc} times (else the product's own retry count), all
 * attempts within the total time {@code tt}; each retry carries {@code RetryCount}. The fragment is never sent and
 * never signed. A fragment Twilio would refuse (an unknown {@code rp}: error 11243) means no request at all.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    /**
     * One event for one webhook; {@code params} without {@code RetryCount}, which is added per attempt.
     * {@code chatSid} orders delivery: the events of one chat leave one after another, in the order they
     * happened (retries included); different chats are delivered in parallel. {@code url} as configured, fragment
     * and all; {@code retries} the product's retry count, used when the fragment sets no {@code rc}.
     */
    public record Delivery(String chatSid, String url, String method, Map<String, String> params, int retries, String webhookSid) {
    }

    private final WebhookSigner signer;
    private final Duration maxTimeout;
    private final ExecutorService executor;
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong undelivered = new AtomicLong();
    private final Map<String, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();

    /** Signing always with {@code authToken}. */
    public WebhookDispatcher(String authToken, Duration maxTimeout) {
        this(() -> authToken, maxTimeout);
    }

    /**
     * @param authToken read at signing time, so a promoted token signs from then on
     * @param maxTimeout the product's cap on one attempt's wait for a response (Conversations: 5 s), below {@code rt}
     */
    public WebhookDispatcher(Supplier<String> authToken, Duration maxTimeout) {
        this.signer = new WebhookSigner(authToken);
        this.maxTimeout = maxTimeout;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-flex-webhooks");
            t.setDaemon(true);
            return t;
        });
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

    /** How many events were given up without a 2xx/3xx answer (retries used up, not retryable, or invalid). */
    public long undelivered() {
        return undelivered.get();
    }

    private void deliver(Delivery delivery) {
        ConnectionOverrides overrides;
        try {
            overrides = ConnectionOverrides.of(delivery.url());
        } catch (ConnectionOverrides.InvalidOverrideException e) {
            undelivered.incrementAndGet();
            LOG.warn("webhook {} not sent: invalid connection override {} (Twilio error {})", delivery.webhookSid(),
                    e.getMessage(), e.code() == 0 ? "code not documented" : e.code());
            return;
        }
        int retries = overrides.retryCount() != null ? overrides.retryCount() : delivery.retries();
        String url = ConnectionOverrides.requestUrl(delivery.url());
        long deadline = System.nanoTime() + overrides.totalTime().toNanos();
        for (int attempt = 0; ; attempt++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                undelivered.incrementAndGet();
                LOG.warn("webhook {} gave up after {} attempts: total time tt={} ms used (Twilio error 11203)",
                        delivery.webhookSid(), attempt, overrides.totalTime().toMillis());
                return;
            }
            Duration budget = Duration.ofNanos(remaining);
            Map<String, String> params = new LinkedHashMap<>(delivery.params());
            params.put("RetryCount", Integer.toString(attempt));
            HttpClient client = attempt == 0 ? client(overrides.connectTimeout())
                    : freshClient(min(overrides.connectTimeout(), budget));
            int status = attempt(client, delivery, url, params, min(min(overrides.readTimeout(), maxTimeout), budget));
            ConnectionOverrides.Failure failure = failureOf(status);
            if (failure == null) {
                LOG.debug("webhook {} delivered: status {} attempt {}", delivery.webhookSid(), status, attempt);
                return;
            }
            if (!overrides.retries(failure) || attempt >= retries) {
                undelivered.incrementAndGet();
                LOG.warn("webhook {} gave up after attempt {}: {} (status {}){}", delivery.webhookSid(), attempt, failure,
                        status, overrides.retries(failure) ? ", retries used up" : ", not retried by the retry policy");
                return;
            }
            LOG.info("webhook {} attempt {} failed: {} (status {}); retrying", delivery.webhookSid(), attempt, failure, status);
        }
    }

    /** Status of an attempt: 2xx/3xx is delivered (null), else the kind of failure. */
    private static ConnectionOverrides.Failure failureOf(int status) {
        if (status == CONNECT_FAILED) {
            return ConnectionOverrides.Failure.CT;
        }
        if (status == NO_RESPONSE) {
            return ConnectionOverrides.Failure.RT;
        }
        if (status >= 500) {
            return ConnectionOverrides.Failure.SERVER_ERROR;
        }
        return status >= 400 ? ConnectionOverrides.Failure.CLIENT_ERROR : null;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static final int CONNECT_FAILED = -1;
    private static final int NO_RESPONSE = -2;

    /** A shared client per connect timeout for first attempts. */
    private HttpClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, this::freshClient);
    }

    /**
     * A retry goes out on a new connection: a timed-out attempt may leave its connection to a target that
     * is still busy with the first request, and a retry queued behind it would never be read.
     */
    private HttpClient freshClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    /**
     * One attempt: the HTTP status, {@link #CONNECT_FAILED} when no connection could be made (refused, connect
     * timeout), or {@link #NO_RESPONSE} when the connection was made but no response came (read timeout, or the
     * connection dropped or was reset first).
     */
    private int attempt(HttpClient client, Delivery delivery, String url, Map<String, String> params, Duration readTimeout) {
        attempts.incrementAndGet();
        try {
            HttpRequest.Builder request;
            String form = encode(params);
            if ("GET".equalsIgnoreCase(delivery.method())) {
                String withQuery = url + (url.contains("?") ? "&" : "?") + form;
                request = HttpRequest.newBuilder(URI.create(withQuery)).GET()
                        .header("X-Twilio-Signature", signer.sign(withQuery, Map.of()));
            } else {
                request = HttpRequest.newBuilder(URI.create(url))
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                        .header("X-Twilio-Signature", signer.sign(url, params));
            }
            request.header("User-Agent", "TwilioProxy/1.1").timeout(readTimeout);
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return CONNECT_FAILED;
        } catch (IOException | IllegalArgumentException e) {
            return NO_RESPONSE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NO_RESPONSE;
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
