package dev.flexlex.bench.latency;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.flexlex.aws.AwsClients;
import dev.flexlex.config.Env;
import dev.flexlex.inbound.InboundConfig;
import dev.flexlex.inbound.TwilioWebhookHandler;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.Json;
import dev.flexlex.outbound.BotReplyHandler;
import dev.flexlex.outbound.BotReplyService;
import dev.flexlex.outbound.OutboundConfig;
import dev.flexlex.process.Backoff;
import dev.flexlex.process.BotTurnService;
import dev.flexlex.process.ProcessConfig;
import dev.flexlex.process.TurnPolicy;
import dev.flexlex.process.lex.SdkLexGateway;
import dev.flexlex.queue.QueueMessage;
import dev.flexlex.twilio.SecretsManagerTwilioCredentials;
import dev.flexlex.twilio.TwilioCredentials;
import java.util.List;

/**
 * The baseline the queues must justify, as one Lambda function behind the webhook: the same domain services run
 * synchronously inside the webhook call — the inbound {@code WebhookService} (signature, chat facts, bot), then
 * {@link BotTurnService} (GetSession, RecognizeText, turn policy) and {@link BotReplyService} (post the reply, hand
 * off, close) in-line where the real design puts a queue — with the same clients, configuration and event
 * handling. Run by the local stack's Lambda launcher (Lambda's JVM flags, the runtime interface client) behind an
 * HTTP API, against the same local Lex and local Flex as the queued design. Environment: the three handlers'
 * variables together (the queue URLs are required by their config but unused).
 */
public final class DirectBridge implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final TwilioWebhookHandler webhook;

    /** For the runtime: builds the graph once from the environment. */
    public DirectBridge() {
        Env env = Env.system();
        InboundConfig inbound = InboundConfig.from(env);
        TwilioCredentials credentials = new SecretsManagerTwilioCredentials(AwsClients.fromEnv(env).secretsManager(),
                inbound.twilio().secretId());
        BotReplyService replies = BotReplyHandler.build(OutboundConfig.from(env), credentials);
        ProcessConfig process = ProcessConfig.from(env);
        BotTurnService turns = new BotTurnService(process.botRegistry(),
                new SdkLexGateway(process.awsClients().lexRuntime()),
                (group, dedupId, reply) -> {
                    List<String> failed = replies.handle(List.of(new QueueMessage(dedupId, Json.write(reply), 1)));
                    if (!failed.isEmpty()) {
                        throw new IllegalStateException("reply to " + dedupId + " not delivered");
                    }
                }, new TurnPolicy(), Backoff.standard());
        webhook = new TwilioWebhookHandler(TwilioWebhookHandler.build(inbound,
                (group, dedupId, turn) -> turns.process((BotTurn) turn), credentials));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return webhook.handleRequest(event, context);
    }
}
