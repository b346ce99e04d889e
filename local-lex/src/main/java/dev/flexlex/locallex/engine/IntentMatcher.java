package dev.flexlex.locallex.engine;

import dev.flexlex.locallex.definition.BuiltInSlotTypes;
import dev.flexlex.locallex.definition.IntentDefinition;
import dev.flexlex.locallex.definition.SlotDefinition;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scores a text against one intent's sample utterances.
 *
 * <p>A text that fits an utterance word for word, with each {@code {Slot}} position holding a value of the
 * slot's type, scores 1.0 and yields those values. Otherwise the values recognisable anywhere (custom values,
 * dates, times, e-mail addresses) are found and stand in for their {@code {Slot}} placeholders, and the score
 * is the best weighted overlap of stemmed words with an utterance (filler words weigh less; see
 * {@link #similarity}).
 */
final class IntentMatcher {

    private static final double FILLER_WEIGHT = 0.3;
    /** The most words a {@code {Slot}} position takes, free-form input aside. */
    private static final int MAX_VALUE_WORDS = 8;

    private final IntentDefinition intent;
    private final SlotResolvers resolvers;
    private final List<List<String>> utterances = new ArrayList<>();
    private final Map<String, SlotDefinition> slotsByMarker = new HashMap<>();

    IntentMatcher(IntentDefinition intent, SlotResolvers resolvers) {
        this.intent = intent;
        this.resolvers = resolvers;
        for (SlotDefinition slot : intent.slots()) {
            slotsByMarker.put(marker(slot.name()), slot);
        }
        for (String utterance : intent.sampleUtterances()) {
            utterances.add(Tokens.tokens(utterance));
        }
    }

    IntentScore score(String text, LocalDate today) {
        List<String> tokens = Tokens.tokens(text);
        List<String> words = Tokens.words(text);
        Text said = new Text(tokens, words.size() == tokens.size() ? words : tokens, today);
        for (List<String> utterance : utterances) {
            Map<String, SlotValue> captured = new LinkedHashMap<>();
            if (literalsInOrder(utterance, tokens) && matches(utterance, 0, said, 0, captured)) {
                return new IntentScore(intent, 1.0, captured);
            }
        }
        Map<String, SlotValue> found = new LinkedHashMap<>();
        String marked = " " + String.join(" ", tokens) + " ";
        for (SlotDefinition slot : intent.slots()) {
            SlotResolver resolver = resolvers.forType(slot.slotTypeName());
            if (!resolver.recognisableAnywhere()) {
                continue;
            }
            Optional<SlotMatch> match = resolver.find(text, today);
            if (match.isPresent()) {
                found.put(slot.name(), match.get().value());
                String matched = " " + String.join(" ", Tokens.tokens(match.get().matchedText())) + " ";
                marked = marked.replaceFirst(java.util.regex.Pattern.quote(matched), " " + marker(slot.name()) + " ");
            }
        }
        List<String> markedTokens = Tokens.split(marked.trim());
        double best = 0;
        for (List<String> utterance : utterances) {
            best = Math.max(best, similarity(utterance, markedTokens));
        }
        return new IntentScore(intent, best, found);
    }

    /** The text's normalised tokens, the same words as typed, and the customer's date. */
    private record Text(List<String> tokens, List<String> words, LocalDate today) {
    }

    /** Word-for-word match, each placeholder taking one or more words that resolve as its slot's type. */
    private boolean matches(List<String> pattern, int p, Text text, int t, Map<String, SlotValue> captured) {
        List<String> tokens = text.tokens();
        if (p == pattern.size()) {
            return t == tokens.size();
        }
        String part = pattern.get(p);
        SlotDefinition slot = slotsByMarker.get(part);
        if (slot == null) {
            return t < tokens.size() && Tokens.stem(part).equals(Tokens.stem(tokens.get(t)))
                    && matches(pattern, p + 1, text, t + 1, captured);
        }
        int longest = slot.slotTypeName().equals(BuiltInSlotTypes.FREE_FORM)
                ? tokens.size() : Math.min(tokens.size(), t + MAX_VALUE_WORDS);
        for (int end = t + 1; end <= longest; end++) {
            String span = String.join(" ", tokens.subList(t, end));
            Optional<SlotMatch> value = resolvers.forType(slot.slotTypeName())
                    .find(String.join(" ", text.words().subList(t, end)), text.today());
            if (value.isPresent() && Tokens.normalise(value.get().matchedText()).equals(span)
                    && matches(pattern, p + 1, text, end, captured)) {
                captured.put(slot.name(), value.get().value());
                return true;
            }
        }
        return false;
    }

    /** A cheap test before matching word for word: the utterance's own words occur in the text in order. */
    private boolean literalsInOrder(List<String> pattern, List<String> tokens) {
        int t = 0;
        for (String part : pattern) {
            if (slotsByMarker.containsKey(part)) {
                continue;
            }
            String stem = Tokens.stem(part);
            while (t < tokens.size() && !Tokens.stem(tokens.get(t)).equals(stem)) {
                t++;
            }
            if (t++ >= tokens.size()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Weighted overlap of an utterance and a text: the better of their Dice coefficient and the share of
     * the utterance the text covers, discounted by at most half for the text's other words, so a long
     * message that contains a whole utterance still scores well.
     */
    private double similarity(List<String> utterance, List<String> text) {
        List<String> remaining = new ArrayList<>(text.stream().map(Tokens::stem).toList());
        double common = 0;
        double utteranceWeight = 0;
        double textWeight = 0;
        for (String token : utterance) {
            double weight = weight(token);
            utteranceWeight += weight;
            if (remaining.remove(Tokens.stem(token))) {
                common += weight;
            }
        }
        for (String token : text) {
            textWeight += weight(token);
        }
        if (common == 0) {
            return 0;
        }
        double dice = 2 * common / (utteranceWeight + textWeight);
        double recall = common / utteranceWeight;
        double precision = common / textWeight;
        return Math.max(dice, recall * (0.5 + 0.5 * precision));
    }

    private double weight(String token) {
        return Tokens.isStopword(token) ? FILLER_WEIGHT : 1.0;
    }

    static String marker(String slotName) {
        return "{" + slotName.toLowerCase(Locale.ROOT) + "}";
    }
}
