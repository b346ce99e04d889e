package dev.flexlex.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Formats one log event as a single JSON object line and writes it to the current {@code System.out}. */
final class JsonLineWriter {
    private JsonLineWriter() {
    }

    static String format(Instant time, String level, String logger, String message, Map<String, String> mdc,
                         Throwable error) {
        return format(time, level, logger, message, null, mdc, error);
    }

    /**
     * @param time written as {@code timestamp} in RFC 3339, and {@code level} as SLF4J names it: the keys Lambda's
     *             log-level filtering reads from a JSON line (without a valid timestamp it takes the line as INFO)
     * @param functionName {@code AWS_LAMBDA_FUNCTION_NAME}, on every line when set
     */
    static String format(Instant time, String level, String logger, String message, String functionName,
                         Map<String, String> mdc, Throwable error) {
        StringBuilder line = new StringBuilder(160);
        line.append('{');
        field(line, "timestamp", time.toString()).append(',');
        field(line, "level", level).append(',');
        field(line, "logger", logger).append(',');
        field(line, "message", message);
        if (functionName != null) {
            field(line.append(','), "functionName", functionName);
        }
        if (mdc != null && !mdc.isEmpty()) {
            for (Map.Entry<String, String> entry : new TreeMap<>(mdc).entrySet()) {
                if (!isReserved(entry.getKey())) {
                    line.append(',');
                    field(line, entry.getKey(), entry.getValue());
                }
            }
        }
        if (error != null) {
            line.append(',');
            field(line, "error", error.getClass().getName() + ": " + error.getMessage()).append(',');
            field(line, "stackTrace", stackTrace(error));
        }
        return line.append('}').toString();
    }

    static void write(String line) {
        Stdout.line(line);
    }

    private static boolean isReserved(String key) {
        return switch (key) {
            case "timestamp", "level", "logger", "message", "functionName", "error", "stackTrace" -> true;
            default -> false;
        };
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static StringBuilder field(StringBuilder line, String name, String value) {
        quote(line, name).append(':');
        if (value == null) {
            return line.append("null");
        }
        return quote(line, value);
    }

    private static StringBuilder quote(StringBuilder line, String text) {
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }
}
