package dev.flexlex.bench.latency;

import dev.flexlex.bench.Results;
import dev.flexlex.localstack.LocalStack;
import dev.flexlex.localstack.lambda.LambdaFunction;
import dev.flexlex.localstack.metrics.DurationSample;
import dev.flexlex.localstack.sqs.SqsEventSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Where a queued turn's time goes, from the local stack's own timings (as Lambda and SQS would report them): for each
 * function, how long its events waited for an instance and its handler's duration; for each queue, a record's age
 * when a poller received it. What the hops leave of the turn's median is the local Flex's webhook delivery, the HTTP
 * API, the pollers' own work and the customer's polling for the reply.
 */
final class TurnHops {
    private final LocalStack stack;

    TurnHops(LocalStack stack) {
        this.stack = stack;
    }

    /** Forgets the timings so far, so the next report covers one phase. */
    void clear() {
        for (String fn : LocalStack.FUNCTIONS) {
            LambdaFunction function = stack.function(fn);
            function.invocationWaits().clear();
            function.invocationDurations().clear();
            SqsEventSource source = stack.eventSource(fn);
            if (source != null) {
                source.recordAges().clear();
            }
        }
    }

    /** Adds one row per hop of the phase since {@link #clear}, and the rest of {@code turnMedian}. */
    void report(Results results, String section, String label, double turnMedian) {
        double sum = 0;
        for (String fn : LocalStack.FUNCTIONS) {
            SqsEventSource source = stack.eventSource(fn);
            if (source != null) {
                sum += row(results, section, label + source.queue() + ": record age when received",
                        source.recordAges(), "SentTimestamp to the poller's receive (1 ms resolution)");
            }
            LambdaFunction function = stack.function(fn);
            sum += row(results, section, label + fn + ": wait for an instance", function.invocationWaits(),
                    "event submitted to an instance taking it");
            sum += row(results, section, label + fn + ": handler duration", function.invocationDurations(),
                    "instance took the event to its response (Lambda's Duration)");
        }
        results.add(section, label + "the rest of the turn's median", turnMedian - sum, "ms", String.format(Locale.ROOT,
                "turn median %.1f ms minus the hops' medians: webhook delivery, HTTP API, pollers, reply polling",
                turnMedian));
    }

    /**
     * What Lambda would bill for the phase since {@link #clear}: per function, invocations per turn and billed
     * milliseconds per turn (each invocation's duration rounded up to 1 ms, as Lambda rounds).
     */
    void billing(Results results, String section, String label, int turns) {
        for (String fn : LocalStack.FUNCTIONS) {
            List<Double> durations = stack.function(fn).invocationDurations().millis();
            double billed = durations.stream().mapToDouble(Math::ceil).sum();
            results.add(section, label + fn + ": invocations per turn", durations.size() / (double) turns, "invocations",
                    durations.size() + " invocations for " + turns + " turns (records per batch as the pollers got them)");
            results.add(section, label + fn + ": billed ms per turn", billed / turns, "ms",
                    "each invocation's duration rounded up to 1 ms, summed, / turns");
        }
    }

    private static double row(Results results, String section, String name, DurationSample sample, String how) {
        List<Double> sorted = new ArrayList<>(sample.millis());
        Collections.sort(sorted);
        double median = LatencySection.pct(sorted, 50);
        results.add(section, name + " median", median, "ms", String.format(Locale.ROOT, "p99 %.1f ms; %s; %d events",
                LatencySection.pct(sorted, 99), how, sorted.size()));
        return median;
    }
}
