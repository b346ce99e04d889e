package dev.flexlex.locallex.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What PutSession answers; the model binds every member to a header, so the HTTP layer encodes them.
 *
 * @param messages the request's messages, empty when it sent none
 * @param requestAttributes the request's attributes, null when it sent none
 */
public record PutSessionResult(String sessionId, ObjectNode sessionState, ArrayNode messages,
                               ObjectNode requestAttributes) {
}
