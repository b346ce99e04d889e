package dev.flexlex.process;

import dev.flexlex.aws.AwsClients;
import dev.flexlex.metrics.BridgeMetrics;
import dev.flexlex.process.lex.SdkLexGateway;
import dev.flexlex.queue.QueuePublisher;
import dev.flexlex.queue.SqsQueuePublisher;

/** The one place process-bot-turn's clients and object graph are built (once per function instance). */
public final class ProcessWiring {
    private ProcessWiring() {
    }

    /** The function's graph: Lex runtime and SQS clients as configured. */
    public static BotTurnService service(ProcessConfig config) {
        AwsClients aws = AwsClients.from(config.aws());
        return service(config, aws, new SqsQueuePublisher(aws.sqs(), config.outboundQueueUrl()),
                BridgeMetrics.toStdout(config.metricsNamespace()));
    }

    /**
     * The same graph with the replies handed to {@code replies} instead of the outbound queue (the bench's direct
     * bridge delivers them in-line).
     */
    public static BotTurnService service(ProcessConfig config, QueuePublisher replies) {
        return service(config, AwsClients.from(config.aws()), replies, BridgeMetrics.toStdout(config.metricsNamespace()));
    }

    /** The graph over priming's in-memory AWS clients; its metrics are discarded. */
    static BotTurnService forPriming(ProcessConfig config, AwsClients primingAws) {
        return service(config, primingAws, new SqsQueuePublisher(primingAws.sqs(), config.outboundQueueUrl()),
                BridgeMetrics.discarding());
    }

    private static BotTurnService service(ProcessConfig config, AwsClients aws, QueuePublisher replies,
                                          BridgeMetrics metrics) {
        return new BotTurnService(config.botRegistry(), new SdkLexGateway(aws.lexRuntime()), replies, new TurnPolicy(),
                BotTurnService.LEX_RETRY, config.textForLex(), metrics);
    }
}
