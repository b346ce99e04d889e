package dev.flexlex.locallex.engine;

import dev.flexlex.locallex.definition.SlotTypeDefinition;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a custom slot type: the longest run of words that equals a value or a synonym (plural and
 * singular forms alike). The interpreted value is the words as said under {@code ORIGINAL_VALUE} and the
 * defined value under {@code TOP_RESOLUTION}; {@code resolvedValues} holds the defined value either way.
 */
final class CustomSlotResolver implements SlotResolver {

    private record Phrase(List<String> stems, String value) {
    }

    private final List<Phrase> phrases = new ArrayList<>();
    private final SlotTypeDefinition.Resolution resolution;

    CustomSlotResolver(SlotTypeDefinition type) {
        this.resolution = type.resolution();
        for (SlotTypeDefinition.Value value : type.values()) {
            phrases.add(new Phrase(stems(Tokens.tokens(value.value())), value.value()));
            for (String synonym : value.synonyms()) {
                phrases.add(new Phrase(stems(Tokens.tokens(synonym)), value.value()));
            }
        }
    }

    @Override
    public Optional<SlotMatch> find(String text, LocalDate today) {
        List<String> tokens = Tokens.tokens(text);
        List<String> words = Tokens.words(text);
        List<String> stems = stems(tokens);
        Phrase best = null;
        int bestStart = -1;
        for (Phrase phrase : phrases) {
            int start = indexOf(stems, phrase.stems());
            if (start >= 0 && (best == null || phrase.stems().size() > best.stems().size())) {
                best = phrase;
                bestStart = start;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int end = bestStart + best.stems().size();
        List<String> asTyped = words.size() == tokens.size() ? words : tokens;
        String said = String.join(" ", asTyped.subList(bestStart, end));
        String interpreted = resolution == SlotTypeDefinition.Resolution.TOP_RESOLUTION ? best.value() : said;
        return Optional.of(new SlotMatch(new SlotValue(said, interpreted, List.of(best.value())),
                String.join(" ", tokens.subList(bestStart, end))));
    }

    private static int indexOf(List<String> haystack, List<String> needle) {
        if (needle.isEmpty()) {
            return -1;
        }
        for (int i = 0; i + needle.size() <= haystack.size(); i++) {
            if (haystack.subList(i, i + needle.size()).equals(needle)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> stems(List<String> tokens) {
        return tokens.stream().map(Tokens::stem).toList();
    }
}
