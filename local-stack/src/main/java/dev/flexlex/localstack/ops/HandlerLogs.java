package dev.flexlex.localstack.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the operations page takes from one line of a handler's log: the metrics of an EMF document
 * ({@link EmfParser}), or, for a JSON log line at level ERROR, an {@link RecentErrors.ErrorEntry} with the line's ids
 * only. Every other line is left alone.
 */
public final class HandlerLogs implements LogTail.LineListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The ids the handlers put on their log lines, and the values each may take (nothing else is shown). */
    static final Map<String, Pattern> IDS = ids();

    private final MetricStore metrics;
    private final RecentErrors errors;
    private final Clock clock;

    public HandlerLogs(MetricStore metrics, RecentErrors errors, Clock clock) {
        this.metrics = metrics;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    public void line(String function, String line) {
        EmfParser.Result emf = EmfParser.parse(line);
        if (emf.rejected()) {
            metrics.rejected(emf.rejection());
            return;
        }
        if (emf.emf()) {
            metrics.add(emf.values());
            return;
        }
        if (!line.startsWith("{") || !line.contains("ERROR")) {
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (java.io.IOException e) {
            return;
        }
        if (node == null || !node.isObject() || !"ERROR".equals(node.path("level").asText())) {
            return;
        }
        String time = node.path("time").asText(node.path("timestamp").asText(Instant.now(clock).toString()));
        errors.add(new RecentErrors.ErrorEntry(time, function, "log", kind(node), idsOf(node)));
    }

    /**
     * The logging class's simple name, and the exception's if the line carries one ({@code error}: its class name
     * before the message, which is not shown).
     */
    static String kind(JsonNode node) {
        String logger = simpleName(node.path("logger").asText(""));
        String error = node.path("error").asText("");
        int colon = error.indexOf(':');
        String exception = simpleName(colon < 0 ? error : error.substring(0, colon));
        return exception.isEmpty() ? logger : logger + ": " + exception;
    }

    private static String simpleName(String className) {
        String name = className.strip().substring(className.strip().lastIndexOf('.') + 1);
        return name.matches("[A-Za-z0-9_$]{1,100}") ? name : "";
    }

    /** The known ids of a log line whose values look like ids; others are dropped. */
    static Map<String, String> idsOf(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        IDS.forEach((key, pattern) -> {
            JsonNode v = node.get(key);
            if (v != null && v.isTextual() && pattern.matcher(v.asText()).matches()) {
                out.put(key.equals("AWSRequestId") ? "requestId" : key, v.asText());
            }
        });
        return out;
    }

    private static Map<String, Pattern> ids() {
        Map<String, Pattern> ids = new LinkedHashMap<>();
        Pattern sid = Pattern.compile("[A-Z]{2}[0-9a-f]{32}");
        Pattern uuid = Pattern.compile("[0-9a-fA-F-]{8,64}");
        ids.put("chatSid", sid);
        ids.put("messageSid", sid);
        ids.put("sqsMessageId", uuid);
        ids.put("requestId", uuid);
        ids.put("AWSRequestId", uuid);
        ids.put("botName", Pattern.compile("[A-Za-z0-9_-]{1,100}"));
        return java.util.Collections.unmodifiableMap(ids);
    }
}
