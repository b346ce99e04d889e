package dev.flexlex.logging;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The suite's SLF4J 2 provider: JSON lines on stdout (CloudWatch takes each line as one event), each with the
 * function's name ({@code AWS_LAMBDA_FUNCTION_NAME}). The level is Lambda's application log level when the function
 * has one ({@code AWS_LAMBDA_LOG_LEVEL}, set by Lambda with the JSON log format: TRACE, DEBUG, INFO, WARN, ERROR,
 * FATAL), else {@code LOG_LEVEL} (local runs, benchmarks), else INFO. Registered in
 * {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}.
 */
public final class JsonLineServiceProvider implements SLF4JServiceProvider {
    public static final String LOG_LEVEL = "LOG_LEVEL";
    public static final String AWS_LAMBDA_LOG_LEVEL = "AWS_LAMBDA_LOG_LEVEL";
    public static final String AWS_LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";
    /** Lambda's FATAL: above SLF4J's ERROR, so nothing is written. */
    static final int FATAL = Level.ERROR.toInt() + 10;

    private ILoggerFactory loggerFactory;
    private IMarkerFactory markerFactory;
    private MDCAdapter mdcAdapter;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        int threshold = threshold(System.getenv(AWS_LAMBDA_LOG_LEVEL), System.getenv(LOG_LEVEL));
        String functionName = System.getenv(AWS_LAMBDA_FUNCTION_NAME);
        Map<String, Logger> loggers = new ConcurrentHashMap<>();
        loggerFactory = name -> loggers.computeIfAbsent(name, n -> new JsonLineLogger(n, threshold, functionName));
        markerFactory = new BasicMarkerFactory();
        mdcAdapter = new BasicMDCAdapter();
    }

    /** Lambda's level when set and known, else ours, else INFO; as {@link Level#toInt()} ({@link #FATAL} above ERROR). */
    static int threshold(String lambdaLevel, String ownLevel) {
        Integer lambda = level(lambdaLevel);
        if (lambda != null) {
            return lambda;
        }
        Integer own = level(ownLevel);
        return own != null ? own : Level.INFO.toInt();
    }

    private static Integer level(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        String name = configured.trim().toUpperCase(Locale.ROOT);
        if (name.equals("FATAL")) {
            return FATAL;
        }
        try {
            return Level.valueOf(name).toInt();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
