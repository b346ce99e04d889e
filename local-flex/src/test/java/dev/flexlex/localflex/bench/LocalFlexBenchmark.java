package dev.flexlex.localflex.bench;

import com.sun.net.httpserver.HttpServer;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.flexapi.v2.WebChannels;
import dev.flexlex.localflex.LocalFlexServer;
import dev.flexlex.localflex.testing.LocalFlexHttpClient;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: a harness that prints figures. Customer messages posted through twilio-java (with
 * {@code X-Twilio-Webhook-Enabled}) in many chats at once; reports REST latency percentiles, throughput and
 * the time from the REST answer to the webhook's arrival. Args: chats, messages per chat, client threads.
 */
public final class LocalFlexBenchmark {
    private LocalFlexBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int chats = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int perChat = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(chats * perChat);
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.setExecutor(Executors.newFixedThreadPool(8));
        hook.createContext("/", ex -> {
            long now = System.nanoTime();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            for (String pair : body.split("&")) {
                if (pair.startsWith("MessageSid=")) {
                    arrived.put(URLDecoder.decode(pair.substring(11), StandardCharsets.UTF_8), now);
                }
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
            all.countDown();
        });
        hook.start();
        try (LocalFlexServer flex = LocalFlexServer.builder().start()) {
            TwilioRestClient twilio = new TwilioRestClient.Builder(flex.accountSid(), flex.authToken())
                    .httpClient(new LocalFlexHttpClient(flex.baseUrl())).build();
            String address = AddressConfiguration.creator(AddressConfiguration.Type.CHAT, "bench")
                    .setAutoCreationEnabled(true).setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK)
                    .setAutoCreationWebhookUrl("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook")
                    .setAutoCreationWebhookFilters("onMessageAdded").create(twilio).getSid();
            List<WebChannels> webChats = new ArrayList<>();
            for (int c = 0; c < chats; c++) {
                webChats.add(WebChannels.creator(address).create(twilio));
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            Map<String, Long> answered = new ConcurrentHashMap<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (WebChannels chat : webChats) {
                work.add(pool.submit(() -> {
                    for (int m = 0; m < perChat; m++) {
                        long t0 = System.nanoTime();
                        String sid = Message.creator(chat.getConversationSid()).setAuthor(chat.getIdentity()).setBody("m" + m)
                                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(twilio).getSid();
                        long t1 = System.nanoTime();
                        latencies.add(t1 - t0);
                        answered.put(sid, t1);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            long restDone = System.nanoTime();
            boolean complete = all.await(120, TimeUnit.SECONDS);
            long hooksDone = System.nanoTime();
            pool.shutdown();
            List<Long> hookLag = new ArrayList<>();
            answered.forEach((sid, t) -> {
                Long a = arrived.get(sid);
                if (a != null) {
                    hookLag.add(Math.max(0, a - t));
                }
            });
            int n = chats * perChat;
            System.out.printf("local-flex benchmark: %d chats x %d customer messages, %d client threads%n", chats, perChat, threads);
            System.out.printf("  REST message create: %.0f/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                    n / ((restDone - start) / 1e9), pct(latencies, 50), pct(latencies, 90), pct(latencies, 99));
            System.out.printf("  webhooks: %d of %d delivered%s in %.2f s; REST answer -> webhook arrival p50 %.2f ms, p99 %.2f ms%n",
                    arrived.size(), n, complete ? "" : " (INCOMPLETE)", (hooksDone - start) / 1e9, pct(hookLag, 50), pct(hookLag, 99));
        } finally {
            hook.stop(0);
        }
        System.exit(0);
    }

    private static double pct(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }
}
