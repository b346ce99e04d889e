package dev.flexlex.localstack.ops;

import dev.flexlex.localstack.ops.EmfParser.MetricValue;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics read from the handlers' EMF lines since the stack started, each summed across its dimension values (a
 * metric is its namespace and name): count of values, sum, minimum, maximum, a fixed-bucket histogram, and the last
 * {@link #WINDOW_MILLIS} of values by their EMF timestamp for rates and recent figures. Thread-safe.
 */
public final class MetricStore {
    /** How far back rates and the per-interval series look. */
    static final long WINDOW_MILLIS = 5 * 60_000;
    static final long RATE_MILLIS = 60_000;
    static final long SERIES_STEP_MILLIS = 10_000;
    /** Histogram bucket upper bounds (exclusive), in the metric's unit; the last bucket is everything above. */
    public static final double[] BUCKET_BOUNDS = {50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000};

    private final Clock clock;
    private final Map<String, Metric> metrics = new TreeMap<>();
    private long rejectedLines;
    private String lastRejection;

    public MetricStore(Clock clock) {
        this.clock = clock;
    }

    public synchronized void add(List<MetricValue> values) {
        for (MetricValue v : values) {
            metrics.computeIfAbsent(v.namespace() + "/" + v.name(), k -> new Metric(v.namespace(), v.name(), v.unit()))
                    .add(v.timestampMillis(), v.value());
        }
        prune();
    }

    public synchronized void rejected(String rule) {
        rejectedLines++;
        lastRejection = rule;
    }

    /** A metric's figures now, or null if no line named it yet. */
    public synchronized Summary summary(String namespace, String name) {
        prune();
        Metric m = metrics.get(namespace + "/" + name);
        return m == null ? null : m.summary(clock.millis());
    }

    /** Every metric seen, by namespace then name. */
    public synchronized List<Summary> all() {
        prune();
        long now = clock.millis();
        return metrics.values().stream().map(m -> m.summary(now)).toList();
    }

    public synchronized long rejectedLines() {
        return rejectedLines;
    }

    public synchronized String lastRejection() {
        return lastRejection;
    }

    private void prune() {
        long oldest = clock.millis() - WINDOW_MILLIS;
        metrics.values().forEach(m -> m.prune(oldest));
    }

    /**
     * @param count       values since start
     * @param perSecond   sum of the values of the last minute, per second (a Count metric's rate)
     * @param histogram   values since start per bucket of {@link #BUCKET_BOUNDS} (one more bucket than bounds)
     * @param series      sum of the values per {@link #SERIES_STEP_MILLIS} over the last {@link #WINDOW_MILLIS}, oldest first
     * @param p50         median of the values of the last {@link #WINDOW_MILLIS}, NaN when none
     * @param p99         99th percentile of the same
     */
    public record Summary(String namespace, String name, String unit, long count, double sum, double min, double max,
                          double perSecond, long[] histogram, double[] series, double p50, double p99) {
    }

    private static final class Metric {
        final String namespace;
        final String name;
        final String unit;
        long count;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        final long[] histogram = new long[BUCKET_BOUNDS.length + 1];
        final Deque<double[]> recent = new ArrayDeque<>();

        Metric(String namespace, String name, String unit) {
            this.namespace = namespace;
            this.name = name;
            this.unit = unit;
        }

        void add(long timestamp, double value) {
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            histogram[bucket(value)]++;
            recent.addLast(new double[]{timestamp, value});
        }

        void prune(long oldest) {
            recent.removeIf(v -> v[0] < oldest);
        }

        Summary summary(long now) {
            double lastMinute = 0;
            double[] series = new double[(int) (WINDOW_MILLIS / SERIES_STEP_MILLIS)];
            List<Double> window = new ArrayList<>();
            for (double[] v : recent) {
                long age = now - (long) v[0];
                if (age < RATE_MILLIS) {
                    lastMinute += v[1];
                }
                int slot = series.length - 1 - (int) (Math.max(0, age) / SERIES_STEP_MILLIS);
                if (slot >= 0) {
                    series[slot] += v[1];
                }
                window.add(v[1]);
            }
            window.sort(null);
            return new Summary(namespace, name, unit, count, sum, count == 0 ? 0 : min, count == 0 ? 0 : max,
                    lastMinute / (RATE_MILLIS / 1000.0), histogram.clone(), series, quantile(window, 0.5),
                    quantile(window, 0.99));
        }
    }

    static int bucket(double value) {
        int i = Arrays.binarySearch(BUCKET_BOUNDS, value);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** Nearest-rank quantile of sorted values; NaN when there are none. */
    static double quantile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
