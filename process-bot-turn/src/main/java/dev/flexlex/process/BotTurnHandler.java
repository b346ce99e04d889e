package dev.flexlex.process;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.flexlex.aws.AwsClients;
import dev.flexlex.config.CallTimeouts;
import dev.flexlex.config.Env;
import dev.flexlex.lambda.SqsBatchWire;
import dev.flexlex.logging.InvocationLog;
import dev.flexlex.logging.LogIds;
import dev.flexlex.metrics.BridgeMetrics;
import dev.flexlex.model.Json;
import dev.flexlex.priming.Priming;
import dev.flexlex.process.lex.LexGateway;
import dev.flexlex.process.lex.SdkLexGateway;
import dev.flexlex.queue.FifoBatch;
import dev.flexlex.queue.QueueMessage;
import dev.flexlex.queue.QueuePublisher;
import dev.flexlex.queue.SqsQueuePublisher;
import dev.flexlex.registry.BotRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * SQS FIFO trigger of process-bot-turn, with partial batch responses: each record is a {@code BotTurn}; the records
 * run in order and, at the first failure, that record and every later one are reported as batch item failures.
 *
 * <p>A stream handler: the event is read and the response written with our own mapper ({@link SqsBatchWire}),
 * not by the runtime's reflection-based serializer, which costs a cold start far more than it does here.
 */
public final class BotTurnHandler implements RequestStreamHandler {
    /**
     * A turn is not started with less than this left of the invocation: the longest one turn can take (its Lex calls
     * and pauses within {@link Backoff#STANDARD_BUDGET}, then the reply's SendMessage within its call timeout). The
     * rest of the batch is reported and comes back, rather than the timeout returning finished turns as well. The
     * function's {@code Timeout} in template.yaml is sized from it (the template tests check).
     */
    public static final long RESERVE_MILLIS = Backoff.STANDARD_BUDGET.plus(CallTimeouts.SQS_CALL).toMillis();

    private final BotTurnService service;
    /** Kept for as long as the handler lives: CRaC holds its resources weakly. Null for handlers built for tests. */
    private final Priming priming;

    /** Lambda's constructor: builds the real graph once from the environment, and registers its priming. */
    public BotTurnHandler() {
        this(Env.system());
    }

    private BotTurnHandler(Env env) {
        this(ProcessConfig.from(env), env);
    }

    private BotTurnHandler(ProcessConfig config, Env env) {
        this.service = service(config, config.awsClients(), BridgeMetrics.toStdout(config.metricsNamespace()));
        this.priming = Priming.register("process-bot-turn", env, () -> TurnPriming.run(config));
    }

    /** For tests: our own interfaces, no environment. */
    public BotTurnHandler(BotRegistry registry, LexGateway lex, QueuePublisher outbound, Backoff backoff) {
        this.service = new BotTurnService(registry, lex, outbound, new TurnPolicy(), backoff);
        this.priming = null;
    }

    /** The real graph over some AWS clients and metrics (the function's own, or priming's). */
    static BotTurnService service(ProcessConfig config, AwsClients aws, BridgeMetrics metrics) {
        return new BotTurnService(config.botRegistry(), new SdkLexGateway(aws.lexRuntime()),
                new SqsQueuePublisher(aws.sqs(), config.outboundQueueUrl()), new TurnPolicy(), Backoff.standard(),
                config.textForLex(), metrics);
    }

    public BotTurnHandler(BotTurnService service) {
        this.service = service;
        this.priming = null;
    }

    /** A handler over the real graph of priming's AWS clients (see {@link TurnPriming}). */
    static BotTurnHandler forPriming(ProcessConfig config, AwsClients primingAws) {
        return new BotTurnHandler(service(config, primingAws, BridgeMetrics.discarding()));
    }

    /** Lambda's entry point: the SQS event's JSON in, the partial batch response's JSON out. */
    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        InvocationLog.begin(context == null ? null : context.getAwsRequestId());
        SqsBatchWire.writeFailures(process(SqsBatchWire.read(event, 1), context), response);
    }

    /** The same for an event object (tests, benchmarks). */
    public SQSBatchResponse handle(SQSEvent event, Context context) {
        List<QueueMessage> messages = new ArrayList<>();
        if (event != null && event.getRecords() != null) {
            for (SQSEvent.SQSMessage record : event.getRecords()) {
                messages.add(new QueueMessage(record.getMessageId(), record.getBody(), receiveCount(record)));
            }
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (String id : process(messages, context)) {
            failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build());
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** The batch in order; returns the message ids to report as failures. */
    private List<String> process(List<QueueMessage> messages, Context context) {
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put(LogIds.REQUEST_ID, context.getAwsRequestId());
        }
        try {
            return FifoBatch.process(messages,
                    message -> service.process(Json.readBotTurn(message.body()), message.receiveCount() > 1),
                    () -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis(), RESERVE_MILLIS);
        } finally {
            MDC.remove(LogIds.REQUEST_ID);
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage record) {
        return SqsBatchWire.receiveCount(record.getAttributes() == null ? null
                : record.getAttributes().get("ApproximateReceiveCount"), 1);
    }
}
