package dev.flexlex.outbound;

import dev.flexlex.aws.AwsClients;
import dev.flexlex.metrics.BridgeMetrics;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.Json;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
import dev.flexlex.priming.CannedTwilioHttpClient;
import dev.flexlex.priming.PrimingKit;
import dev.flexlex.twilio.SecretsManagerTwilioCredentials;
import dev.flexlex.twilio.TwilioCredentials;
import java.util.List;

/**
 * The reply poster's priming: one SQS record of a {@link BotReply} (a text reply, the chat stays with the bot) of
 * the configured platform through a handler built like the real one (Secrets Manager credentials, twilio-java
 * posting the message) over {@link PrimingKit}'s in-memory HTTP clients. Nothing is posted and the real secret is
 * never read.
 */
final class ReplyPriming {
    private ReplyPriming() {
    }

    /**
     * Builds the handler once and runs {@code rounds} records through it.
     *
     * @throws IllegalStateException when the priming record fails (a priming bug, never a real failure)
     */
    static void run(OutboundConfig config, int rounds) {
        TwilioCredentials credentials = new SecretsManagerTwilioCredentials(
                PrimingKit.aws(AwsClients.from(config.aws())).secretsManager(), PrimingKit.SECRET_ID);
        BotReplyHandler handler = new BotReplyHandler(OutboundWiring.service(config,
                CannedTwilioHttpClient.client(credentials), BridgeMetrics.discarding()));
        BotReply reply = new BotReply(BotReply.SCHEMA_VERSION, config.chatPlatform(), PrimingKit.CHAT_SID,
                PrimingKit.MESSAGE_SID, PrimingKit.WEBHOOK_SID, null, "priming-customer", null,
                List.of(ReplyMessage.plainText("priming")), NextStep.WAIT_FOR_MESSAGE, null, null, null);
        byte[] event = PrimingKit.sqsEvent(Json.write(reply));
        for (int round = 0; round < rounds; round++) {
            PrimingKit.requireNoBatchItemFailures(PrimingKit.invoke((in, out) -> handler.handleRequest(in, out, null),
                    event));
        }
    }
}
