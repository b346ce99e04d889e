package dev.flexlex.locallex.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a session holds between requests, in wire shapes: the current {@code sessionState} and the last
 * turn's {@code messages} and {@code interpretations} (what GetSession returns). Treated as immutable:
 * the store hands out deep copies.
 */
public record SessionSnapshot(ObjectNode sessionState, ArrayNode messages, ArrayNode interpretations) {

    public SessionSnapshot copy() {
        return new SessionSnapshot(sessionState.deepCopy(), messages.deepCopy(), interpretations.deepCopy());
    }
}
