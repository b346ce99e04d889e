package dev.flexlex.locallex.engine;

import java.time.LocalDate;
import java.util.Optional;

/** Finds a value of one slot type in a customer's text. */
public interface SlotResolver {

    /**
     * The value in {@code text}, if any.
     *
     * @param text the customer's text as typed
     * @param today the customer's date, for relative dates
     */
    Optional<SlotMatch> find(String text, LocalDate today);

    /**
     * Whether values of this type are recognisable inside any sentence (dates, times, e-mail addresses,
     * custom values), so they can be taken from the first utterance; generic types (numbers, free text) are
     * taken only when elicited or from a {@code {Slot}} position of a sample utterance.
     */
    default boolean recognisableAnywhere() {
        return true;
    }
}
