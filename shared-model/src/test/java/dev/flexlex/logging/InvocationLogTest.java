package dev.flexlex.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class InvocationLogTest {

    @BeforeEach
    void coldJvm() {
        InvocationLog.resetColdStart();
        MDC.clear();
    }

    @AfterEach
    void clean() {
        System.clearProperty(InvocationLog.TRACE_HEADER_PROPERTY);
        MDC.clear();
    }

    @Test
    void theFirstInvocationIsTheColdStartAndEveryLineCarriesTheRequestAndTraceIds() throws Exception {
        System.setProperty(InvocationLog.TRACE_HEADER_PROPERTY,
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047;Sampled=1");
        String first = StdoutCapture.capture(() -> {
            InvocationLog.begin("req-1");
            LoggerFactory.getLogger("t").info("one");
        });
        System.setProperty(InvocationLog.TRACE_HEADER_PROPERTY, "Root=1-00000002-000000000000000000000002;Sampled=0");
        String second = StdoutCapture.capture(() -> {
            InvocationLog.begin("req-2");
            LoggerFactory.getLogger("t").info("two");
        });

        JsonNode one = Json.mapper().readTree(first);
        assertEquals("req-1", one.get(LogIds.REQUEST_ID).asText());
        assertEquals("true", one.get(InvocationLog.COLD_START).asText());
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", one.get(InvocationLog.XRAY_TRACE_ID).asText());
        JsonNode two = Json.mapper().readTree(second);
        assertEquals("req-2", two.get(LogIds.REQUEST_ID).asText());
        assertEquals("false", two.get(InvocationLog.COLD_START).asText());
        assertEquals("1-00000002-000000000000000000000002", two.get(InvocationLog.XRAY_TRACE_ID).asText());
    }

    @Test
    void anInvocationWithoutATraceHeaderDropsThePreviousOnesTraceId() {
        System.setProperty(InvocationLog.TRACE_HEADER_PROPERTY, "Root=1-aaaaaaaa-bbbbbbbbbbbbbbbbbbbbbbbb");
        InvocationLog.begin("req-1");
        System.clearProperty(InvocationLog.TRACE_HEADER_PROPERTY);
        InvocationLog.begin("req-2");
        // The environment variable is the fallback; the test JVM has none.
        assertNull(System.getenv(InvocationLog.TRACE_HEADER_ENV));
        assertNull(MDC.get(InvocationLog.XRAY_TRACE_ID));
    }

    @Test
    void primingsMadeUpEventWithoutARequestIdNeitherSetsIdsNorUsesUpTheColdStart() {
        InvocationLog.begin(null);
        assertNull(MDC.get(LogIds.REQUEST_ID));
        assertNull(MDC.get(InvocationLog.COLD_START));
        InvocationLog.begin("req-1");
        assertEquals("true", MDC.get(InvocationLog.COLD_START));
    }

    @Test
    void closingTheScopeTakesTheRequestIdOffTheThreadsLaterLines() {
        try (InvocationLog.Scope log = InvocationLog.begin("req-1")) {
            assertEquals("req-1", MDC.get(LogIds.REQUEST_ID));
        }
        assertNull(MDC.get(LogIds.REQUEST_ID));
    }

    @Test
    void theTraceIdIsTheHeadersRoot() {
        assertEquals("1-5759e988-bd862e3fe1be46a994272793",
                InvocationLog.traceRoot("Parent=557abcec3ee5a047; Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"));
        assertNull(InvocationLog.traceRoot("Parent=557abcec3ee5a047;Sampled=1"));
        assertNull(InvocationLog.traceRoot("Root="));
        assertNull(InvocationLog.traceRoot(" "));
        assertNull(InvocationLog.traceRoot(null));
    }
}
