package dev.flexlex.bench.latency;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Samples the depth of some queues every {@link #PERIOD_MILLIS} while a phase runs: messages waiting for a poller
 * ({@code ApproximateNumberOfMessages}, which on a FIFO queue includes those held back behind their group's
 * in-flight message) and in flight ({@code ApproximateNumberOfMessagesNotVisible}).
 */
final class QueueDepths implements AutoCloseable {
    static final long PERIOD_MILLIS = 50;

    /** The largest and the mean number of messages seen waiting and in flight. */
    record Depth(int maxWaiting, double meanWaiting, int maxInFlight) {
    }

    private final SqsClient sqs;
    private final Map<String, String> queueUrls;
    private final Map<String, long[]> sums = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    /** @param queueUrls queue name to URL */
    QueueDepths(String sqsEndpoint, Map<String, String> queueUrls) {
        this.sqs = SqsClient.builder().endpointOverride(URI.create(sqsEndpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        this.queueUrls = queueUrls;
        queueUrls.keySet().forEach(name -> sums.put(name, new long[4]));
        sampler = new Thread(this::sample, "queue-depths");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            try {
                queueUrls.forEach(this::sampleOne);
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    throw e;
                }
            }
        }
    }

    private void sampleOne(String name, String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        int waiting = Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        int inFlight = Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        long[] s = sums.get(name);
        synchronized (s) {
            s[0] = Math.max(s[0], waiting);
            s[1] += waiting;
            s[2]++;
            s[3] = Math.max(s[3], inFlight);
        }
    }

    Depth depth(String queue) {
        long[] s = sums.get(queue);
        synchronized (s) {
            return new Depth((int) s[0], s[2] == 0 ? 0 : (double) s[1] / s[2], (int) s[3]);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(5_000);
        sqs.close();
    }
}
