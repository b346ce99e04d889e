package dev.flexlex.it.e2e;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Plays Lambda's SQS event source mapping for one queue and one function: receives a batch (FIFO: SQS hands out
 * a group's next message only once the previous one is deleted), builds the {@link SQSEvent} Lambda would send,
 * invokes the function, deletes the records it did not report in {@code batchItemFailures} and makes the
 * reported ones visible again at once (Lambda waits out the visibility timeout; the tests skip that wait).
 */
final class SqsEventSource {
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final String functionName;
    private final RequestHandler<SQSEvent, SQSBatchResponse> function;
    private int invocations;
    private int failedRecords;

    SqsEventSource(SqsClient sqs, String queueUrl, int batchSize, String functionName,
                   RequestHandler<SQSEvent, SQSBatchResponse> function) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        this.batchSize = batchSize;
        this.functionName = functionName;
        this.function = function;
    }

    /** One poll; returns how many records the function was given (0: nothing visible, no invocation). */
    int pollOnce() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(this::record).toList());
        SQSBatchResponse response = function.handleRequest(event, new LambdaInvocation(functionName));
        invocations++;
        Set<String> failed = new HashSet<>();
        if (response != null && response.getBatchItemFailures() != null) {
            response.getBatchItemFailures().forEach(failure -> failed.add(failure.getItemIdentifier()));
        }
        failedRecords += failed.size();
        for (Message message : messages) {
            if (failed.contains(message.messageId())) {
                sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                        .visibilityTimeout(0));
            } else {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return messages.size();
    }

    int invocations() {
        return invocations;
    }

    int failedRecords() {
        return failedRecords;
    }

    private SQSEvent.SQSMessage record(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        Map<String, String> attributes = new HashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        record.setAttributes(attributes);
        record.setMessageAttributes(new HashMap<>());
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion("us-east-1");
        return record;
    }

    /**
     * A queue as template.yaml defines {@code logicalId}: FIFO without content-based deduplication, its visibility
     * timeout, and its dead-letter queue after {@code maxReceiveCount} receives. Returns the queue's URL; the
     * dead-letter queue is named after it with {@code -dlq}.
     */
    static String createFromTemplate(SqsClient sqs, JsonNode template, String logicalId, String name) {
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

    /** The dead-letter queue {@link #createFromTemplate} made for {@code queueUrl}. */
    static String deadLetterQueueOf(String queueUrl) {
        return queueUrl.replace(".fifo", "-dlq.fifo");
    }

    /** Messages on this source's queue, visible or in flight. */
    int depth() {
        return depth(sqs, queueUrl);
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
