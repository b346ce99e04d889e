package dev.flexlex.queue;

import dev.flexlex.model.Json;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
        publish(groupId, dedupId, record, null);
    }

    /** With {@code timeout} as the call's {@code apiCallTimeout} (the SDK's retries included); null: the client's. */
    @Override
    public void publish(String groupId, String dedupId, Object record, Duration timeout) {
        String body = Json.write(record);
        try {
            SendMessageResponse response = sqs.sendMessage(r -> {
                r.queueUrl(queueUrl)
                        .messageGroupId(groupId)
                        .messageDeduplicationId(dedupId)
                        .messageBody(body);
                if (timeout != null) {
                    r.overrideConfiguration(o -> o.apiCallTimeout(timeout));
                }
            });
            LOG.info("published {} ({} bytes) as SQS message {}", record.getClass().getSimpleName(),
                    body.length(), response.messageId());
        } catch (SdkException e) {
            throw new QueuePublishException("SQS did not accept " + record.getClass().getSimpleName()
                    + " for group " + groupId + ": " + e.getMessage(), e, retryable(e));
        } catch (UncheckedIOException e) {
            // url-connection-client lets a connection reset while the request body is written escape unwrapped
            throw new QueuePublishException("SQS connection failed sending " + record.getClass().getSimpleName()
                    + " for group " + groupId + ": " + e.getMessage(), e, true);
        }
    }

    /** SQS refusing the message itself (a 4xx other than throttling) will refuse it again; anything else may pass. */
    private static boolean retryable(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return true;
    }
}
