package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;

/** Server-sent event frames. */
final class Sse {
    static final String KEEP_ALIVE = ": keep-alive\n\n";

    private Sse() {
    }

    /** {@code event: <name>} and one {@code data:} line (compact JSON has no newline). */
    static String frame(String event, JsonNode data) {
        return "event: " + event + "\ndata: " + data.toString() + "\n\n";
    }
}
