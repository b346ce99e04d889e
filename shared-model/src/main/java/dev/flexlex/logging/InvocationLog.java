package dev.flexlex.logging;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.MDC;

/**
 * The per-invocation fields of every log line, set by ONE call at the top of each handler's {@code handleRequest}:
 * {@code requestId} (Lambda's request id), {@code coldStart} ({@code true} on this JVM's first invocation, the one
 * that paid for init; a SnapStart restore keeps the flag as the snapshot left it, so its first invocation says
 * {@code true} too) and {@code xrayTraceId} (the {@code Root} of the invocation's X-Ray trace header). The
 * function's name is on every line already ({@link JsonLineServiceProvider}).
 *
 * <p>The trace header: Java's runtime interface client sets the system property
 * {@value #TRACE_HEADER_PROPERTY} before each invocation (a Java process cannot change its environment); the
 * environment variable {@value #TRACE_HEADER_ENV} that Lambda documents for other runtimes is the fallback.
 */
public final class InvocationLog {
    public static final String COLD_START = "coldStart";
    public static final String XRAY_TRACE_ID = "xrayTraceId";
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String TRACE_HEADER_ENV = "_X_AMZN_TRACE_ID";

    private static final AtomicBoolean COLD = new AtomicBoolean(true);

    private InvocationLog() {
    }

    /** An invocation's log context; closing it takes the request id off the thread's later lines. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Starts an invocation's log context, to be closed when the invocation ends:
     * {@code try (InvocationLog.Scope log = InvocationLog.begin(requestId)) { ... }}.
     *
     * @param requestId Lambda's request id; null (priming's made-up event, a test without a context) changes nothing
     *                  and does not use up the cold start
     */
    public static Scope begin(String requestId) {
        Scope scope = () -> MDC.remove(LogIds.REQUEST_ID);
        if (requestId == null) {
            return scope;
        }
        MDC.put(LogIds.REQUEST_ID, requestId);
        MDC.put(COLD_START, Boolean.toString(COLD.getAndSet(false)));
        String traceId = traceRoot(System.getProperty(TRACE_HEADER_PROPERTY, System.getenv(TRACE_HEADER_ENV)));
        if (traceId == null) {
            MDC.remove(XRAY_TRACE_ID);
        } else {
            MDC.put(XRAY_TRACE_ID, traceId);
        }
        return scope;
    }

    /** {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=…;Sampled=1} gives the trace id after {@code Root=}. */
    static String traceRoot(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        for (String part : header.split(";")) {
            String field = part.trim();
            if (field.startsWith("Root=") && field.length() > "Root=".length()) {
                return field.substring("Root=".length());
            }
        }
        return null;
    }

    /** For tests: the next invocation is a cold start again. */
    static void resetColdStart() {
        COLD.set(true);
    }
}
