package dev.flexlex.localstack.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent durations of one kind (a Lambda function's invocation duration, the age of an SQS record when it
 * was received, ...), kept in a fixed ring so a stack that runs for days holds no more than {@link #CAPACITY}. For
 * figures such as "where a turn's time goes"; not a metrics system.
 */
public final class DurationSample {
    static final int CAPACITY = 10_000;

    private final double[] millis = new double[CAPACITY];
    private long recorded;

    public synchronized void add(double durationMillis) {
        millis[(int) (recorded++ % CAPACITY)] = durationMillis;
    }

    public void addNanos(long durationNanos) {
        add(durationNanos / 1e6);
    }

    /** The durations held now (the last {@link #CAPACITY} at most), oldest first. */
    public synchronized List<Double> millis() {
        int held = (int) Math.min(recorded, CAPACITY);
        List<Double> out = new ArrayList<>(held);
        for (long i = recorded - held; i < recorded; i++) {
            out.add(millis[(int) (i % CAPACITY)]);
        }
        return out;
    }

    /** Forgets what was recorded, e.g. to measure one phase of a run. */
    public synchronized void clear() {
        recorded = 0;
    }
}
