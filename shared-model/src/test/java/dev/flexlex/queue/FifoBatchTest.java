package dev.flexlex.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.logging.LogIds;
import dev.flexlex.logging.StdoutCapture;
import dev.flexlex.model.MalformedRecordException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class FifoBatchTest {
    private static List<QueueMessage> batch(String... ids) {
        List<QueueMessage> messages = new ArrayList<>();
        for (String id : ids) {
            messages.add(new QueueMessage(id, "body of " + id, 1));
        }
        return messages;
    }

    @Test
    void processesInOrderAndReportsNothingWhenAllSucceed() {
        List<String> seen = new ArrayList<>();
        assertEquals(List.of(), FifoBatch.process(batch("a", "b", "c"), m -> seen.add(m.messageId())));
        assertEquals(List.of("a", "b", "c"), seen);
    }

    @Test
    void stopsAtTheFirstFailureAndReportsItAndEveryLaterMessage() {
        List<String> seen = new ArrayList<>();
        List<String> failed = FifoBatch.process(batch("a", "b", "c", "d"), m -> {
            seen.add(m.messageId());
            if (m.messageId().equals("b")) {
                throw new IllegalStateException("downstream failed");
            }
        });
        assertEquals(List.of("b", "c", "d"), failed);
        assertEquals(List.of("a", "b"), seen, "later messages are not touched");
    }

    @Test
    void noMessageIsStartedWithoutEnoughTimeLeft() {
        List<String> seen = new ArrayList<>();
        long[] remaining = {60_000};
        List<String> failed = FifoBatch.process(batch("a", "b", "c"), m -> {
            seen.add(m.messageId());
            remaining[0] -= 25_000;
        }, () -> remaining[0], 15_000);
        assertEquals(List.of("a", "b"), seen);
        assertEquals(List.of("c"), failed, "c would not finish before the timeout: it comes back untouched");
    }

    @Test
    void aMalformedMessageIsReportedAndLoggedByIdWithoutItsBody() {
        String logs = StdoutCapture.capture(() -> assertEquals(List.of("a", "b"),
                FifoBatch.process(batch("a", "b"), m -> {
                    throw new MalformedRecordException("BotTurn body is not valid JSON (line 1, column 2)");
                })));
        assertTrue(logs.contains("\"sqsMessageId\":\"a\""), logs);
        assertTrue(logs.contains("BotTurn body is not valid JSON"), logs);
        assertFalse(logs.contains("body of"), logs);
    }

    @Test
    void everyLineCarriesTheMessageIdAndNoIdsLeakToTheNextMessage() {
        List<String> chatSeen = new ArrayList<>();
        FifoBatch.process(batch("a", "b"), m -> {
            chatSeen.add(MDC.get(LogIds.CHAT_SID));
            assertEquals(m.messageId(), MDC.get(LogIds.SQS_MESSAGE_ID));
            MDC.put(LogIds.CHAT_SID, "CH-" + m.messageId());
        });
        assertEquals(Arrays.asList(null, null), chatSeen);
        assertNull(MDC.get(LogIds.SQS_MESSAGE_ID));
        assertNull(MDC.get(LogIds.CHAT_SID));
    }
}
