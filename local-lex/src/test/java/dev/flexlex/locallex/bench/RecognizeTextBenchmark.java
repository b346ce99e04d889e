package dev.flexlex.locallex.bench;

import dev.flexlex.locallex.LocalLexServer;
import dev.flexlex.locallex.testing.LexClients;
import dev.flexlex.locallex.testing.OrderFlowers;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;

/**
 * RecognizeText round trips per second and latency percentiles on loopback: the real Java SDK client
 * (SigV4, UrlConnectionHttpClient, HTTP/1.1 keep-alive) against local-lex serving the OrderFlowers bot of
 * {@code template.yaml}, several sessions in parallel, each playing the whole five-turn order again and
 * again. A plain harness, not a test: run it from the module directory (see the README).
 *
 * <p>Arguments: {@code [requests (default 5000)] [sessions in parallel (default 8)] [client: sdk (default) | h2c]};
 * {@code h2c} sends the same turns unsigned over cleartext HTTP/2 with Jetty's client (as the JavaScript
 * SDK v3 speaks), which shows the server's share without the Java SDK's signing and marshalling.
 */
public final class RecognizeTextBenchmark {

    private static final List<String> ORDER = List.of(
            "I would like to order some flowers", "roses", "tomorrow", "5 pm", "yes");
    private static final int WARM_UP_REQUESTS = 1000;

    private RecognizeTextBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        boolean h2c = args.length > 2 && "h2c".equals(args[2]);
        try (LocalLexServer server = LocalLexServer.builder().port(0).bot(OrderFlowers.bot(Clock.systemUTC()))
                .aliasConcurrencyLimit("TSTALIASID", 0).start();
             LexRuntimeV2Client lex = LexClients.client(server.baseUrl());
             H2cTurns http2 = new H2cTurns(server.baseUrl())) {
            Turn turn = h2c ? http2::recognizeText : (sessionId, text) -> lex.recognizeText(r -> r
                    .botId(OrderFlowers.BOT_ID).botAliasId("TSTALIASID").localeId(OrderFlowers.LOCALE)
                    .sessionId(sessionId).text(text));
            run(turn, WARM_UP_REQUESTS, sessions, "warm-up");
            long started = System.nanoTime();
            long[] latencies = run(turn, requests, sessions, "measured");
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "RecognizeText %s: %d requests, %d sessions in parallel, %d cores%n",
                    h2c ? "unsigned over h2c (Jetty HTTP/2 client)" : "over HTTP/1.1 via the Java SDK (SigV4)",
                    latencies.length, sessions, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "  throughput %.0f requests/s%n", latencies.length / seconds);
            System.out.printf(Locale.ROOT, "  latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99),
                    latencies[latencies.length - 1] / 1e6);
        }
    }

    /** Runs {@code requests} turns over {@code sessions} threads; returns each turn's latency in nanoseconds. */
    /** One RecognizeText round trip. */
    private interface Turn {
        void recognizeText(String sessionId, String text) throws Exception;
    }

    /** RecognizeText as a plain JSON POST over cleartext HTTP/2 with prior knowledge. */
    private static final class H2cTurns implements AutoCloseable {
        private final HttpClient client = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
        private final URI base;

        H2cTurns(URI base) throws Exception {
            this.base = base;
            client.start();
        }

        void recognizeText(String sessionId, String text) throws Exception {
            String path = "/bots/" + OrderFlowers.BOT_ID + "/botAliases/TSTALIASID/botLocales/" + OrderFlowers.LOCALE
                    + "/sessions/" + sessionId + "/text";
            ContentResponse response = client.POST(base + path)
                    .body(new StringRequestContent("application/json", "{\"text\":\"" + text + "\"}")).send();
            if (response.getStatus() != 200) {
                throw new IllegalStateException("RecognizeText answered " + response.getStatus());
            }
        }

        @Override
        public void close() throws Exception {
            client.stop();
        }
    }

    private static long[] run(Turn turn, int requests, int sessions, String label) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<long[]>> workers = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int share = requests / sessions + (s < requests % sessions ? 1 : 0);
                String sessionId = label + "-" + s;
                workers.add(pool.submit(() -> converse(turn, sessionId, share)));
            }
            long[] all = new long[requests];
            int at = 0;
            for (Future<long[]> worker : workers) {
                long[] some = worker.get();
                System.arraycopy(some, 0, all, at, some.length);
                at += some.length;
            }
            return all;
        } finally {
            pool.shutdown();
        }
    }

    private static long[] converse(Turn turn, String sessionId, int turns) throws Exception {
        long[] latencies = new long[turns];
        for (int i = 0; i < turns; i++) {
            String text = ORDER.get(i % ORDER.size());
            long start = System.nanoTime();
            turn.recognizeText(sessionId, text);
            latencies[i] = System.nanoTime() - start;
        }
        return latencies;
    }

    private static double percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
