package dev.flexlex.outbound;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.flexlex.aws.AwsClients;
import dev.flexlex.chat.ConversationsChatPlatform;
import dev.flexlex.chat.ProgrammableChatPlatform;
import dev.flexlex.config.CallTimeouts;
import dev.flexlex.config.Env;
import dev.flexlex.lambda.SqsBatchWire;
import dev.flexlex.logging.InvocationLog;
import dev.flexlex.logging.LogIds;
import dev.flexlex.metrics.BridgeMetrics;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.priming.Priming;
import dev.flexlex.queue.QueueMessage;
import dev.flexlex.twilio.SecretsManagerTwilioCredentials;
import dev.flexlex.twilio.TwilioClient;
import dev.flexlex.twilio.TwilioCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The outbound FIFO queue's consumer (partial batch responses): turns the SQS event into {@link QueueMessage}s,
 * calls {@link BotReplyService}, and reports its failures as batch item failures.
 *
 * <p>A stream handler: the event is read and the response written with our own mapper ({@link SqsBatchWire}),
 * not by the runtime's reflection-based serializer, which costs a cold start far more than it does here.
 */
public final class BotReplyHandler implements RequestStreamHandler {
    /** A receive count SQS did not give counts as a possible redelivery (the safe side: check before posting). */
    private static final int UNKNOWN_RECEIVE_COUNT = 2;
    /**
     * A reply is not started with less than this left of the invocation: one Twilio call at its connect and read
     * timeouts. A reply cut off by the function's timeout is safe (it comes back and is checked against the chat),
     * but the replies already delivered in the batch would come back too. The function's {@code Timeout} in
     * template.yaml is sized from it (the template tests check).
     */
    public static final long RESERVE_MILLIS = CallTimeouts.twilioCall().toMillis();

    private final BotReplyService service;

    /** Kept for as long as the handler lives: CRaC holds its resources weakly. Null for handlers built for tests. */
    private final Priming priming;

    /** For the Lambda runtime: builds the real graph once from the environment, and registers its priming. */
    public BotReplyHandler() {
        this(Env.system());
    }

    private BotReplyHandler(Env env) {
        OutboundConfig config = OutboundConfig.from(env);
        AwsClients aws = AwsClients.fromEnv(env);
        this.service = build(config, new SecretsManagerTwilioCredentials(aws.secretsManager(), config.twilio().secretId()));
        this.priming = Priming.register("outbound-chat-handler", env, () -> ReplyPriming.run(config, aws));
    }

    public BotReplyHandler(BotReplyService service) {
        this.service = service;
        this.priming = null;
    }

    /** The real object graph (Twilio client built once; its secret fetched on first use). */
    public static BotReplyService build(Env env) {
        OutboundConfig config = OutboundConfig.from(env);
        AwsClients aws = AwsClients.fromEnv(env);
        return build(config, new SecretsManagerTwilioCredentials(aws.secretsManager(), config.twilio().secretId()));
    }

    /** The object graph from a config and Twilio credentials (local runs bring their own). */
    public static BotReplyService build(OutboundConfig config, TwilioCredentials credentials) {
        return build(config, TwilioClient.create(credentials, config.twilio().apiAddress()));
    }

    /** The object graph over any Twilio client. */
    static BotReplyService build(OutboundConfig config, TwilioClient twilio) {
        return build(config, twilio, BridgeMetrics.toStdout(config.metricsNamespace()));
    }

    /** The object graph over any Twilio client, with its metrics (priming's are discarded). */
    static BotReplyService build(OutboundConfig config, TwilioClient twilio, BridgeMetrics metrics) {
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

    /** Lambda's entry point: the SQS event's JSON in, the partial batch response's JSON out. */
    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        InvocationLog.begin(context == null ? null : context.getAwsRequestId());
        SqsBatchWire.writeFailures(process(SqsBatchWire.read(event, UNKNOWN_RECEIVE_COUNT), context), response);
    }

    /** The same for an event object (tests, benchmarks). */
    public SQSBatchResponse handle(SQSEvent event, Context context) {
        List<QueueMessage> batch = new ArrayList<>();
        if (event.getRecords() != null) {
            for (SQSEvent.SQSMessage record : event.getRecords()) {
                batch.add(new QueueMessage(record.getMessageId(), record.getBody(), receiveCount(record)));
            }
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (String id : process(batch, context)) {
            failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build());
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private List<String> process(List<QueueMessage> batch, Context context) {
        if (context != null) {
            MDC.put(LogIds.REQUEST_ID, context.getAwsRequestId());
        }
        try {
            return service.handle(batch, () -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis(),
                    RESERVE_MILLIS);
        } finally {
            MDC.remove(LogIds.REQUEST_ID);
        }
    }

    /** {@code ApproximateReceiveCount}; unreadable counts as a possible redelivery (the safe side). */
    private static int receiveCount(SQSEvent.SQSMessage record) {
        return SqsBatchWire.receiveCount(record.getAttributes() == null ? null
                : record.getAttributes().get("ApproximateReceiveCount"), UNKNOWN_RECEIVE_COUNT);
    }
}
