package dev.flexlex.bench.latency;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.flexlex.aws.AwsClients;
import dev.flexlex.config.Env;
import dev.flexlex.inbound.InboundConfig;
import dev.flexlex.inbound.InboundWiring;
import dev.flexlex.inbound.TwilioWebhookHandler;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.Json;
import dev.flexlex.outbound.BotReplyHandler;
import dev.flexlex.outbound.BotReplyService;
import dev.flexlex.outbound.OutboundConfig;
import dev.flexlex.outbound.OutboundWiring;
import dev.flexlex.process.BotTurnHandler;
import dev.flexlex.process.BotTurnService;
import dev.flexlex.process.ProcessConfig;
import dev.flexlex.process.ProcessWiring;
import dev.flexlex.priming.Priming;
import dev.flexlex.queue.QueueMessage;
import dev.flexlex.twilio.SecretsManagerTwilioCredentials;
import dev.flexlex.twilio.TwilioCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The baseline the queues must justify, as one Lambda function behind the webhook: the same domain services run
 * synchronously inside the webhook call — the inbound {@code WebhookService} (signature, chat facts, bot), then
 * {@link BotTurnService} (GetSession, RecognizeText, turn policy) and {@link BotReplyService} (post the reply, hand
 * off, close) in-line where the real design puts a queue — built by the functions' own wiring with the same clients,
 * configuration and event handling. Run by the local stack's Lambda launcher (Lambda's JVM flags, the runtime
 * interface client) behind an HTTP API, against the same local Lex and local Flex as the queued design. Environment:
 * the three handlers' variables together (the queue URLs are required by their config but unused). With
 * {@code PRIME_AT_INIT=true} it runs the three functions' priming at init, as the queued design's functions do.
 */
public final class DirectBridge implements RequestStreamHandler {
    private final TwilioWebhookHandler webhook;

    /** For the runtime: builds the graph once from the environment. */
    public DirectBridge() {
        Env env = Env.system();
        InboundConfig inbound = InboundConfig.from(env);
        // One Twilio secret for both ends, as one function would hold it.
        TwilioCredentials credentials = new SecretsManagerTwilioCredentials(
                AwsClients.from(inbound.aws()).secretsManager(), inbound.twilio().secretId());
        BotReplyService replies = OutboundWiring.service(OutboundConfig.from(env), credentials);
        BotTurnService turns = ProcessWiring.service(ProcessConfig.from(env), (group, dedupId, reply) -> {
            List<String> failed = replies.handle(List.of(new QueueMessage(dedupId, Json.write(reply), 1)),
                    () -> Long.MAX_VALUE);
            if (!failed.isEmpty()) {
                throw new IllegalStateException("reply to " + dedupId + " not delivered");
            }
        });
        webhook = new TwilioWebhookHandler(InboundWiring.service(inbound,
                (group, dedupId, turn) -> turns.process((BotTurn) turn), credentials));
        if (Priming.atInit(env)) {
            // Primed as its three functions would be: each handler's own constructor runs its priming path
            // (PRIMING_ROUNDS times, against in-memory stand-ins) in this JVM; the handlers are then dropped.
            new TwilioWebhookHandler();
            new BotTurnHandler();
            new BotReplyHandler();
        }
    }

    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        webhook.handleRequest(event, response, context);
    }
}
