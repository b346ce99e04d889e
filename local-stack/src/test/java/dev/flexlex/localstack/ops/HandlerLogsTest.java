package dev.flexlex.localstack.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerLogsTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-05T23:40:20Z"), ZoneOffset.UTC);
    private final MetricStore metrics = new MetricStore(clock);
    private final RecentErrors errors = new RecentErrors();
    private final HandlerLogs logs = new HandlerLogs(metrics, errors, clock);

    @Test
    void anErrorLineKeepsItsIdsAndClassButNeitherItsMessageNorOtherFields() {
        logs.line("InboundBotHandlerFunction", "{\"time\":\"2026-12-05T23:40:17.210Z\",\"level\":\"ERROR\","
                + "\"logger\":\"dev.flexlex.inbound.WebhookService\",\"message\":\"turn not enqueued: customer said I want roses\","
                + "\"chatSid\":\"CHce75aaf80b6cbb1f33702bd3e412a9e7\",\"messageSid\":\"IM239229212fa4971ba684c44d644f1cd2\","
                + "\"requestId\":\"e1d2895d-fb21-46be-aa7c-46189fb1591a\",\"customerName\":\"Ada\",\"botName\":\"Order Flowers!\"}");
        List<RecentErrors.ErrorEntry> recent = errors.recent();
        assertEquals(1, recent.size());
        RecentErrors.ErrorEntry e = recent.get(0);
        assertEquals("2026-12-05T23:40:17.210Z", e.time());
        assertEquals("InboundBotHandlerFunction", e.function());
        assertEquals("log", e.source());
        assertEquals("WebhookService", e.kind());
        assertEquals(Map.of("chatSid", "CHce75aaf80b6cbb1f33702bd3e412a9e7", "messageSid", "IM239229212fa4971ba684c44d644f1cd2",
                "requestId", "e1d2895d-fb21-46be-aa7c-46189fb1591a"), e.ids(), "a bot name that is not a name is dropped");
        assertFalse(e.toString().contains("roses"));
        assertFalse(e.toString().contains("Ada"));
        assertEquals(Map.of("InboundBotHandlerFunction", 1), errors.logErrors());
    }

    @Test
    void lambdasTimestampFieldAndTheExceptionsClassButNotItsMessage() {
        logs.line("OutboundChatHandlerFunction", "{\"timestamp\":\"2026-12-06T00:01:02.003Z\",\"level\":\"ERROR\","
                + "\"logger\":\"dev.flexlex.queue.FifoBatch\",\"message\":\"record failed\",\"functionName\":\"f\","
                + "\"error\":\"dev.flexlex.chat.ChatPlatformException: Twilio said: customer text here\","
                + "\"stackTrace\":\"at x\",\"sqsMessageId\":\"482bd595-9a7c-4def-9fc7-0b8a1f84d5be\"}");
        RecentErrors.ErrorEntry e = errors.recent().get(0);
        assertEquals("2026-12-06T00:01:02.003Z", e.time());
        assertEquals("FifoBatch: ChatPlatformException", e.kind());
        assertEquals(Map.of("sqsMessageId", "482bd595-9a7c-4def-9fc7-0b8a1f84d5be"), e.ids());
        assertFalse(e.toString().contains("customer text"));
    }

    @Test
    void otherLevelsAndPlainLinesAreLeftAlone() {
        logs.line("F", "{\"level\":\"WARN\",\"message\":\"ERROR in text\",\"chatSid\":\"CHce75aaf80b6cbb1f33702bd3e412a9e7\"}");
        logs.line("F", "[ERROR] [1796503944383] LAMBDA_RUNTIME Failed to get next invocation. Http Response code: 500");
        logs.line("F", "{\"level\":\"ERROR\" broken json");
        assertEquals(List.of(), errors.recent());
    }

    @Test
    void emfLinesGoToTheMetricsAndBrokenOnesAreCounted() {
        logs.line("ProcessBotTurnFunction", "{\"_aws\":{\"Timestamp\":1796514213155,\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"FlexLexBridge\",\"Dimensions\":[[\"Bot\"]],\"Metrics\":[{\"Name\":\"Turns\",\"Unit\":\"Count\"}]}]},"
                + "\"Bot\":\"OrderFlowers\",\"Turns\":1}");
        logs.line("ProcessBotTurnFunction", "{\"_aws\":{\"CloudWatchMetrics\":[]},\"Turns\":1}");
        assertEquals(1, metrics.all().size());
        assertEquals(1, metrics.rejectedLines());
        assertEquals(List.of(), errors.recent());
    }
}
