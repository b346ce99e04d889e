package dev.flexlex.it.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SQS events in {@code events/} are FIFO records whose bodies are the versioned queue records. */
class SqsEventsTest {

    @Test
    void botTurnBatchIsFifoGroupedByChatAndDedupedByMessageSid() throws Exception {
        List<SQSMessage> records = EventFiles.sqsEvent("sqs-bot-turns.json").getRecords();

        assertEquals(3, records.size());
        for (SQSMessage record : records) {
            assertFifoRecord(record, "InboundQueue");
            BotTurn turn = Json.readBotTurn(record.getBody());
            assertEquals(turn.chatSid(), record.getAttributes().get("MessageGroupId"));
            assertEquals(turn.messageSid(), record.getAttributes().get("MessageDeduplicationId"));
        }
        assertSequenceNumbersIncrease(records);
    }

    @Test
    void botReplyBatchIsFifoGroupedByChatAndDedupedByTheTurnsMessageSid() throws Exception {
        List<SQSMessage> records = EventFiles.sqsEvent("sqs-bot-replies.json").getRecords();

        assertEquals(2, records.size());
        for (SQSMessage record : records) {
            assertFifoRecord(record, "OutboundQueue");
            BotReply reply = Json.readBotReply(record.getBody());
            assertEquals(reply.chatSid(), record.getAttributes().get("MessageGroupId"));
            assertEquals(reply.messageSid(), record.getAttributes().get("MessageDeduplicationId"));
            assertTrue(!reply.messages().isEmpty());
        }
        assertSequenceNumbersIncrease(records);
    }

    private static void assertFifoRecord(SQSMessage record, String queue) throws Exception {
        assertEquals("aws:sqs", record.getEventSource());
        assertTrue(record.getEventSourceArn().contains(queue) && record.getEventSourceArn().endsWith(".fifo"),
                record.getEventSourceArn());
        for (String attribute : List.of("ApproximateReceiveCount", "SentTimestamp", "SequenceNumber", "MessageGroupId",
                "MessageDeduplicationId", "ApproximateFirstReceiveTimestamp")) {
            assertTrue(record.getAttributes().containsKey(attribute), record.getMessageId() + " has " + attribute);
        }
        byte[] md5 = MessageDigest.getInstance("MD5").digest(record.getBody().getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(md5), record.getMd5OfBody(), "md5OfBody of " + record.getMessageId());
    }

    /** FIFO sequence numbers grow within a message group (across groups they are unordered). */
    private static void assertSequenceNumbersIncrease(List<SQSMessage> records) {
        Map<String, BigInteger> previous = new HashMap<>();
        for (SQSMessage record : records) {
            BigInteger sequence = new BigInteger(record.getAttributes().get("SequenceNumber"));
            BigInteger before = previous.put(record.getAttributes().get("MessageGroupId"), sequence);
            assertTrue(before == null || sequence.compareTo(before) > 0, "SequenceNumber increases within a group");
        }
    }
}
