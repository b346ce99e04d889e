package dev.flexlex.localstack;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Reads the stack's queues over the SQS API, as any SQS client would. */
final class Queues {
    private Queues() {
    }

    static SqsClient client(LocalStack stack) {
        return SqsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(stack.info().sqsBaseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Messages on a queue, visible or in flight. */
    static int depth(LocalStack stack, String logicalId) {
        try (SqsClient sqs = client(stack)) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(stack.queueUrl(logicalId))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
    }

    /** The queue's redrive policy as SQS reports it (empty without one). */
    static String redrivePolicy(LocalStack stack, String logicalId) {
        try (SqsClient sqs = client(stack)) {
            return sqs.getQueueAttributes(r -> r.queueUrl(stack.queueUrl(logicalId))
                    .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes()
                    .getOrDefault(QueueAttributeName.REDRIVE_POLICY, "");
        }
    }

    /**
     * What a failing test says of the messages on a queue: group, deduplication id and receive count, never the
     * record's text (the messages stay on the queue: a receive with visibility timeout 0).
     */
    static String describe(LocalStack stack, String logicalId) {
        try (SqsClient sqs = client(stack)) {
            return sqs.receiveMessage(r -> r.queueUrl(stack.queueUrl(logicalId)).maxNumberOfMessages(10)
                    .visibilityTimeout(0).messageSystemAttributeNamesWithStrings("All")).messages().stream()
                    .map(m -> m.attributesAsStrings().get("MessageGroupId") + "/"
                            + m.attributesAsStrings().get("MessageDeduplicationId") + " receives="
                            + m.attributesAsStrings().get("ApproximateReceiveCount"))
                    .toList().toString();
        } catch (RuntimeException e) {
            return "(could not read " + logicalId + ": " + e + ")";
        }
    }
}
