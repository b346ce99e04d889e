package dev.flexlex.localstack.ops;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last {@link #CAPACITY} errors of the handlers, newest first, with counts per function since start: ERROR lines
 * of their logs and failed invocations (a handler error, a crashed JVM, a timeout). Each keeps only ids and the
 * kind of error (the logging class, or Lambda's error type): never a log message, which may quote a Twilio or SQS
 * error, and never anything of a customer's message. Thread-safe.
 */
public final class RecentErrors {
    static final int CAPACITY = 50;

    /**
     * @param time     when (ISO-8601, from the log line, else when the stack saw it)
     * @param function the template's logical id
     * @param source   {@code log} (an ERROR line) or {@code invocation} (a failed invocation)
     * @param kind     the logging class's simple name, or Lambda's error type
     * @param ids      chat SID, message SID, SQS message id, request id, bot name: those known
     */
    public record ErrorEntry(String time, String function, String source, String kind, Map<String, String> ids) {
    }

    private final Deque<ErrorEntry> entries = new ArrayDeque<>();
    private final Map<String, Integer> logErrors = new TreeMap<>();
    private final Map<String, Integer> failedInvocations = new TreeMap<>();

    public synchronized void add(ErrorEntry entry) {
        entries.addFirst(entry);
        while (entries.size() > CAPACITY) {
            entries.removeLast();
        }
        (entry.source().equals("log") ? logErrors : failedInvocations).merge(entry.function(), 1, Integer::sum);
    }

    public synchronized List<ErrorEntry> recent() {
        return List.copyOf(entries);
    }

    /** ERROR log lines since start, by function. */
    public synchronized Map<String, Integer> logErrors() {
        return Map.copyOf(logErrors);
    }

    /** Failed invocations since start, by function. */
    public synchronized Map<String, Integer> failedInvocations() {
        return Map.copyOf(failedInvocations);
    }
}
