package dev.flexlex.localstack.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flexlex.localstack.SamTemplate.QueueSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Why {@link DeadLetters} does not redrive with {@code StartMessageMoveTask}: ElasticMQ (1.7.1) moves a standard
 * DLQ's messages back, but from a FIFO DLQ it moves none and reports the task COMPLETED. If an ElasticMQ upgrade makes
 * the FIFO case move the message, this test fails: switch {@link DeadLetters#redrive} to the move task then.
 */
class ElasticMqMoveTaskIT {
    @ParameterizedTest(name = "fifo={0}")
    @ValueSource(booleans = {false, true})
    void startMessageMoveTaskMovesAStandardDlqButNotAFifoOne(boolean fifo) throws Exception {
        Map<String, QueueSpec> queues = new LinkedHashMap<>();
        queues.put("Dlq", new QueueSpec("Dlq", fifo, false, 30, null, 0, null));
        queues.put("Work", new QueueSpec("Work", fifo, false, 1, "Dlq", 1, null));
        try (TestSqs sqs = TestSqs.start(queues)) {
            SqsClient client = sqs.client();
            String work = sqs.url("Work");
            client.sendMessage(r -> {
                r.queueUrl(work).messageBody("{}");
                if (fifo) {
                    r.messageGroupId("CH1").messageDeduplicationId("IM1");
                }
            });
            client.receiveMessage(r -> r.queueUrl(work));
            long deadline = System.currentTimeMillis() + 10_000;
            while (sqs.available("Dlq") == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(300);
                client.receiveMessage(r -> r.queueUrl(work));
            }
            assertEquals(1, sqs.available("Dlq"), "dead-lettered");
            String dlqArn = client.getQueueAttributes(r -> r.queueUrl(sqs.url("Dlq")).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);

            client.startMessageMoveTask(r -> r.sourceArn(dlqArn));
            ListMessageMoveTasksResultEntry task;
            deadline = System.currentTimeMillis() + 10_000;
            do {
                Thread.sleep(200);
                task = client.listMessageMoveTasks(r -> r.sourceArn(dlqArn)).results().get(0);
            } while (!task.status().equals("COMPLETED") && System.currentTimeMillis() < deadline);

            assertEquals("COMPLETED", task.status());
            assertEquals(fifo ? 0 : 1, task.approximateNumberOfMessagesMoved());
            assertEquals(fifo ? 1 : 0, sqs.available("Dlq"), fifo ? "the FIFO DLQ keeps its message" : "moved");
            assertEquals(fifo ? 0 : 1, sqs.available("Work"));
        }
    }
}
