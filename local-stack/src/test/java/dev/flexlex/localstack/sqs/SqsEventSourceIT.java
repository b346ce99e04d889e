package dev.flexlex.localstack.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.flexlex.localstack.SamTemplate.QueueSpec;
import dev.flexlex.localstack.SamTemplate.SqsEventSpec;
import dev.flexlex.localstack.lambda.FunctionInvoker;
import dev.flexlex.localstack.lambda.FunctionRuntime;
import dev.flexlex.localstack.lambda.InvokeResult;
import dev.flexlex.localstack.lambda.LambdaFunction;
import dev.flexlex.localstack.lambda.RuntimeInterfaceClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.joda.time.DateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The event source against ElasticMQ and a handler under the real runtime interface client: partial batch responses
 * leave the reported records, a FIFO group waits behind its failing message, and that message moves to the
 * dead-letter queue after exactly {@code maxReceiveCount} receives while the other group flows. Batches of one, so each
 * message's receive count is its own (with larger batches a FIFO consumer also reports the records after a failure,
 * and those count receives too).
 */
class SqsEventSourceIT {
    @TempDir
    Path logs;

    @Test
    void aFailingFifoMessageBlocksOnlyItsGroupAndIsDeadLetteredAfterMaxReceiveCount() throws Exception {
        try (Queues q = Queues.start()) {
            LocalSqs sqs = q.sqs;
            SqsClient client = q.client;
            String work = sqs.queueUrl("Work");
            Map<String, String> ids = new LinkedHashMap<>();
            for (String[] m : new String[][] {{"A", "a1"}, {"A", "fail a2"}, {"A", "a3"}, {"B", "b1"}, {"B", "b2"}}) {
                ids.put(m[1], client.sendMessage(r -> r.queueUrl(work).messageGroupId(m[0]).messageDeduplicationId(m[1].replace(" ", "-"))
                        .messageBody(m[1])).messageId());
            }
            try (LambdaFunction fn = LambdaFunction.start(runtime(), 0)) {
                fn.awaitReady(Duration.ofSeconds(30));
                try (SqsEventSource source = new SqsEventSource(client, work, new SqsEventSpec("Work", 1, 2, true), fn,
                        Duration.ofSeconds(1))) {
                    long deadline = System.currentTimeMillis() + 60_000;
                    while (depth(client, sqs.queueUrl("Dlq")) + depth(client, work) != 1
                            || depth(client, work) != 0) {
                        assertTrue(System.currentTimeMillis() < deadline, "queues did not settle: " + source.receiveCounts());
                        Thread.sleep(200);
                    }
                    Map<String, Integer> counts = source.receiveCounts();
                    assertEquals(3, counts.get(ids.get("fail a2")), "received maxReceiveCount times: " + counts);
                    assertEquals(1, counts.get(ids.get("a1")), counts.toString());
                    assertEquals(1, counts.get(ids.get("b1")), counts.toString());
                    assertEquals(1, counts.get(ids.get("b2")), counts.toString());
                    assertEquals(1, counts.get(ids.get("a3")), "a3 waited behind a2 in its group, then went through once: " + counts);
                    List<Double> ages = source.recordAges().millis();
                    assertEquals(counts.values().stream().mapToInt(Integer::intValue).sum(), ages.size(),
                            "one age per record received: " + ages);
                    assertTrue(ages.stream().allMatch(age -> age >= 0 && age < 60_000), ages.toString());
                }
            }
            List<Message> dead = client.receiveMessage(r -> r.queueUrl(sqs.queueUrl("Dlq")).maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
            assertEquals(1, dead.size());
            assertEquals("fail a2", dead.get(0).body());
            assertEquals("A", dead.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
        }
    }

    /**
     * A record left for redelivery and a message of its FIFO group queued behind it: while they wait out the
     * visibility timeout, ElasticMQ's threads stay nearly idle. With long polls pending, ElasticMQ re-tries the
     * blocked group's message every millisecond (a core's worth of CPU) until the timeout ends.
     */
    @Test
    void whileARecordWaitsOutItsVisibilityTimeoutElasticMqIsQuiet() throws Exception {
        try (Queues q = Queues.start()) {
            LocalSqs sqs = q.sqs;
            SqsClient client = q.client;
            String work = sqs.queueUrl("Work");
            String failing = client.sendMessage(r -> r.queueUrl(work).messageGroupId("A").messageDeduplicationId("f")
                    .messageBody("fail first")).messageId();
            client.sendMessage(r -> r.queueUrl(work).messageGroupId("A").messageDeduplicationId("s").messageBody("second"));
            try (LambdaFunction fn = LambdaFunction.start(runtime(), 0)) {
                fn.awaitReady(Duration.ofSeconds(30));
                try (SqsEventSource source = new SqsEventSource(client, work, new SqsEventSpec("Work", 1, 2, true), fn, null)) {
                    long deadline = System.currentTimeMillis() + 20_000;
                    while (source.invocations() < 1 || fn.invocationDurations().millis().isEmpty()) {
                        assertTrue(System.currentTimeMillis() < deadline, "the failing record was never delivered");
                        Thread.sleep(50);
                    }
                    // Long polls that started before the failure end within WAIT_TIME_SECONDS.
                    Thread.sleep(SqsEventSource.WAIT_TIME_SECONDS * 1_000L + 1_000);
                    long before = elasticMqCpuNanos();
                    Thread.sleep(5_000);
                    long used = elasticMqCpuNanos() - before;
                    assertEquals(Map.of(failing, 1), source.receiveCounts(), "only the failing record was delivered, once");
                    assertTrue(used < 250_000_000L, "ElasticMQ's threads used " + used / 1_000_000
                            + " ms of CPU in 5 s while nothing could be delivered");
                }
            }
        }
    }

    /**
     * Without pollers the source receives only when told: each {@code pollOnce()} is one batch, a reported record
     * is visible again at once (received a second time by the next call), and a source with pollers refuses it.
     */
    @Test
    void withoutPollersEachPollOnceIsOneBatchAndAReportedRecordComesBackAtOnce() throws Exception {
        try (Queues q = Queues.start()) {
            String work = q.sqs.queueUrl("Work");
            String failing = q.client.sendMessage(r -> r.queueUrl(work).messageGroupId("A").messageDeduplicationId("f")
                    .messageBody("fail")).messageId();
            q.client.sendMessage(r -> r.queueUrl(work).messageGroupId("B").messageDeduplicationId("o").messageBody("ok"));
            List<String> events = new ArrayList<>();
            FunctionInvoker fn = new FunctionInvoker() {
                @Override
                public String name() {
                    return "InProcess";
                }

                @Override
                public CompletableFuture<InvokeResult> invoke(String eventJson) {
                    events.add(eventJson);
                    return CompletableFuture.completedFuture(InvokeResult.response(
                            "{\"batchItemFailures\":[{\"itemIdentifier\":\"" + failing + "\"}]}"));
                }
            };
            try (SqsEventSource source = SqsEventSource.withoutPollers(q.client, work,
                    new SqsEventSpec("Work", 5, 2, true), fn)) {
                assertEquals(2, depth(q.client, work), "nothing received before the first pollOnce");
                assertEquals(List.of(), events);

                assertEquals(2, source.pollOnce(), "both groups in one batch");
                assertEquals(1, source.failedRecords());
                assertEquals(1, depth(q.client, work), "the other record deleted");
                assertEquals(1, source.pollOnce(), "the reported record is visible again at once");
                assertEquals(2, source.receiveCounts().get(failing), "received twice");
                assertEquals(2, source.invocations());
                assertEquals(2, source.failedRecords());
            }
            try (SqsEventSource polling = new SqsEventSource(q.client, q.sqs.queueUrl("Dlq"),
                    new SqsEventSpec("Dlq", 1, 1, true), fn, null)) {
                assertThrows(IllegalStateException.class, polling::pollOnce);
            }
        }
    }

    /** CPU time so far of this JVM's ElasticMQ threads (its actor system's dispatchers and HTTP server). */
    private static long elasticMqCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("elasticmq")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    /** ElasticMQ on a free port with FIFO queues Work (visibility 30 s, redrive after 3 receives) and Dlq. */
    private record Queues(LocalSqs sqs, SqsClient client) implements AutoCloseable {
        static Queues start() throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            LocalSqs sqs = new LocalSqs(port);
            SqsClient client = SqsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(sqs.baseUrl()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                    .httpClient(UrlConnectionHttpClient.create()).build();
            Map<String, QueueSpec> queues = new LinkedHashMap<>();
            queues.put("Dlq", new QueueSpec("Dlq", true, false, 30, null, 0, null));
            queues.put("Work", new QueueSpec("Work", true, false, 30, "Dlq", 3, null));
            sqs.createQueues(client, queues);
            return new Queues(sqs, client);
        }

        @Override
        public void close() {
            client.close();
            sqs.close();
        }
    }

    private FunctionRuntime runtime() throws IOException, URISyntaxException {
        List<Path> classpath = new ArrayList<>();
        classpath.add(Path.of("target", "test-classes").toAbsolutePath());
        try (Stream<Path> jars = Files.list(Path.of("target", "lambda-runtime"))) {
            jars.map(Path::toAbsolutePath).forEach(classpath::add);
        }
        // What a handler jar brings along: the events classes, and joda-time, which the runtime loads for them.
        classpath.add(Path.of(SQSEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        classpath.add(Path.of(DateTime.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        String handler = FifoFailingHandler.class.getName() + "::handleRequest";
        return new FunctionRuntime("FifoFn", handler, classpath, Map.of("_HANDLER", handler, "AWS_REGION", "us-east-1"),
                256, Duration.ofSeconds(10), 2, logs, RuntimeInterfaceClient.unpackJni(classpath, logs.resolve("jni")));
    }

    private static int depth(SqsClient client, String url) {
        Map<String, String> a = client.getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return Integer.parseInt(a.get("ApproximateNumberOfMessages"))
                + Integer.parseInt(a.get("ApproximateNumberOfMessagesNotVisible"));
    }
}
