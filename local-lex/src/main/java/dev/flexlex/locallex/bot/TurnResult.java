package dev.flexlex.locallex.bot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one turn produced, in the Lex V2 runtime wire shapes: {@code messages} (list of {@code Message}),
 * {@code interpretations} (list of {@code Interpretation}, best first, at most 5) and the new
 * {@code sessionState}.
 */
public record TurnResult(ArrayNode messages, ArrayNode interpretations, ObjectNode sessionState) {
}
