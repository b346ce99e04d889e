package dev.flexlex.queue;

import dev.flexlex.model.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** {@link QueuePublisher} over one SQS FIFO queue. */
public final class SqsQueuePublisher implements QueuePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(SqsQueuePublisher.class);

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsQueuePublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(String groupId, String dedupId, Object record) {
        String body = Json.write(record);
        try {
            SendMessageResponse response = sqs.sendMessage(r -> r.queueUrl(queueUrl)
                    .messageGroupId(groupId)
                    .messageDeduplicationId(dedupId)
                    .messageBody(body));
            LOG.info("published {} ({} bytes) as SQS message {}", record.getClass().getSimpleName(),
                    body.length(), response.messageId());
        } catch (SdkException e) {
            throw new QueuePublishException("SQS did not accept " + record.getClass().getSimpleName()
                    + " for group " + groupId + ": " + e.getMessage(), e);
        }
    }
}
