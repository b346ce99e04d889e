package dev.flexlex.locallex.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * {@code AMAZON.AlphaNumeric}: a word that mixes letters and digits ("AB1234"), or the whole answer when it
 * is a single word.
 */
final class AlphaNumericResolver implements SlotResolver {

    @Override
    public Optional<SlotMatch> find(String text, LocalDate today) {
        List<String> words = Tokens.words(text);
        for (String word : words) {
            if (word.matches(".*\\d.*") && word.matches("[\\p{L}\\p{N}]+")) {
                return Optional.of(new SlotMatch(SlotValue.of(word, word), word.toLowerCase()));
            }
        }
        if (words.size() == 1) {
            String word = words.get(0);
            return Optional.of(new SlotMatch(SlotValue.of(word, word), word.toLowerCase()));
        }
        return Optional.empty();
    }

    @Override
    public boolean recognisableAnywhere() {
        return false;
    }
}
