package dev.flexlex.localstack.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.localstack.SamTemplate.QueueSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The operations page's view of the queues against ElasticMQ, through the real SQS client: a FIFO message that failed
 * {@code maxReceiveCount} times is listed by its ids only, and the redrive puts it back on its source queue as it was
 * (body, attributes, group, deduplication id), once.
 */
class DeadLettersIT {
    private static final String CHAT = "CH00000000000000000000000000000001";
    private static final String MESSAGE = "IM00000000000000000000000000000003";
    private static final String BODY = "{\"schemaVersion\":1,\"platform\":\"conversations\",\"chatSid\":\"" + CHAT + "\","
            + "\"messageSid\":\"" + MESSAGE + "\",\"botName\":\"OrderFlowers\",\"customerIdentity\":\"customer-42\","
            + "\"customerName\":\"Ada\",\"messages\":[{\"contentType\":\"PlainText\",\"text\":\"Roses for my mother\","
            + "\"buttons\":[]}],\"nextStep\":\"AGENT\",\"slots\":{\"FlowerType\":\"roses\"}}";

    private TestSqs sqs;
    private SqsClient client;
    private DeadLetters deadLetters;

    @BeforeEach
    void start() {
        Map<String, QueueSpec> queues = new LinkedHashMap<>();
        queues.put("OutboundDeadLetterQueue", new QueueSpec("OutboundDeadLetterQueue", true, false, 30, null, 0, null));
        queues.put("OutboundQueue", new QueueSpec("OutboundQueue", true, false, 1, "OutboundDeadLetterQueue", 1, null));
        sqs = TestSqs.start(queues);
        client = sqs.client();
        deadLetters = new DeadLetters(client, sqs.sqs().queueUrls(), Map.of("OutboundDeadLetterQueue", "OutboundQueue"));
    }

    @AfterEach
    void stop() {
        sqs.close();
    }

    /** Sends the reply and receives it until ElasticMQ moves it to the DLQ (after maxReceiveCount = 1). */
    private void deadLetterOne() throws InterruptedException {
        String queue = sqs.url("OutboundQueue");
        client.sendMessage(r -> r.queueUrl(queue).messageBody(BODY).messageGroupId(CHAT).messageDeduplicationId(MESSAGE)
                .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String").stringValue("reply").build())));
        assertEquals(1, client.receiveMessage(r -> r.queueUrl(queue)).messages().size());
        long deadline = System.currentTimeMillis() + 10_000;
        while (depth("OutboundDeadLetterQueue") == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(300);
            assertEquals(0, client.receiveMessage(r -> r.queueUrl(queue)).messages().size());
        }
        assertEquals(1, depth("OutboundDeadLetterQueue"));
    }

    private long depth(String queue) {
        return deadLetters.depths().stream().filter(d -> d.queue().equals(queue)).mapToLong(d -> d.visible() + d.inFlight())
                .sum();
    }

    @Test
    void aDeadLetteredReplyIsListedByItsIdsOnly() throws Exception {
        deadLetterOne();
        List<DeadLetters.DeadLetter> listed = deadLetters.list("OutboundDeadLetterQueue");
        assertEquals(1, listed.size());
        DeadLetters.DeadLetter d = listed.get(0);
        assertEquals(CHAT, d.chatSid());
        assertEquals(MESSAGE, d.messageSid());
        assertEquals("OrderFlowers", d.botName());
        assertEquals("conversations", d.platform());
        assertEquals("AGENT", d.nextStep());
        assertEquals(1, d.replyParts());
        assertEquals("OutboundQueue.fifo", d.sourceQueue());
        assertTrue(d.receiveCount() >= 1);
        for (String secret : List.of("Roses for my mother", "Ada", "customer-42", "roses")) {
            assertFalse(d.toString().contains(secret), "listing shows " + secret);
        }
        assertEquals(1, depth("OutboundDeadLetterQueue"), "listing leaves the message where it is");
        assertEquals(List.of(new DeadLetters.Depth("OutboundDeadLetterQueue", true, "OutboundQueue", 1, 0),
                new DeadLetters.Depth("OutboundQueue", false, null, 0, 0)), deadLetters.depths());
    }

    @Test
    void redriveMovesTheMessageBackAsItWasWithItsGroupAndDeduplicationId() throws Exception {
        deadLetterOne();
        Message inDlq = client.receiveMessage(r -> r.queueUrl(sqs.url("OutboundDeadLetterQueue")).visibilityTimeout(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().get(0);

        DeadLetters.RedriveResult result = deadLetters.redrive("OutboundDeadLetterQueue");

        assertEquals(new DeadLetters.RedriveResult("OutboundDeadLetterQueue", "OutboundQueue", 1, 1), result);
        assertEquals(0, depth("OutboundDeadLetterQueue"));
        List<Message> back = client.receiveMessage(r -> r.queueUrl(sqs.url("OutboundQueue"))
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
        assertEquals(1, back.size());
        Message m = back.get(0);
        assertEquals(BODY, m.body());
        assertEquals(CHAT, m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
        assertEquals(inDlq.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID),
                m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
        assertEquals("reply", m.messageAttributes().get("kind").stringValue());
        assertEquals("1", m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT), "a new message");
        assertNotEquals(inDlq.messageId(), m.messageId());
    }

    @Test
    void anEmptyDeadLetterQueueRedrivesNothing() {
        assertEquals(new DeadLetters.RedriveResult("OutboundDeadLetterQueue", "OutboundQueue", 0, 0),
                deadLetters.redrive("OutboundDeadLetterQueue"));
        assertEquals(List.of(), deadLetters.list("OutboundDeadLetterQueue"));
    }

    @Test
    void aQueueThatIsNoDeadLetterQueueIsRefusedAndNothingMoves() throws Exception {
        deadLetterOne();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> deadLetters.redrive("OutboundQueue"));
        assertTrue(e.getMessage().contains("no dead-letter queue OutboundQueue"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> deadLetters.list("Nope"));
        assertEquals(1, depth("OutboundDeadLetterQueue"));
        assertEquals(0, depth("OutboundQueue"));
        assertEquals(0, sqs.available("OutboundQueue"));
    }
}
