package dev.flexlex.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.config.ConfigException;
import dev.flexlex.config.Env;
import dev.flexlex.logging.StdoutCapture;
import dev.flexlex.model.ChatPlatformKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeMetricsTest {
    private static final Instant NOW = Instant.parse("2026-12-05T23:00:00.123Z");
    private final List<String> lines = new ArrayList<>();
    private final BridgeMetrics metrics = new BridgeMetrics("FlexLexBridge", Clock.fixed(NOW, ZoneOffset.UTC), lines::add);

    @Test
    void aHandoffTurnIsOneLineTheSpecAcceptsWithItsMetricsDimensionsAndUnits() {
        metrics.of("OrderFlowers", ChatPlatformKind.CONVERSATIONS)
                .count(Metric.TURNS).handoff(HandoffReason.AGENT_INTENT).emit();

        assertEquals(1, lines.size());
        JsonNode line = EmfLines.check(lines.get(0));
        assertEquals(NOW.toEpochMilli(), line.get("_aws").get("Timestamp").asLong());
        assertEquals("OrderFlowers", line.get("Bot").asText());
        assertEquals("conversations", line.get("Platform").asText());
        assertEquals("AgentIntent", line.get("Reason").asText());
        assertEquals(1, line.get("Turns").asInt());
        assertEquals(1, line.get("Handoffs").asInt());
        assertEquals(List.of("[Bot, Platform]", "[]"), EmfLines.dimensionSets(line, "Turns"));
        assertEquals(List.of("[Bot, Platform, Reason]", "[Reason]"), EmfLines.dimensionSets(line, "Handoffs"));
        assertEquals("{\"_aws\":{\"Timestamp\":" + NOW.toEpochMilli() + ",\"CloudWatchMetrics\":["
                + "{\"Namespace\":\"FlexLexBridge\",\"Dimensions\":[[\"Bot\",\"Platform\"],[]],\"Metrics\":[{\"Name\":\"Turns\",\"Unit\":\"Count\"}]},"
                + "{\"Namespace\":\"FlexLexBridge\",\"Dimensions\":[[\"Bot\",\"Platform\",\"Reason\"],[\"Reason\"]],\"Metrics\":[{\"Name\":\"Handoffs\",\"Unit\":\"Count\"}]}]},"
                + "\"Bot\":\"OrderFlowers\",\"Platform\":\"conversations\",\"Reason\":\"AgentIntent\",\"Turns\":1,\"Handoffs\":1}",
                lines.get(0));
    }

    @Test
    void metricsOfTheSameDimensionsShareOneDirectiveAndALatencyIsInMilliseconds() {
        metrics.of("OrderFlowers", ChatPlatformKind.CHAT).millis(Metric.REPLY_LATENCY, Duration.ofMillis(1234))
                .count(Metric.REPLIES_SPLIT).count(Metric.CHATS_CLOSED).emit();

        JsonNode line = EmfLines.check(lines.get(0));
        assertEquals(1, line.get("_aws").get("CloudWatchMetrics").size());
        assertEquals(1234, line.get("ReplyLatency").asLong());
        assertEquals("Milliseconds", line.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0).get("Unit").asText());
        assertEquals("chat", line.get("Platform").asText());
    }

    @Test
    void twilioErrorsCarryTheirStatusAndNoneWithoutAnAnswer() {
        metrics.of("OrderFlowers", ChatPlatformKind.CONVERSATIONS).twilioError(503).emit();
        metrics.of("OrderFlowers", ChatPlatformKind.CONVERSATIONS).twilioError(null).emit();

        assertEquals("503", EmfLines.check(lines.get(0)).get("Status").asText());
        assertEquals("none", EmfLines.check(lines.get(1)).get("Status").asText());
        assertEquals(List.of("[Bot, Platform, Status]", "[Status]"), EmfLines.dimensionSets(EmfLines.check(lines.get(0)),
                "TwilioErrors"));
    }

    @Test
    void aChatWithoutABotIsBotNoneAndOddNamesStayValidJson() {
        metrics.count(Metric.TURNS, null, ChatPlatformKind.CONVERSATIONS);
        metrics.count(Metric.TURNS, "Order \"Flowers\"\n\\", ChatPlatformKind.CONVERSATIONS);

        assertEquals("none", EmfLines.check(lines.get(0)).get("Bot").asText());
        assertEquals("Order \"Flowers\"\n\\", EmfLines.check(lines.get(1)).get("Bot").asText());
    }

    @Test
    void nothingIsWrittenForALineWithoutMetricsOrForANegativeLatency() {
        metrics.of("OrderFlowers", ChatPlatformKind.CONVERSATIONS).emit();
        metrics.of("OrderFlowers", ChatPlatformKind.CONVERSATIONS).millis(Metric.REPLY_LATENCY, Duration.ofMillis(-5)).emit();

        assertEquals(List.of(), lines);
    }

    @Test
    void theFunctionsLinesGoToStdoutWhole() {
        String out = StdoutCapture.capture(() -> BridgeMetrics.toStdout("FlexLexBridge")
                .count(Metric.LEX_THROTTLES, "OrderFlowers", ChatPlatformKind.CONVERSATIONS));

        List<JsonNode> documents = EmfLines.in(out);
        assertEquals(1, documents.size(), out);
        assertEquals(1, documents.get(0).get("LexThrottles").asInt());
    }

    @Test
    void discardingMetricsFormatButWriteNothing() {
        String out = StdoutCapture.capture(() -> BridgeMetrics.discarding()
                .count(Metric.TURNS, "OrderFlowers", ChatPlatformKind.CONVERSATIONS));

        assertEquals("", out);
    }

    @Test
    void theNamespaceComesFromPowertoolsVariableAndABadOneFailsNamingIt() {
        assertEquals("FlexLexBridge", new Env(Map.of()).metricsNamespace());
        assertEquals("Staging/FlexLexBridge", new Env(Map.of(Env.METRICS_NAMESPACE, "Staging/FlexLexBridge")).metricsNamespace());
        ConfigException e = assertThrows(ConfigException.class,
                () -> new Env(Map.of(Env.METRICS_NAMESPACE, "x".repeat(1025))).metricsNamespace());
        assertTrue(e.getMessage().contains(Env.METRICS_NAMESPACE), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BridgeMetrics(" ", Clock.systemUTC(), l -> { }));
    }

    @Test
    void theSpecCheckCatchesWhatItShould() {
        assertThrows(AssertionError.class, () -> EmfLines.check("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":["
                + "{\"Namespace\":\"FlexLexBridge\",\"Dimensions\":[[\"Bot\"]],\"Metrics\":[{\"Name\":\"Turns\",\"Unit\":\"Count\"}]}]},"
                + "\"Turns\":1}"), "a dimension without its root member");
        assertThrows(AssertionError.class, () -> EmfLines.check("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":["
                + "{\"Namespace\":\"FlexLexBridge\",\"Dimensions\":[[\"Chat\"]],\"Metrics\":[{\"Name\":\"Turns\",\"Unit\":\"Count\"}]}]},"
                + "\"Chat\":\"CH00000000000000000000000000000001\",\"Turns\":1}"), "a chat SID");
        assertThrows(AssertionError.class, () -> EmfLines.check("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":["
                + "{\"Namespace\":\"FlexLexBridge\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"Turns\",\"Unit\":\"Times\"}]}]},"
                + "\"Turns\":1}"), "an unknown unit");
    }
}
