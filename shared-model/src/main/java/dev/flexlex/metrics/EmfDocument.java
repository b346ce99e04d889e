package dev.flexlex.metrics;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one CloudWatch embedded metric format (EMF) document: a JSON object on one line whose {@code _aws} member
 * holds the {@code Timestamp} (milliseconds since the epoch) and the {@code CloudWatchMetrics} directives
 * (namespace, dimension sets, metric names and units), and whose root members hold the dimension values (strings)
 * and the metric values (numbers), as the specification requires:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 *
 * <p>Metrics sharing the same dimension sets share one directive. Our own few lines instead of a library: nothing
 * to load at cold start beyond what the functions load already (Jackson's string escaping).
 */
final class EmfDocument {
    /** The specification's limits: 30 keys per dimension set, 100 metrics per directive, 1,024 chars per value. */
    static final int MAX_DIMENSION_VALUE_CHARS = 1024;

    private final String namespace;
    private final long timestampMillis;
    private final Map<String, String> dimensions = new LinkedHashMap<>();
    /** Directive key (its dimension sets) to the metrics it names. */
    private final Map<List<List<String>>, List<Metric>> directives = new LinkedHashMap<>();
    private final Map<Metric, Double> values = new LinkedHashMap<>();

    EmfDocument(String namespace, long timestampMillis) {
        this.namespace = namespace;
        this.timestampMillis = timestampMillis;
    }

    /** Sets a dimension's value (a root member referenced by the dimension sets). */
    EmfDocument dimension(String name, String value) {
        String v = value == null || value.isBlank() ? "none" : value;
        dimensions.put(name, v.length() > MAX_DIMENSION_VALUE_CHARS ? v.substring(0, MAX_DIMENSION_VALUE_CHARS) : v);
        return this;
    }

    /** Adds {@code value} to {@code metric}, published under each of {@code dimensionSets}. */
    EmfDocument metric(Metric metric, double value, List<List<String>> dimensionSets) {
        List<Metric> named = directives.computeIfAbsent(dimensionSets, k -> new ArrayList<>());
        if (!named.contains(metric)) {
            named.add(metric);
        }
        values.merge(metric, value, Double::sum);
        return this;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    String toJson() {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"_aws\":{\"Timestamp\":").append(timestampMillis).append(",\"CloudWatchMetrics\":[");
        boolean firstDirective = true;
        for (Map.Entry<List<List<String>>, List<Metric>> directive : directives.entrySet()) {
            json.append(firstDirective ? "" : ",").append("{\"Namespace\":");
            quote(json, namespace).append(",\"Dimensions\":[");
            firstDirective = false;
            boolean firstSet = true;
            for (List<String> set : directive.getKey()) {
                json.append(firstSet ? "[" : ",[");
                firstSet = false;
                for (int i = 0; i < set.size(); i++) {
                    quote(json.append(i == 0 ? "" : ","), set.get(i));
                }
                json.append(']');
            }
            json.append("],\"Metrics\":[");
            List<Metric> metrics = directive.getValue();
            for (int i = 0; i < metrics.size(); i++) {
                json.append(i == 0 ? "" : ",").append("{\"Name\":");
                quote(json, metrics.get(i).metricName()).append(",\"Unit\":");
                quote(json, metrics.get(i).unit().cloudWatchName()).append('}');
            }
            json.append("]}");
        }
        json.append("]}");
        for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
            quote(json.append(','), dimension.getKey()).append(':');
            quote(json, dimension.getValue());
        }
        for (Map.Entry<Metric, Double> value : values.entrySet()) {
            quote(json.append(','), value.getKey().metricName()).append(':');
            double v = value.getValue();
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                json.append((long) v);
            } else {
                json.append(v);
            }
        }
        return json.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, json);
        return json.append('"');
    }
}
