package dev.flexlex.localstack.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a log line the way CloudWatch Logs reads an embedded metric format (EMF) document
 * (<a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">specification</a>):
 * the whole line is one JSON object whose {@code _aws} member holds a {@code Timestamp} (milliseconds since the epoch)
 * and {@code CloudWatchMetrics}, an array of metric directives; each directive names a {@code Namespace}, its
 * {@code Dimensions} (an array of dimension sets, each an array of at most 30 keys that are string members of the
 * root) and its {@code Metrics} (at most 100 definitions with a {@code Name} and an optional {@code Unit}); each
 * metric's value is the root member of that name, a number or an array of at most 100 numbers. Members the
 * specification does not know are ignored. A line that is not JSON, or JSON without {@code _aws}, is an ordinary log
 * line; a document that breaks a rule gives no metric at all (CloudWatch counts it as a failed EMF event).
 *
 * <p>Each value is counted once per line even when several dimension sets (or directives of one namespace) name the
 * metric: the page sums a metric across its dimension values, so the extra dimension sets, which CloudWatch publishes
 * as further metrics with the same values, would count it twice.
 */
public final class EmfParser {
    static final int MAX_DIMENSIONS_PER_SET = 30;
    static final int MAX_METRICS_PER_DIRECTIVE = 100;
    static final int MAX_VALUES_PER_METRIC = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One value of one metric from one line; {@code unit} is "None" when the definition gives none. */
    public record MetricValue(String namespace, String name, String unit, long timestampMillis, double value,
                              Map<String, String> dimensions) {
    }

    /** What a line is: not EMF ({@link #notEmf}), EMF with its values, or EMF that breaks a rule (with the rule). */
    public record Result(boolean emf, List<MetricValue> values, String rejection) {
        static Result notEmf() {
            return new Result(false, List.of(), null);
        }

        static Result rejected(String why) {
            return new Result(true, List.of(), why);
        }

        public boolean rejected() {
            return rejection != null;
        }
    }

    private EmfParser() {
    }

    public static Result parse(String line) {
        String text = line.strip();
        if (!text.startsWith("{") || !text.contains("\"_aws\"")) {
            return Result.notEmf();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Result.notEmf();
        }
        if (root == null || !root.isObject() || !root.has("_aws")) {
            return Result.notEmf();
        }
        try {
            return new Result(true, values(root), null);
        } catch (InvalidEmfException e) {
            return Result.rejected(e.getMessage());
        }
    }

    private static List<MetricValue> values(JsonNode root) {
        JsonNode aws = root.get("_aws");
        require(aws.isObject(), "_aws must be an object");
        JsonNode timestamp = aws.get("Timestamp");
        require(timestamp != null && timestamp.isNumber(), "_aws.Timestamp must be a number");
        JsonNode directives = aws.get("CloudWatchMetrics");
        require(directives != null && directives.isArray(), "_aws.CloudWatchMetrics must be an array");
        List<MetricValue> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode directive : directives) {
            require(directive.isObject(), "a metric directive must be an object");
            JsonNode namespace = directive.get("Namespace");
            require(namespace != null && namespace.isTextual() && !namespace.asText().isEmpty()
                    && namespace.asText().length() <= 1024, "Namespace must be a non-empty string");
            Map<String, String> dimensions = dimensions(root, directive.get("Dimensions"));
            JsonNode metrics = directive.get("Metrics");
            require(metrics != null && metrics.isArray(), "Metrics must be an array");
            require(metrics.size() <= MAX_METRICS_PER_DIRECTIVE, "a directive has more than 100 metrics");
            for (JsonNode definition : metrics) {
                require(definition.isObject(), "a metric definition must be an object");
                JsonNode name = definition.get("Name");
                require(name != null && name.isTextual() && !name.asText().isEmpty(), "a metric needs a Name");
                JsonNode unit = definition.get("Unit");
                require(unit == null || unit.isTextual(), "Unit must be a string");
                JsonNode value = root.get(name.asText());
                require(value != null, "metric " + name.asText() + " has no value member");
                List<Double> numbers = numbers(name.asText(), value);
                if (seen.add(namespace.asText() + "\u0000" + name.asText())) {
                    for (double number : numbers) {
                        out.add(new MetricValue(namespace.asText(), name.asText(), unit == null ? "None" : unit.asText(),
                                timestamp.asLong(), number, dimensions));
                    }
                }
            }
        }
        return out;
    }

    /** Every dimension key of every set, with its value from the root. */
    private static Map<String, String> dimensions(JsonNode root, JsonNode sets) {
        require(sets != null && sets.isArray(), "Dimensions must be an array of dimension sets");
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode set : sets) {
            require(set.isArray(), "a dimension set must be an array");
            require(set.size() <= MAX_DIMENSIONS_PER_SET, "a dimension set has more than 30 keys");
            for (JsonNode key : set) {
                require(key.isTextual(), "a dimension key must be a string");
                JsonNode value = root.get(key.asText());
                require(value != null && value.isTextual(), "dimension " + key.asText() + " must be a string member");
                out.put(key.asText(), value.asText());
            }
        }
        return Map.copyOf(out);
    }

    private static List<Double> numbers(String name, JsonNode value) {
        if (value.isNumber()) {
            return List.of(value.asDouble());
        }
        require(value.isArray(), "metric " + name + " must be a number or an array of numbers");
        require(value.size() <= MAX_VALUES_PER_METRIC, "metric " + name + " has more than 100 values");
        List<Double> out = new ArrayList<>();
        for (JsonNode n : value) {
            require(n.isNumber(), "metric " + name + " must be a number or an array of numbers");
            out.add(n.asDouble());
        }
        return out;
    }

    private static void require(boolean ok, String rule) {
        if (!ok) {
            throw new InvalidEmfException(rule);
        }
    }

    private static final class InvalidEmfException extends RuntimeException {
        InvalidEmfException(String rule) {
            super(rule, null, false, false);
        }
    }
}
