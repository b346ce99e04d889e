package dev.flexlex.localstack.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localstack.lambda.InvokeResult;
import dev.flexlex.localstack.lambda.LambdaFunction;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the operations page shows, gathered as the stack runs: the handlers' EMF metrics and ERROR lines from their
 * log files ({@link LogTail}, {@link HandlerLogs}), failed invocations from the Lambda functions, instances per
 * function, and the queues ({@link DeadLetters}).
 */
public final class OpsMonitor implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The metrics the page's headline panels show (the rest are listed in its metrics table). */
    static final String TURNS = "Turns";
    static final String REPLY_LATENCY = "ReplyLatency";

    private final Clock clock;
    private final Instant startedAt;
    private final Map<String, LambdaFunction> functions;
    private final DeadLetters queues;
    private final MetricStore metrics;
    private final RecentErrors errors = new RecentErrors();
    private final LogTail tail;

    private OpsMonitor(Clock clock, Path logDir, Map<String, LambdaFunction> functions, DeadLetters queues) {
        this.clock = clock;
        this.startedAt = clock.instant();
        this.functions = new LinkedHashMap<>(functions);
        this.queues = queues;
        this.metrics = new MetricStore(clock);
        functions.values().forEach(f -> f.addInvocationListener(this::invocationEnded));
        this.tail = LogTail.start(logDir, new HandlerLogs(metrics, errors, clock));
    }

    /**
     * Starts following the functions' logs in {@code logDir} (from their current end) and their invocations.
     *
     * @param functions the stack's functions by logical id
     */
    public static OpsMonitor start(Path logDir, Map<String, LambdaFunction> functions, DeadLetters queues) {
        return new OpsMonitor(Clock.systemUTC(), logDir, functions, queues);
    }

    private void invocationEnded(String function, InvokeResult result) {
        if (!result.ok()) {
            String type = result.errorType() == null ? "Unhandled" : result.errorType();
            errors.add(new RecentErrors.ErrorEntry(clock.instant().toString(), function, "invocation",
                    type.matches("[A-Za-z0-9_.$]{1,200}") ? type : "Unhandled", Map.of()));
        }
    }

    public DeadLetters queues() {
        return queues;
    }

    public MetricStore metrics() {
        return metrics;
    }

    public RecentErrors errors() {
        return errors;
    }

    /** Everything the page shows but the dead-lettered messages, as JSON. */
    public ObjectNode state() {
        ObjectNode out = JSON.createObjectNode();
        out.put("now", clock.instant().toString());
        out.put("startedAt", startedAt.toString());
        List<MetricStore.Summary> all = metrics.all();
        MetricStore.Summary turns = named(all, TURNS);
        ObjectNode t = out.putObject("turns");
        t.put("perSecond", turns == null ? 0 : turns.perSecond());
        t.put("total", turns == null ? 0 : turns.sum());
        t.put("stepSeconds", MetricStore.SERIES_STEP_MILLIS / 1000);
        ArrayNode series = t.putArray("series");
        if (turns != null) {
            for (double v : turns.series()) {
                series.add(v);
            }
        }
        MetricStore.Summary latency = named(all, REPLY_LATENCY);
        ObjectNode l = out.putObject("replyLatency");
        l.put("unit", latency == null ? "Milliseconds" : latency.unit());
        l.put("count", latency == null ? 0 : latency.count());
        putNumber(l, "p50", latency == null ? Double.NaN : latency.p50());
        putNumber(l, "p99", latency == null ? Double.NaN : latency.p99());
        putNumber(l, "max", latency == null ? Double.NaN : latency.max());
        ArrayNode buckets = l.putArray("buckets");
        double[] bounds = MetricStore.BUCKET_BOUNDS;
        for (int i = 0; i <= bounds.length; i++) {
            String label = i == 0 ? "< " + fmt(bounds[0]) : i == bounds.length ? "≥ " + fmt(bounds[i - 1])
                    : fmt(bounds[i - 1]) + "–" + fmt(bounds[i]);
            buckets.addObject().put("label", label).put("count", latency == null ? 0 : latency.histogram()[i]);
        }
        ArrayNode table = out.putArray("metrics");
        for (MetricStore.Summary s : all) {
            ObjectNode m = table.addObject().put("namespace", s.namespace()).put("name", s.name()).put("unit", s.unit())
                    .put("count", s.count()).put("sum", s.sum()).put("perSecond", s.perSecond());
            putNumber(m, "p50", s.p50());
            putNumber(m, "p99", s.p99());
            m.put("max", s.max());
        }
        out.put("emfRejected", metrics.rejectedLines());
        out.put("lastEmfRejection", metrics.lastRejection());
        out.set("queues", JSON.valueToTree(queues.depths()));
        ArrayNode fns = out.putArray("functions");
        Map<String, Integer> logErrors = errors.logErrors();
        Map<String, Integer> failed = errors.failedInvocations();
        functions.forEach((name, f) -> fns.addObject().put("name", name).put("instances", f.instanceCount())
                .put("idle", f.idleInstanceCount()).put("started", f.instancesStarted())
                .put("errorLines", logErrors.getOrDefault(name, 0)).put("failedInvocations", failed.getOrDefault(name, 0))
                .set("crashes", JSON.valueToTree(f.crashes())));
        out.set("errors", JSON.valueToTree(errors.recent()));
        return out;
    }

    /** The messages of every dead-letter queue (ids only), by queue. */
    public ObjectNode deadLetters() {
        ObjectNode out = JSON.createObjectNode();
        for (String dlq : queues.deadLetterQueues()) {
            out.set(dlq, JSON.valueToTree(queues.list(dlq)));
        }
        return out;
    }

    /** A metric by name, from the first namespace that has one (the handlers write one namespace). */
    private static MetricStore.Summary named(List<MetricStore.Summary> all, String name) {
        return all.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static String fmt(double bound) {
        return bound >= 1000 ? (bound % 1000 == 0 ? (long) (bound / 1000) + " s" : bound / 1000 + " s") : (long) bound + " ms";
    }

    /** Reads the logs once more now (tests; the tail reads them every 250 ms anyway). */
    public void readLogsNow() {
        tail.readAll();
    }

    @Override
    public void close() {
        tail.close();
    }
}
