package dev.flexlex.localstack.sqs;

import dev.flexlex.localstack.SamTemplate.QueueSpec;
import dev.flexlex.localstack.StackStartException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ on 127.0.0.1 with the template's queues created through the SQS API: dead-letter queues first, then
 * each queue with its FIFO flag, content-based deduplication, visibility timeout and {@code RedrivePolicy}
 * (ElasticMQ moves a message to the DLQ when its receive count passes {@code maxReceiveCount}, as SQS does).
 * Queues are named by their logical id ({@code InboundQueue.fifo}).
 */
public final class LocalSqs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSqs.class);

    private final SQSRestServer server;
    private final int port;
    private final Map<String, String> queueUrls = new LinkedHashMap<>();

    public LocalSqs(int port) {
        this.port = port;
        try {
            server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
                    .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                    .withAWSRegion("us-east-1").withAWSAccountId("000000000000").start();
            server.waitUntilStarted();
        } catch (RuntimeException e) {
            throw new StackStartException("ElasticMQ (SQS) could not listen on 127.0.0.1:" + port + " (port taken?): "
                    + e.getMessage(), e);
        }
        LOG.info("ElasticMQ listening on {}", baseUrl());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Creates {@code queues} (dead-letter queues first); their URLs by logical id are in {@link #queueUrls()}. */
    public void createQueues(SqsClient sqs, Map<String, QueueSpec> queues) {
        queues.values().stream().filter(q -> q.deadLetterQueue() == null).forEach(q -> create(sqs, q, null));
        queues.values().stream().filter(q -> q.deadLetterQueue() != null).forEach(q -> {
            String dlqUrl = queueUrls.get(q.deadLetterQueue());
            if (dlqUrl == null) {
                throw new StackStartException("queue " + q.logicalId() + " redrives to " + q.deadLetterQueue()
                        + ", which template.yaml does not define");
            }
            String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            create(sqs, q, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + q.maxReceiveCount() + "\"}");
        });
    }

    private void create(SqsClient sqs, QueueSpec q, String redrivePolicy) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(q.visibilityTimeout()));
        if (q.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, Boolean.toString(q.contentBasedDeduplication()));
        }
        if (q.messageRetentionPeriod() != null) {
            attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, q.messageRetentionPeriod().toString());
        }
        if (redrivePolicy != null) {
            attributes.put(QueueAttributeName.REDRIVE_POLICY, redrivePolicy);
        }
        String url = sqs.createQueue(r -> r.queueName(q.queueName()).attributes(attributes)).queueUrl();
        queueUrls.put(q.logicalId(), url);
        LOG.info("queue {} created: visibilityTimeout={} s, redrive={}", q.queueName(), q.visibilityTimeout(),
                redrivePolicy == null ? "none" : q.deadLetterQueue() + " after " + q.maxReceiveCount() + " receives");
    }

    /** Queue URLs by the template's logical id. */
    public Map<String, String> queueUrls() {
        return Map.copyOf(queueUrls);
    }

    public String queueUrl(String logicalId) {
        String url = queueUrls.get(logicalId);
        if (url == null) {
            throw new StackStartException("no queue " + logicalId);
        }
        return url;
    }

    /**
     * Stops ElasticMQ. Its stop unbinds the port at once, then lets requests in flight finish (up to a minute): the
     * pollers' pending long polls, up to {@code WaitTimeSeconds}. The stack waits for that at most 1 s and lets the
     * rest finish on a daemon thread, so that SIGTERM stops everything within seconds.
     */
    @Override
    public void close() {
        Thread stopper = new Thread(server::stopAndWait, "elasticmq-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
