package dev.flexlex.logging;

import java.time.Instant;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger writing one JSON object per event to stdout, with every MDC entry as a field. */
final class JsonLineLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    /** The lowest level written, as {@link Level#toInt()}; above ERROR's writes nothing (Lambda's FATAL). */
    private final int threshold;
    private final String functionName;

    JsonLineLogger(String name, int threshold, String functionName) {
        this.name = name;
        this.threshold = threshold;
        this.functionName = functionName;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        JsonLineWriter.write(JsonLineWriter.format(Instant.now(), level.name(), name, message, functionName,
                MDC.getCopyOfContextMap(), throwable));
    }
}
