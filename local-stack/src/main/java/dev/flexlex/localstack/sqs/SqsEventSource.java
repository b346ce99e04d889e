package dev.flexlex.localstack.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localstack.SamTemplate.SqsEventSpec;
import dev.flexlex.localstack.lambda.InvokeResult;
import dev.flexlex.localstack.lambda.FunctionInvoker;
import dev.flexlex.localstack.metrics.DurationSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Lambda's SQS event source mapping for one queue and one function, with the template's settings: up to
 * {@code MaximumConcurrency} pollers, each long-polling ({@code WaitTimeSeconds}) for up to {@code BatchSize}
 * messages with all system attributes, invoking the function with the SQS event and then deleting what succeeded
 * in one {@code DeleteMessageBatch}. No {@code ReceiveRequestAttemptId}: a poller never retries a receive, and
 * ElasticMQ keeps every attempt id for five minutes and scans them all on each receive. With
 * {@code ReportBatchItemFailures} the records named in {@code batchItemFailures} stay on the queue for redelivery; a function error (or a malformed or unknown item
 * identifier) leaves the whole batch. On a FIFO queue SQS hands out a message group's next message only once the
 * previous batch is deleted or visible again, so a group is never in two batches at once. Redelivery waits out the
 * visibility timeout, and the queue's redrive policy moves a message to its DLQ after {@code maxReceiveCount}.
 * {@link #withoutPollers} makes one that polls only when its owner calls {@link #pollOnce()} (a test's own pace).
 */
public final class SqsEventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int WAIT_TIME_SECONDS = 5;
    /** Between two empty short polls of all pollers, on average, while this source's records wait out their visibility. */
    static final long SHORT_POLL_PAUSE_MILLIS = 500;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final SqsEventSpec spec;
    private final FunctionInvoker function;
    /** False: no pollers, each {@link #pollOnce()} short-polls once. */
    private final boolean polling;
    private final Duration redeliveryDelay;
    private final long visibilityTimeoutMillis;
    /** Until when records this source left on the queue stay in flight (epoch millis); 0 when none. */
    private final AtomicLong leftInFlightUntil = new AtomicLong();
    private final ExecutorService pollers;
    private final Map<String, Integer> receiveCounts = new ConcurrentHashMap<>();
    private final AtomicInteger invocations = new AtomicInteger();
    private final AtomicInteger failedRecords = new AtomicInteger();
    private final DurationSample recordAges = new DurationSample();
    private volatile boolean running = true;

    /**
     * @param redeliveryDelay null: failed records come back after the queue's visibility timeout, as with Lambda;
     *                        otherwise their visibility is set to this (a test knob, so retries take seconds)
     */
    public SqsEventSource(SqsClient sqs, String queueUrl, SqsEventSpec spec, FunctionInvoker function,
                          Duration redeliveryDelay) {
        this(sqs, queueUrl, spec, function, redeliveryDelay, true);
    }

    /**
     * An event source with no pollers: each {@link #pollOnce()} is one short poll (no wait), and failed records are
     * visible again at once (Lambda waits out the visibility timeout; a test calling it skips that wait).
     */
    public static SqsEventSource withoutPollers(SqsClient sqs, String queueUrl, SqsEventSpec spec,
                                                FunctionInvoker function) {
        return new SqsEventSource(sqs, queueUrl, spec, function, Duration.ZERO, false);
    }

    private SqsEventSource(SqsClient sqs, String queueUrl, SqsEventSpec spec, FunctionInvoker function,
                           Duration redeliveryDelay, boolean polling) {
        this.polling = polling;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.spec = spec;
        this.function = function;
        this.redeliveryDelay = redeliveryDelay;
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN, QueueAttributeName.VISIBILITY_TIMEOUT)).attributes();
        this.queueArn = attributes.get(QueueAttributeName.QUEUE_ARN);
        this.visibilityTimeoutMillis = Long.parseLong(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)) * 1000;
        AtomicInteger n = new AtomicInteger();
        this.pollers = Executors.newFixedThreadPool(polling ? spec.maximumConcurrency() : 1, r -> {
            Thread t = new Thread(r, "sqs-poller-" + function.name() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; polling && i < spec.maximumConcurrency(); i++) {
            pollers.submit(this::pollLoop);
        }
        LOG.info("event source {} -> {}: batchSize={} maximumConcurrency={} reportBatchItemFailures={}", spec.queue(),
                function.name(), spec.batchSize(), spec.maximumConcurrency(), spec.reportBatchItemFailures());
    }

    /** The highest {@code ApproximateReceiveCount} each message id was delivered with. */
    public Map<String, Integer> receiveCounts() {
        return Map.copyOf(receiveCounts);
    }

    /** The template's logical id of the queue it polls. */
    public String queue() {
        return spec.queue();
    }

    /** Each record's age when a poller received it (now minus its {@code SentTimestamp}; 1 ms resolution). */
    public DurationSample recordAges() {
        return recordAges;
    }

    public int invocations() {
        return invocations.get();
    }

    /** Records left on the queue for redelivery, over all invocations. */
    public int failedRecords() {
        return failedRecords.get();
    }

    /** One receive (no wait), invoke, delete, on the caller's thread; returns how many records the function got. */
    public int pollOnce() {
        if (polling) {
            throw new IllegalStateException("this event source has its own pollers");
        }
        try {
            return poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted polling " + spec.queue(), e);
        }
    }

    private void pollLoop() {
        while (running) {
            try {
                poll();
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("poller of {} failed, polling again in 1 s: {}", spec.queue(), e.toString());
                    sleep(1_000);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * One receive, invoke, delete. Long polls, except while records this source left on the queue are in flight:
     * then short polls, {@link #SHORT_POLL_PAUSE_MILLIS} apart on average over all pollers (a poller that receives
     * something polls again at once). ElasticMQ (1.7.1, and its main branch) wakes a waiting
     * long poll at the earliest {@code nextDelivery} of any message on the queue; on a FIFO queue a message queued
     * behind an in-flight one of its group is past its {@code nextDelivery} but cannot be delivered, so the queue's
     * actor re-tries every millisecond until the group is free: two busy cores for the whole visibility timeout.
     */
    private int poll() throws InterruptedException {
        long receivedAt = System.currentTimeMillis();
        boolean shortPoll = !polling || receivedAt < leftInFlightUntil.get();
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(spec.batchSize())
                .waitTimeSeconds(shortPoll ? 0 : WAIT_TIME_SECONDS)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
        if (messages.isEmpty() || !running) {
            if (shortPoll && running && polling) {
                // All pollers together short-poll about every SHORT_POLL_PAUSE_MILLIS, at random moments.
                Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(
                        SHORT_POLL_PAUSE_MILLIS * spec.maximumConcurrency() * 2 + 1));
            }
            return 0;
        }
        long now = System.currentTimeMillis();
        for (Message m : messages) {
            Map<String, String> attributes = m.attributesAsStrings();
            receiveCounts.merge(m.messageId(), Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "1")),
                    Math::max);
            String sent = attributes.get("SentTimestamp");
            if (sent != null) {
                recordAges.add(now - Long.parseLong(sent));
            }
        }
        invocations.incrementAndGet();
        InvokeResult result;
        try {
            result = function.invoke(event(messages)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            result = null;
        }
        Set<String> failed = failedIds(result, messages);
        failedRecords.addAndGet(failed.size());
        if (!failed.isEmpty()) {
            long until = redeliveryDelay != null ? System.currentTimeMillis() + redeliveryDelay.toMillis()
                    : receivedAt + visibilityTimeoutMillis;
            leftInFlightUntil.accumulateAndGet(until, Math::max);
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                        .receiptHandle(message.receiptHandle()).build());
            } else if (redeliveryDelay != null) {
                sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                        .visibilityTimeout((int) redeliveryDelay.toSeconds()));
            }
        }
        if (!done.isEmpty()) {
            // A record whose delete fails comes back after the visibility timeout, as with Lambda.
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done)).failed().forEach(f -> LOG.warn(
                    "{} could not delete a record from {}: {} {}", function.name(), spec.queue(), f.code(), f.message()));
        }
        LOG.info("{} batch of {} from {}: {} deleted, {} left for redelivery", function.name(), messages.size(),
                spec.queue(), messages.size() - failed.size(), failed.size());
        return messages.size();
    }

    /** The records to leave on the queue: all of them on a function error, else those the function reported. */
    private Set<String> failedIds(InvokeResult result, List<Message> messages) {
        Set<String> all = new HashSet<>();
        messages.forEach(m -> all.add(m.messageId()));
        if (result == null || !result.ok()) {
            LOG.warn("{} failed ({}): the whole batch stays on {}", function.name(),
                    result == null ? "no result" : result.errorType(), spec.queue());
            return all;
        }
        if (!spec.reportBatchItemFailures()) {
            return Set.of();
        }
        try {
            JsonNode response = JSON.readTree(result.payload());
            Set<String> failed = new HashSet<>();
            for (JsonNode item : response == null ? JSON.createArrayNode() : response.path("batchItemFailures")) {
                String id = item.path("itemIdentifier").asText("");
                if (!all.contains(id)) {
                    // Lambda treats an empty or unknown identifier as a failure of the whole batch.
                    LOG.warn("{} reported unknown itemIdentifier; the whole batch stays", function.name());
                    return all;
                }
                failed.add(id);
            }
            return failed;
        } catch (Exception e) {
            LOG.warn("{} answered a batch response that is not JSON; the whole batch stays", function.name());
            return all;
        }
    }

    private String event(List<Message> messages) throws InterruptedException {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            record.set("attributes", JSON.valueToTree(m.attributesAsStrings()));
            record.putObject("messageAttributes");
            record.put("md5OfBody", m.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", "us-east-1");
        }
        return event.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling without waiting (the stack calls it on every source first, so their last polls end together). */
    public void beginShutdown() {
        running = false;
        pollers.shutdownNow();
    }

    @Override
    public void close() {
        beginShutdown();
        try {
            // A poller blocked in a long poll does not see the interrupt; its daemon thread ends with ElasticMQ.
            pollers.awaitTermination(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
