package dev.flexlex.localstack.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.flexlex.localstack.ops.EmfParser.MetricValue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricStoreTest {
    private static final long NOW = 1_800_000_000_000L;
    private final MetricStore store = new MetricStore(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    private static MetricValue value(String name, long ageMillis, double v, String bot) {
        return new MetricValue("FlexLexBridge", name, "Count", NOW - ageMillis, v, Map.of("Bot", bot));
    }

    @Test
    void sumsAMetricAcrossItsDimensionValuesAndRatesTheLastMinute() {
        store.add(List.of(value("Turns", 1_000, 1, "OrderFlowers"), value("Turns", 2_000, 1, "Other"),
                value("Turns", 30_000, 2, "OrderFlowers"), value("Turns", 90_000, 1, "Other")));
        MetricStore.Summary turns = store.summary("FlexLexBridge", "Turns");
        assertEquals(4, turns.count());
        assertEquals(5, turns.sum());
        assertEquals(4 / 60.0, turns.perSecond(), 1e-9, "the last minute's 4 turns, per second");
        double[] series = turns.series();
        assertEquals(30, series.length);
        assertEquals(2, series[29], "the last 10 s");
        assertEquals(2, series[26], "30 s ago");
        assertEquals(1, series[20], "90 s ago");
        assertNull(store.summary("FlexLexBridge", "Nothing"));
    }

    @Test
    void histogramPercentilesAndWindow() {
        store.add(List.of(new MetricValue("N", "ReplyLatency", "Milliseconds", NOW, 20, Map.of()),
                new MetricValue("N", "ReplyLatency", "Milliseconds", NOW, 50, Map.of()),
                new MetricValue("N", "ReplyLatency", "Milliseconds", NOW, 700, Map.of()),
                new MetricValue("N", "ReplyLatency", "Milliseconds", NOW, 12_000, Map.of()),
                new MetricValue("N", "ReplyLatency", "Milliseconds", NOW - 10 * 60_000, 3_000, Map.of())));
        MetricStore.Summary latency = store.summary("N", "ReplyLatency");
        assertArrayEquals(new long[]{1, 1, 0, 0, 1, 0, 1, 0, 1}, latency.histogram(),
                "buckets <50, 50-100, ..., 2.5-5 s, 5-10 s, >=10 s; since start, the old value included");
        assertEquals(50, latency.p50(), "median of the last 5 minutes (20, 50, 700, 12000)");
        assertEquals(12_000, latency.p99());
        assertEquals(12_000, latency.max());
        assertEquals(5, latency.count());
    }

    @Test
    void bucketsAreUpperBoundExclusive() {
        assertEquals(0, MetricStore.bucket(49.9));
        assertEquals(1, MetricStore.bucket(50));
        assertEquals(8, MetricStore.bucket(10_000));
        assertEquals(0, MetricStore.bucket(0));
    }

    @Test
    void rejectedLinesAreCounted() {
        store.rejected("Timestamp must be a number");
        store.rejected("metric Turns has no value member");
        assertEquals(2, store.rejectedLines());
        assertEquals("metric Turns has no value member", store.lastRejection());
    }
}
