package dev.flexlex.locallex.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Text normalisation shared by classification and slot resolution. */
final class Tokens {

    private static final Set<String> STOPWORDS = Set.of("a", "an", "the", "i", "i'd", "id", "to", "some", "please",
            "me", "my", "would", "like", "want", "can", "could", "you", "for", "of", "is", "it", "be", "do", "on",
            "at", "and", "in", "with", "just", "um", "uh", "hi", "hello", "hey", "get", "need", "let");

    private Tokens() {
    }

    /** Lower case, apostrophes dropped, everything but letters and digits turned into single spaces. */
    static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "");
        return lower.replaceAll("[^\\p{L}\\p{N}{}]+", " ").trim();
    }

    /** The words of {@code text} as typed (same boundaries as {@link #tokens(String)}, case kept). */
    static List<String> words(String text) {
        return split(text.replace("'", "").replace("\u2019", "").replaceAll("[^\\p{L}\\p{N}{}]+", " ").trim());
    }

    static List<String> split(String normalised) {
        List<String> tokens = new ArrayList<>();
        for (String token : normalised.split(" ")) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    static List<String> tokens(String text) {
        return split(normalise(text));
    }

    /** A crude stem, so that "flower" meets "flowers" and "ordering" meets "order". */
    static String stem(String token) {
        if (token.length() > 4 && token.endsWith("ies")) {
            return token.substring(0, token.length() - 3) + "y";
        }
        if (token.length() > 5 && token.endsWith("ing")) {
            return token.substring(0, token.length() - 3);
        }
        if (token.length() > 3 && token.endsWith("s") && !token.endsWith("ss")) {
            return token.substring(0, token.length() - 1);
        }
        return token;
    }

    static boolean isStopword(String token) {
        return STOPWORDS.contains(token);
    }
}
