package dev.flexlex.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flexlex.model.Json;
import dev.flexlex.queue.QueueMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQS events of {@code events/} as Lambda hands them to a stream handler, and the partial batch response. */
class SqsBatchWireTest {
    static InputStream event(String file) throws IOException {
        return Files.newInputStream(Path.of("..", "events", file));
    }

    static InputStream json(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEachRecordsIdBodyAndReceiveCountInOrder() throws IOException {
        List<QueueMessage> messages = SqsBatchWire.read(event("sqs-bot-turns.json"), 1);

        assertEquals(3, messages.size());
        assertEquals("0c6a8d4e-1f1b-4c1e-9d2a-000000000001", messages.get(0).messageId());
        assertEquals("0c6a8d4e-1f1b-4c1e-9d2a-000000000002", messages.get(1).messageId());
        assertEquals(1, messages.get(0).receiveCount());
        assertEquals("I would like to order flowers", Json.readBotTurn(messages.get(0).body()).text());
    }

    @Test
    void aMissingOrUnreadableReceiveCountIsTheCallersDefault() throws IOException {
        List<QueueMessage> messages = SqsBatchWire.read(json("{\"Records\":[{\"messageId\":\"a\",\"body\":\"x\"},"
                + "{\"messageId\":\"b\",\"body\":\"y\",\"attributes\":{\"ApproximateReceiveCount\":\"many\"}},"
                + "{\"messageId\":\"c\",\"body\":\"z\",\"attributes\":{\"ApproximateReceiveCount\":\"3\"}}]}"), 2);

        assertEquals(List.of(2, 2, 3), messages.stream().map(QueueMessage::receiveCount).toList());
    }

    @Test
    void anEventWithoutRecordsIsAnEmptyBatchAndNonJsonIsAnError() throws IOException {
        assertEquals(List.of(), SqsBatchWire.read(json("{}"), 1));
        assertEquals(List.of(), SqsBatchWire.read(json(""), 1));
        assertThrows(IOException.class, () -> SqsBatchWire.read(json("{not json"), 1));
    }

    @Test
    void writesThePartialBatchResponseLambdaReads() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SqsBatchWire.writeFailures(List.of("m2", "m3"), out);
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"},{\"itemIdentifier\":\"m3\"}]}",
                out.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream none = new ByteArrayOutputStream();
        SqsBatchWire.writeFailures(List.of(), none);
        assertEquals("{\"batchItemFailures\":[]}", none.toString(StandardCharsets.UTF_8));
    }
}
