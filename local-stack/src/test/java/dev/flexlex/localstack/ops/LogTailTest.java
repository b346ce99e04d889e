package dev.flexlex.localstack.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @TempDir
    Path dir;

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void readsOnlyWhatThisRunAppendsWholeLinesOnlyWithTheFunctionOfTheFile() throws Exception {
        Path earlier = dir.resolve("ProcessBotTurnFunction-1.log");
        append(earlier, "a line of an earlier run\n");
        List<String> lines = new CopyOnWriteArrayList<>();
        try (LogTail tail = LogTail.start(dir, (function, line) -> lines.add(function + ": " + line))) {
            append(earlier, "first\nsecond, half");
            append(dir.resolve("OutboundChatHandlerFunction-12.log"), "new file\n");
            append(dir.resolve("notes.txt"), "not a log\n");
            tail.readAll();
            assertEquals(List.of("OutboundChatHandlerFunction: new file", "ProcessBotTurnFunction: first"), lines);
            append(earlier, " and its end\n");
            tail.readAll();
            assertEquals("ProcessBotTurnFunction: second, half and its end", lines.get(2));
            assertEquals(3, lines.size());
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheTail() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (LogTail tail = LogTail.start(dir, (function, line) -> {
            if (line.equals("bad")) {
                throw new IllegalStateException("boom");
            }
            lines.add(line);
        })) {
            append(dir.resolve("F-1.log"), "bad\ngood\n");
            tail.readAll();
            assertEquals(List.of("good"), lines);
        }
    }
}
