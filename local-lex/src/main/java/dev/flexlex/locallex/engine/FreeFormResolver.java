package dev.flexlex.locallex.engine;

import java.time.LocalDate;
import java.util.Optional;

/** {@code AMAZON.FreeFormInput}: the whole answer, as typed. */
final class FreeFormResolver implements SlotResolver {

    @Override
    public Optional<SlotMatch> find(String text, LocalDate today) {
        String said = text.strip();
        return said.isEmpty() ? Optional.empty() : Optional.of(new SlotMatch(SlotValue.of(said, said), Tokens.normalise(said)));
    }

    @Override
    public boolean recognisableAnywhere() {
        return false;
    }
}
