package dev.flexlex.locallex.bench;

import dev.flexlex.locallex.LocalLexServer;
import dev.flexlex.locallex.testing.LexClients;
import dev.flexlex.locallex.testing.OrderFlowers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;

/**
 * RecognizeText round trips per second and latency percentiles on loopback: the real Java SDK client
 * (SigV4, UrlConnectionHttpClient, HTTP/1.1 keep-alive) against local-lex serving the OrderFlowers bot of
 * {@code template.yaml}, several sessions in parallel, each playing the whole five-turn order again and
 * again. A plain harness, not a test: run it from the module directory (see the README).
 *
 * <p>Arguments: {@code [requests (default 5000)] [sessions in parallel (default 8)]}.
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
        try (LocalLexServer server = LocalLexServer.builder().port(0).bot(OrderFlowers.bot(Clock.systemUTC()))
                .aliasConcurrencyLimit("TSTALIASID", 0).start();
             LexRuntimeV2Client lex = LexClients.client(server.baseUrl())) {
            run(lex, WARM_UP_REQUESTS, sessions, "warm-up");
            long started = System.nanoTime();
            long[] latencies = run(lex, requests, sessions, "measured");
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "RecognizeText over HTTP/1.1 via the Java SDK: %d requests, %d sessions in"
                            + " parallel, %d cores%n", latencies.length, sessions,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "  throughput %.0f requests/s%n", latencies.length / seconds);
            System.out.printf(Locale.ROOT, "  latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99),
                    latencies[latencies.length - 1] / 1e6);
        }
    }

    /** Runs {@code requests} turns over {@code sessions} threads; returns each turn's latency in nanoseconds. */
    private static long[] run(LexRuntimeV2Client lex, int requests, int sessions, String label) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<long[]>> workers = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int share = requests / sessions + (s < requests % sessions ? 1 : 0);
                String sessionId = label + "-" + s;
                workers.add(pool.submit(() -> converse(lex, sessionId, share)));
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

    private static long[] converse(LexRuntimeV2Client lex, String sessionId, int turns) {
        long[] latencies = new long[turns];
        for (int i = 0; i < turns; i++) {
            String text = ORDER.get(i % ORDER.size());
            long start = System.nanoTime();
            lex.recognizeText(r -> r.botId(OrderFlowers.BOT_ID).botAliasId("TSTALIASID").localeId(OrderFlowers.LOCALE)
                    .sessionId(sessionId).text(text));
            latencies[i] = System.nanoTime() - start;
        }
        return latencies;
    }

    private static double percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
