package dev.flexlex.locallex.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A slot type that extends {@code AMAZON.AlphaNumeric} with a {@code regexFilter}: the whole answer, or the
 * first of its words, that matches the pattern entirely.
 */
final class RegexSlotResolver implements SlotResolver {

    private final Pattern pattern;

    RegexSlotResolver(String regex) {
        this.pattern = Pattern.compile(regex);
    }

    @Override
    public Optional<SlotMatch> find(String text, LocalDate today) {
        String whole = text.strip();
        if (pattern.matcher(whole).matches()) {
            return Optional.of(new SlotMatch(SlotValue.of(whole, whole), Tokens.normalise(whole)));
        }
        List<String> words = List.of(whole.split("[\\s,;!?]+"));
        for (String word : words) {
            String trimmed = word.replaceAll("^\\p{Punct}+|\\p{Punct}+$", "");
            if (!trimmed.isEmpty() && pattern.matcher(trimmed).matches()) {
                return Optional.of(new SlotMatch(SlotValue.of(trimmed, trimmed), Tokens.normalise(trimmed)));
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean recognisableAnywhere() {
        return false;
    }
}
