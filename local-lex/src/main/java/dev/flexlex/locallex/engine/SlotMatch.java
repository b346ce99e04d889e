package dev.flexlex.locallex.engine;

/** A slot value found in a text, with the words it was found in ({@code matchedText}, lower case). */
public record SlotMatch(SlotValue value, String matchedText) {
}
