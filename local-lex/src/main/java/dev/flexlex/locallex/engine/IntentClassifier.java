package dev.flexlex.locallex.engine;

import dev.flexlex.locallex.definition.IntentDefinition;
import dev.flexlex.locallex.definition.LocaleDefinition;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranks a locale's intents for a text. Scores are rounded to two decimals as Lex reports them; the
 * fallback intent is not scored: it wins when no intent reaches the locale's NLU confidence threshold.
 */
final class IntentClassifier {

    private final List<IntentMatcher> matchers = new ArrayList<>();
    private final IntentDefinition fallback;
    private final double threshold;

    IntentClassifier(LocaleDefinition locale, SlotResolvers resolvers) {
        this.threshold = locale.nluConfidenceThreshold();
        this.fallback = locale.intents().stream().filter(IntentDefinition::isFallback).findFirst().orElseThrow();
        for (IntentDefinition intent : locale.intents()) {
            if (!intent.isFallback()) {
                matchers.add(new IntentMatcher(intent, resolvers));
            }
        }
    }

    /** Every scored intent, best first (ties in definition order). */
    List<IntentScore> rank(String text, LocalDate today) {
        List<IntentScore> scores = new ArrayList<>();
        for (IntentMatcher matcher : matchers) {
            IntentScore score = matcher.score(text, today);
            scores.add(new IntentScore(score.intent(), Math.round(score.score() * 100) / 100.0, score.slots()));
        }
        scores.sort(Comparator.comparingDouble(IntentScore::score).reversed());
        return scores;
    }

    /** The winning intent: the best scored one if it reaches the threshold, else the fallback intent. */
    IntentScore best(List<IntentScore> ranked) {
        if (!ranked.isEmpty() && ranked.get(0).score() >= threshold && ranked.get(0).score() > 0) {
            return ranked.get(0);
        }
        return new IntentScore(fallback, Double.NaN, Map.of());
    }

    IntentDefinition fallback() {
        return fallback;
    }
}
