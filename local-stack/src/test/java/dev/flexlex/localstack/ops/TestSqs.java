package dev.flexlex.localstack.ops;

import dev.flexlex.localstack.SamTemplate.QueueSpec;
import dev.flexlex.localstack.sqs.LocalSqs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ on a free port with {@code queues} created as the stack creates them, and an SDK client for it. */
record TestSqs(LocalSqs sqs, SqsClient client) implements AutoCloseable {
    static TestSqs start(Map<String, QueueSpec> queues) {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalSqs sqs = new LocalSqs(port);
        SqsClient client = SqsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(sqs.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        sqs.createQueues(client, queues);
        return new TestSqs(sqs, client);
    }

    String url(String logicalId) {
        return sqs.queueUrl(logicalId);
    }

    /** {@code ApproximateNumberOfMessages} of a queue. */
    int available(String logicalId) {
        return Integer.parseInt(client.getQueueAttributes(r -> r.queueUrl(url(logicalId))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    @Override
    public void close() {
        client.close();
        sqs.close();
    }
}
