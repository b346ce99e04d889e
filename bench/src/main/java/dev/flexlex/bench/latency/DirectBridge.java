package dev.flexlex.bench.latency;

import com.sun.net.httpserver.HttpServer;
import dev.flexlex.config.Env;
import dev.flexlex.inbound.InboundConfig;
import dev.flexlex.inbound.TwilioWebhookHandler;
import dev.flexlex.inbound.WebhookRequest;
import dev.flexlex.inbound.WebhookResponse;
import dev.flexlex.inbound.WebhookService;
import dev.flexlex.lex.SdkLexGateway;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.Json;
import dev.flexlex.outbound.BotReplyHandler;
import dev.flexlex.outbound.BotReplyService;
import dev.flexlex.outbound.OutboundConfig;
import dev.flexlex.outbound.QueuedReply;
import dev.flexlex.process.Backoff;
import dev.flexlex.process.BotTurnService;
import dev.flexlex.process.ProcessConfig;
import dev.flexlex.twilio.TwilioCredentials;
import dev.flexlex.turn.TurnPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The baseline the queues must justify: one webhook endpoint that runs the same domain services synchronously
 * inside the webhook call — {@link WebhookService} (signature, chat facts, bot), then {@link BotTurnService}
 * (GetSession, RecognizeText, turn policy) and {@link BotReplyService} (post the reply, hand off, close) in-line
 * where the real design puts a queue — against the same local Lex and local Flex, with the same clients.
 */
final class DirectBridge implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final WebhookService webhook;

    /** @param env the handlers' environment (the webhook URL is filled in here), Lex and Twilio pointed locally */
    DirectBridge(Map<String, String> env, TwilioCredentials credentials) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        Map<String, String> vars = new java.util.HashMap<>(env);
        vars.put(InboundConfig.WEBHOOK_PUBLIC_URL, url());
        Env environment = new Env(vars);
        BotReplyService replies = BotReplyHandler.build(OutboundConfig.from(environment), credentials);
        ProcessConfig process = ProcessConfig.from(environment);
        BotTurnService turns = new BotTurnService(process.botRegistry(),
                new SdkLexGateway(process.awsClients().lexRuntime()),
                (group, dedupId, reply) -> {
                    List<String> failed = replies.handle(List.of(new QueuedReply(dedupId, Json.write(reply), 1)));
                    if (!failed.isEmpty()) {
                        throw new IllegalStateException("reply to " + dedupId + " not delivered");
                    }
                }, new TurnPolicy(), Backoff.standard());
        webhook = TwilioWebhookHandler.build(InboundConfig.from(environment),
                (group, dedupId, turn) -> turns.process((BotTurn) turn), credentials);
        server.createContext("/direct/webhook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            WebhookResponse response;
            try {
                response = webhook.handle(new WebhookRequest(query == null ? "" : query, body,
                        exchange.getRequestHeaders().getFirst("X-Twilio-Signature")));
            } catch (RuntimeException e) {
                response = new WebhookResponse(500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/direct/webhook";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
