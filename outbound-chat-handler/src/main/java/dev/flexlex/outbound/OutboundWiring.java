package dev.flexlex.outbound;

import dev.flexlex.aws.AwsClients;
import dev.flexlex.chat.ConversationsChatPlatform;
import dev.flexlex.chat.ProgrammableChatPlatform;
import dev.flexlex.metrics.BridgeMetrics;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.twilio.SecretsManagerTwilioCredentials;
import dev.flexlex.twilio.TwilioClient;
import dev.flexlex.twilio.TwilioCredentials;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** The one place outbound-chat-handler's clients and object graph are built (once per function instance). */
public final class OutboundWiring {
    private OutboundWiring() {
    }

    /** The function's graph: the Twilio credentials from Secrets Manager (fetched on first use). */
    public static BotReplyService service(OutboundConfig config) {
        return service(config, new SecretsManagerTwilioCredentials(AwsClients.from(config.aws()).secretsManager(),
                config.twilio().secretId()));
    }

    /** The same graph over other Twilio credentials (in-process runs against a local Flex). */
    public static BotReplyService service(OutboundConfig config, TwilioCredentials credentials) {
        return service(config, TwilioClient.create(credentials, config.twilio().apiAddress()));
    }

    /** The graph over any Twilio client, with the function's metrics. */
    static BotReplyService service(OutboundConfig config, TwilioClient twilio) {
        return service(config, twilio, BridgeMetrics.toStdout(config.metricsNamespace()));
    }

    /** The graph over any Twilio client and metrics (priming's in-memory client; its metrics discarded). */
    static BotReplyService service(OutboundConfig config, TwilioClient twilio, BridgeMetrics metrics) {
        Map<ChatPlatformKind, ReplyDelivery> deliveries = new EnumMap<>(ChatPlatformKind.class);
        deliveries.put(ChatPlatformKind.CONVERSATIONS, new ReplyDelivery(
                new ConversationsChatPlatform(twilio, config.botAuthor(), config.botWebhookUrl(), config.routing()),
                config.handoffPolicy(), metrics));
        if (config.chatServiceSid() != null) {
            deliveries.put(ChatPlatformKind.CHAT, new ReplyDelivery(new ProgrammableChatPlatform(twilio,
                    config.chatServiceSid(), config.botAuthor(), config.botWebhookUrl(), config.routing()),
                    config.handoffPolicy(), metrics));
        }
        return new BotReplyService(deliveries, metrics, Clock.systemUTC());
    }
}
