package dev.flexlex.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * For tests: picks the embedded metric format lines out of a function's output and checks each against the rules of
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 * (written out here as checks; an {@link AssertionError} names the broken rule), plus ours: namespace
 * FlexLexBridge, no chat, channel or message SID anywhere in the line.
 */
public final class EmfLines {
    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");
    /** Twilio SIDs of chats, channels, messages and webhooks: two letters and 32 hex digits. */
    private static final Pattern SID = Pattern.compile("\\b(CH|IM|WH|MB|KD)[0-9a-fA-F]{32}\\b");

    private EmfLines() {
    }

    /** The EMF documents among {@code output}'s lines (those with an {@code _aws} member), each checked. */
    public static List<JsonNode> in(String output) {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                documents.add(check(line));
            }
        }
        return documents;
    }

    /** Checks one line; returns it parsed. */
    public static JsonNode check(String line) {
        if (line.contains("\n")) {
            throw new AssertionError("an EMF document is one log event: one line");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not valid JSON: " + line, e);
        }
        require(root.isObject(), "the root node must be a JSON object", line);
        require(!SID.matcher(line).find(), "no chat, channel or message SID in a metric line", line);
        JsonNode aws = root.get("_aws");
        require(aws != null && aws.isObject(), "_aws must be an object", line);
        require(aws.path("Timestamp").isIntegralNumber() && aws.get("Timestamp").asLong() > 0,
                "_aws.Timestamp must be milliseconds since the epoch", line);
        JsonNode directives = aws.get("CloudWatchMetrics");
        require(directives != null && directives.isArray() && !directives.isEmpty(),
                "_aws.CloudWatchMetrics must be an array of MetricDirective", line);
        for (JsonNode directive : directives) {
            require(directive.path("Namespace").isTextual() && "FlexLexBridge".equals(directive.get("Namespace").asText()),
                    "Namespace must be FlexLexBridge", line);
            JsonNode sets = directive.get("Dimensions");
            require(sets != null && sets.isArray() && !sets.isEmpty(), "Dimensions must be a DimensionSet array", line);
            for (JsonNode set : sets) {
                require(set.isArray() && set.size() <= 30, "a DimensionSet is an array of at most 30 keys", line);
                for (JsonNode key : set) {
                    require(key.isTextual() && !key.asText().isEmpty() && key.asText().length() <= 250,
                            "a dimension key is a string of 1 to 250 characters", line);
                    JsonNode target = root.get(key.asText());
                    require(target != null && target.isTextual() && target.asText().length() <= 1024,
                            "dimension " + key.asText() + " must be a root member with a string value (<= 1024 chars)", line);
                }
            }
            JsonNode metrics = directive.get("Metrics");
            require(metrics != null && metrics.isArray() && !metrics.isEmpty() && metrics.size() <= 100,
                    "Metrics must be an array of 1 to 100 MetricDefinition", line);
            for (JsonNode metric : metrics) {
                require(metric.path("Name").isTextual(), "a MetricDefinition has a Name", line);
                require(!metric.has("Unit") || UNITS.contains(metric.get("Unit").asText()),
                        "Unit must be a CloudWatch unit", line);
                JsonNode value = root.get(metric.get("Name").asText());
                require(value != null && value.isNumber(), "metric " + metric.get("Name").asText()
                        + " must be a root member with a numeric value", line);
            }
        }
        return root;
    }

    /** Whether {@code document} publishes {@code metric} (in any of its directives). */
    public static boolean names(JsonNode document, String metric) {
        for (JsonNode directive : document.get("_aws").get("CloudWatchMetrics")) {
            for (JsonNode definition : directive.get("Metrics")) {
                if (metric.equals(definition.get("Name").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The dimension sets {@code metric} is published under, as strings like {@code [Bot, Platform]}. */
    public static List<String> dimensionSets(JsonNode document, String metric) {
        List<String> sets = new ArrayList<>();
        for (JsonNode directive : document.get("_aws").get("CloudWatchMetrics")) {
            for (JsonNode definition : directive.get("Metrics")) {
                if (metric.equals(definition.get("Name").asText())) {
                    for (JsonNode set : directive.get("Dimensions")) {
                        List<String> keys = new ArrayList<>();
                        set.forEach(k -> keys.add(k.asText()));
                        sets.add(keys.toString());
                    }
                }
            }
        }
        return sets;
    }

    private static void require(boolean rule, String what, String line) {
        if (!rule) {
            throw new AssertionError(what + ": " + line);
        }
    }
}
