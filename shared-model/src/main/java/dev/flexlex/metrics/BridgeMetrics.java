package dev.flexlex.metrics;

import dev.flexlex.config.Env;
import dev.flexlex.logging.Stdout;
import dev.flexlex.model.ChatPlatformKind;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The suite's metrics, written as CloudWatch embedded metric format lines on stdout (Lambda sends stdout to the
 * function's log group, and CloudWatch Logs extracts the metrics; no API call, nothing to flush). Each line carries
 * the dimensions {@code Bot} and {@code Platform}; never a chat or message SID.
 *
 * <p>Dimension sets: every metric is published per bot ({@code [Bot, Platform]}) and once more with no dimension
 * ({@code []}), the deployment's total, which the alarms and the dashboard use (CloudWatch alarms cannot sum across
 * dimension values). A metric with an extra dimension ({@code Reason} of {@link Metric#HANDOFFS}, {@code Status} of
 * {@link Metric#TWILIO_ERRORS}) is published per bot with it ({@code [Bot, Platform, Reason]}) and across bots by it
 * alone ({@code [Reason]}).
 *
 * <p>Built once per function in its wiring; domain services call it after the fact they count.
 */
public final class BridgeMetrics {
    public static final String DEFAULT_NAMESPACE = Env.DEFAULT_METRICS_NAMESPACE;
    public static final String BOT = "Bot";
    public static final String PLATFORM = "Platform";
    public static final String REASON = "Reason";
    public static final String STATUS = "Status";

    private static final List<List<String>> PER_BOT_AND_TOTAL = List.of(List.of(BOT, PLATFORM), List.of());

    private final String namespace;
    private final Clock clock;
    private final Consumer<String> out;

    /**
     * @param out where each EMF line goes ({@link Stdout#line}, or a test's list)
     */
    public BridgeMetrics(String namespace, Clock clock, Consumer<String> out) {
        if (namespace == null || namespace.isBlank() || namespace.length() > 1024) {
            throw new IllegalArgumentException("metrics namespace must be 1 to 1,024 characters");
        }
        this.namespace = namespace;
        this.clock = clock;
        this.out = out;
    }

    /** The functions' metrics: lines on stdout, in the namespace of {@link Env#metricsNamespace()}. */
    public static BridgeMetrics toStdout(String namespace) {
        return new BridgeMetrics(namespace, Clock.systemUTC(), Stdout::line);
    }

    /**
     * Lines formatted and dropped: for priming (its made-up turn runs the same code, but must never count) and for
     * tests that do not look at metrics.
     */
    public static BridgeMetrics discarding() {
        return new BridgeMetrics(DEFAULT_NAMESPACE, Clock.systemUTC(), line -> { });
    }

    /** The metrics of one event of a chat, written as one line by {@link Line#emit()}. */
    public Line of(String bot, ChatPlatformKind platform) {
        return new Line(bot, platform);
    }

    /** Counts one occurrence of {@code metric} for the bot, as a line of its own. */
    public void count(Metric metric, String bot, ChatPlatformKind platform) {
        of(bot, platform).count(metric).emit();
    }

    /** One EMF line's worth of metrics of a chat's bot. */
    public final class Line {
        private final EmfDocument document;

        private Line(String bot, ChatPlatformKind platform) {
            document = new EmfDocument(namespace, clock.millis())
                    .dimension(BOT, bot)
                    .dimension(PLATFORM, platform == null ? null : platform.wireName());
        }

        public Line count(Metric metric) {
            document.metric(metric, 1, PER_BOT_AND_TOTAL);
            return this;
        }

        /** Counts {@code metric} with one extra dimension ({@code Reason}, {@code Status}) of a small fixed set. */
        public Line count(Metric metric, String dimension, String value) {
            document.dimension(dimension, value)
                    .metric(metric, 1, List.of(List.of(BOT, PLATFORM, dimension), List.of(dimension)));
            return this;
        }

        public Line handoff(HandoffReason reason) {
            return count(Metric.HANDOFFS, REASON, reason.dimensionValue());
        }

        /** A Twilio error; {@code status} null (no HTTP answer: connection failed, timed out) is {@code none}. */
        public Line twilioError(Integer status) {
            return count(Metric.TWILIO_ERRORS, STATUS, status == null ? "none" : Integer.toString(status));
        }

        /** A duration in milliseconds (negative ones, from a clock skewed between functions, are dropped). */
        public Line millis(Metric metric, Duration duration) {
            if (!duration.isNegative()) {
                document.metric(metric, duration.toMillis(), PER_BOT_AND_TOTAL);
            }
            return this;
        }

        /** Writes the line (nothing when no metric was added). */
        public void emit() {
            if (!document.isEmpty()) {
                out.accept(document.toJson());
            }
        }
    }
}
