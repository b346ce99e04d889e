package dev.flexlex.localstack.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.localstack.ops.EmfParser.MetricValue;
import dev.flexlex.localstack.ops.EmfParser.Result;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Lines shaped as the CloudWatch EMF specification describes them, good and bad. */
class EmfParserTest {
    /** The specification's own example document, on one line. */
    private static final String SPEC_EXAMPLE = "{\"_aws\":{\"Timestamp\":1574109732004,\"CloudWatchMetrics\":[{"
            + "\"Namespace\":\"lambda-function-metrics\",\"Dimensions\":[[\"functionVersion\"]],\"Metrics\":[{"
            + "\"Name\":\"time\",\"Unit\":\"Milliseconds\",\"StorageResolution\":60}]}]},\"functionVersion\":\"$LATEST\","
            + "\"time\":100,\"requestId\":\"989ffbf8-9ace-4817-a57c-e4dd734019ee\"}";

    @Test
    void readsTheSpecificationsExample() {
        Result r = EmfParser.parse(SPEC_EXAMPLE);
        assertTrue(r.emf());
        assertFalse(r.rejected());
        assertEquals(List.of(new MetricValue("lambda-function-metrics", "time", "Milliseconds", 1574109732004L, 100,
                Map.of("functionVersion", "$LATEST"))), r.values());
    }

    @Test
    void aPowertoolsShapedTurnWithBotAndPlatformAndAnAggregateDimensionSetCountsOnce() {
        String line = "{\"_aws\":{\"Timestamp\":1796514213155,\"CloudWatchMetrics\":[{\"Namespace\":\"FlexLexBridge\","
                + "\"Metrics\":[{\"Name\":\"Turns\",\"Unit\":\"Count\"},{\"Name\":\"Handoffs\",\"Unit\":\"Count\"}],"
                + "\"Dimensions\":[[\"Bot\",\"Platform\"],[\"Platform\"]]}]},\"Bot\":\"OrderFlowers\","
                + "\"Platform\":\"conversations\",\"Turns\":1.0,\"Handoffs\":1.0,\"Reason\":\"agent intent\","
                + "\"function_request_id\":\"e1d2895d-fb21-46be-aa7c-46189fb1591a\"}";
        List<MetricValue> values = EmfParser.parse(line).values();
        assertEquals(List.of("Turns", "Handoffs"), values.stream().map(MetricValue::name).toList(),
                "each metric once, though two dimension sets name it");
        assertEquals(Map.of("Bot", "OrderFlowers", "Platform", "conversations"), values.get(0).dimensions());
        assertEquals("Count", values.get(0).unit());
    }

    @Test
    void anArrayOfValuesGivesOneValueEachAndAMissingUnitIsNone() {
        String line = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[]],"
                + "\"Metrics\":[{\"Name\":\"ReplyLatency\"}]}]},\"ReplyLatency\":[12,40.5,7]}";
        List<MetricValue> values = EmfParser.parse(line).values();
        assertEquals(List.of(12.0, 40.5, 7.0), values.stream().map(MetricValue::value).toList());
        assertEquals("None", values.get(0).unit());
    }

    @Test
    void theSameNameInTwoNamespacesIsTwoMetrics() {
        String line = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"A\",\"Dimensions\":[],"
                + "\"Metrics\":[{\"Name\":\"x\"}]},{\"Namespace\":\"B\",\"Dimensions\":[],\"Metrics\":[{\"Name\":\"x\"}]},"
                + "{\"Namespace\":\"A\",\"Dimensions\":[],\"Metrics\":[{\"Name\":\"x\"}]}]},\"x\":3}";
        assertEquals(List.of("A", "B"), EmfParser.parse(line).values().stream().map(MetricValue::namespace).toList());
    }

    @Test
    void ordinaryLogLinesAreNotEmf() {
        for (String line : List.of("", "Exception in thread \"main\" java.lang.Error", "[ERROR] [1796503944383] LAMBDA_RUNTIME x",
                "{\"time\":\"2026-12-05T23:40:17Z\",\"level\":\"ERROR\",\"message\":\"no _aws here\"}",
                "{\"level\":\"INFO\",\"message\":\"mentions \\\"_aws\\\" in text\"}", "{\"_aws\": broken")) {
            Result r = EmfParser.parse(line);
            assertFalse(r.emf(), line);
            assertEquals(List.of(), r.values());
        }
    }

    @Test
    void aDocumentBreakingARuleGivesNoMetricAndSaysWhich() {
        String ok = "{\"Namespace\":\"N\",\"Dimensions\":[[\"Bot\"]],\"Metrics\":[{\"Name\":\"Turns\",\"Unit\":\"Count\"},"
                + "{\"Name\":\"Other\"}]}";
        Map<String, String> broken = Map.of(
                "{\"_aws\":{\"CloudWatchMetrics\":[" + ok + "]},\"Bot\":\"b\",\"Turns\":1,\"Other\":1}", "Timestamp",
                "{\"_aws\":{\"Timestamp\":\"1\",\"CloudWatchMetrics\":[" + ok + "]},\"Bot\":\"b\",\"Turns\":1,\"Other\":1}", "Timestamp",
                "{\"_aws\":{\"Timestamp\":1},\"Bot\":\"b\",\"Turns\":1}", "CloudWatchMetrics",
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[" + ok + "]},\"Turns\":1,\"Other\":1}", "dimension Bot",
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[" + ok + "]},\"Bot\":7,\"Turns\":1,\"Other\":1}", "dimension Bot",
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[" + ok + "]},\"Bot\":\"b\",\"Turns\":1}", "Other has no value",
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[" + ok + "]},\"Bot\":\"b\",\"Turns\":\"1\",\"Other\":1}", "number",
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Dimensions\":[],\"Metrics\":[]}]}}", "Namespace",
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Metrics\":[]}]}}", "Dimensions",
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[],\"Metrics\":[{\"Unit\":\"Count\"}]}]}}", "Name");
        broken.forEach((line, rule) -> {
            Result r = EmfParser.parse(line);
            assertTrue(r.emf() && r.rejected(), line);
            assertTrue(r.rejection().contains(rule), r.rejection() + " should name " + rule);
            assertEquals(List.of(), r.values(), "not even the valid metric of the line: " + line);
        });
    }

    @Test
    void theSpecificationsLimitsOnDimensionsMetricsAndValues() {
        String dims31 = IntStream.range(0, 31).mapToObj(i -> "\"d" + i + "\"").collect(Collectors.joining(","));
        String dimValues = IntStream.range(0, 31).mapToObj(i -> "\"d" + i + "\":\"v\"").collect(Collectors.joining(","));
        assertTrue(EmfParser.parse("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[["
                + dims31 + "]],\"Metrics\":[{\"Name\":\"m\"}]}]}," + dimValues + ",\"m\":1}").rejected(), "31 dimensions");
        String metrics101 = IntStream.range(0, 101).mapToObj(i -> "{\"Name\":\"m" + i + "\"}").collect(Collectors.joining(","));
        String metricValues = IntStream.range(0, 101).mapToObj(i -> "\"m" + i + "\":1").collect(Collectors.joining(","));
        assertTrue(EmfParser.parse("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[],"
                + "\"Metrics\":[" + metrics101 + "]}]}," + metricValues + "}").rejected(), "101 metrics");
        String values101 = IntStream.range(0, 101).mapToObj(i -> "1").collect(Collectors.joining(","));
        assertTrue(EmfParser.parse("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[],"
                + "\"Metrics\":[{\"Name\":\"m\"}]}]},\"m\":[" + values101 + "]}").rejected(), "101 values");
        String values100 = IntStream.range(0, 100).mapToObj(i -> "1").collect(Collectors.joining(","));
        assertEquals(100, EmfParser.parse("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[],"
                + "\"Metrics\":[{\"Name\":\"m\"}]}]},\"m\":[" + values100 + "]}").values().size(), "100 values are fine");
    }
}
