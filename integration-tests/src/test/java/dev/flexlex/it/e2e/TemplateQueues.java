package dev.flexlex.it.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The template's queues on ElasticMQ, and how many messages one holds. */
final class TemplateQueues {
    private TemplateQueues() {
    }

    /**
     * A queue as template.yaml defines {@code logicalId}: FIFO without content-based deduplication, its visibility
     * timeout, and its dead-letter queue after {@code maxReceiveCount} receives. Returns the queue's URL; the
     * dead-letter queue is named after it with {@code -dlq}.
     */
    static String create(SqsClient sqs, JsonNode template, String logicalId, String name) {
        JsonNode properties = template.path("Resources").path(logicalId).path("Properties");
        String dlqUrl = sqs.createQueue(r -> r.queueName(name + "-dlq.fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false"))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":"
                + properties.path("RedrivePolicy").path("maxReceiveCount").asInt() + "}";
        return sqs.createQueue(r -> r.queueName(name + ".fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, String.valueOf(properties.path("FifoQueue").asBoolean()),
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                String.valueOf(properties.path("ContentBasedDeduplication").asBoolean()),
                QueueAttributeName.VISIBILITY_TIMEOUT, properties.path("VisibilityTimeout").asText(),
                QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
    }

    /** The dead-letter queue {@link #create} made for {@code queueUrl}. */
    static String deadLetterQueueOf(String queueUrl) {
        return queueUrl.replace(".fifo", "-dlq.fifo");
    }

    /** Messages on the queue, visible or in flight. */
    static int depth(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
