package dev.flexlex.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.Json;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

class JsonLineLoggingTest {

    @Test
    void slf4jFindsOurProviderAndWritesOneJsonLinePerEventWithMdcIds() throws Exception {
        String captured = StdoutCapture.capture(() -> {
            MDC.put(LogIds.CHAT_SID, "CH1");
            MDC.put(LogIds.MESSAGE_SID, "IM1");
            LoggerFactory.getLogger("test.logger").info("turn {} took {} ms", "IM1", 12);
            LoggerFactory.getLogger("test.logger").debug("not at INFO");
            LoggerFactory.getLogger("test.logger").error("failed", new IllegalStateException("boom\n\"x\""));
            MDC.clear();
        });
        String[] lines = captured.split("\n");
        assertEquals(2, lines.length, captured);
        JsonNode info = Json.mapper().readTree(lines[0]);
        assertEquals("INFO", info.get("level").asText());
        assertEquals("test.logger", info.get("logger").asText());
        assertEquals("turn IM1 took 12 ms", info.get("message").asText());
        assertEquals("CH1", info.get("chatSid").asText());
        assertEquals("IM1", info.get("messageSid").asText());
        Instant.parse(info.get("timestamp").asText());
        assertFalse(info.has("time"), "the timestamp key is the one Lambda's log-level filtering reads");
        JsonNode error = Json.mapper().readTree(lines[1]);
        assertEquals("ERROR", error.get("level").asText());
        assertEquals("java.lang.IllegalStateException: boom\n\"x\"", error.get("error").asText());
        assertTrue(error.get("stackTrace").asText().contains("JsonLineLoggingTest"));
    }

    @Test
    void formatEscapesControlCharactersAndKeepsReservedFieldsOurs() throws Exception {
        String line = JsonLineWriter.format(Instant.EPOCH, "WARN", "l", "a\tb\u0001",
                Map.of("level", "spoofed", "requestId", "r-1"), null);
        assertFalse(line.contains("\n"));
        JsonNode node = Json.mapper().readTree(line);
        assertEquals("WARN", node.get("level").asText());
        assertEquals("a\tb\u0001", node.get("message").asText());
        assertEquals("r-1", node.get("requestId").asText());
    }

    @Test
    void levelThresholdFromConfigDefaultsToInfo() {
        assertEquals(Level.INFO.toInt(), JsonLineServiceProvider.threshold(null, null));
        assertEquals(Level.DEBUG.toInt(), JsonLineServiceProvider.threshold(null, "debug"));
        assertEquals(Level.INFO.toInt(), JsonLineServiceProvider.threshold(null, "loud"));
    }

    @Test
    void lambdasApplicationLogLevelWinsOverOursAndItsFatalWritesNothing() {
        assertEquals(Level.WARN.toInt(), JsonLineServiceProvider.threshold("WARN", "debug"));
        assertEquals(Level.TRACE.toInt(), JsonLineServiceProvider.threshold("TRACE", "ERROR"));
        assertEquals(Level.ERROR.toInt(), JsonLineServiceProvider.threshold(" error ", null));
        assertEquals(Level.DEBUG.toInt(), JsonLineServiceProvider.threshold("", "debug"), "unset: ours");
        assertEquals(Level.DEBUG.toInt(), JsonLineServiceProvider.threshold("verbose", "debug"), "unknown: ours");
        int fatal = JsonLineServiceProvider.threshold("FATAL", "debug");
        JsonLineLogger logger = new JsonLineLogger("l", fatal, null);
        assertFalse(logger.isErrorEnabled(), "SLF4J has no FATAL: at Lambda's FATAL nothing is written");
        assertTrue(new JsonLineLogger("l", JsonLineServiceProvider.threshold("WARN", null), null).isWarnEnabled());
        assertFalse(new JsonLineLogger("l", JsonLineServiceProvider.threshold("WARN", null), null).isInfoEnabled());
    }

    @Test
    void everyLineCarriesTheFunctionNameWhenLambdaGivesOne() throws Exception {
        JsonNode node = Json.mapper().readTree(JsonLineWriter.format(Instant.EPOCH, "INFO", "l", "m",
                "process-bot-turn-fn", Map.of("functionName", "spoofed"), null));
        assertEquals("process-bot-turn-fn", node.get("functionName").asText());
        assertFalse(Json.mapper().readTree(JsonLineWriter.format(Instant.EPOCH, "INFO", "l", "m", Map.of(), null))
                .has("functionName"), "not outside Lambda");
    }
}
