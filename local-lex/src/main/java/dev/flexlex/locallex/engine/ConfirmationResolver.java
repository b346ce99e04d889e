package dev.flexlex.locallex.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code AMAZON.Confirmation} and the answer to a confirmation prompt: {@code Yes}, {@code No},
 * {@code Maybe} or {@code Don't know}. An answer that starts with yes or no is that answer ("yes, not a
 * problem"); otherwise a negative word anywhere outweighs a positive one ("that's not right").
 */
final class ConfirmationResolver implements SlotResolver {

    private static final Set<String> YES = Set.of("yes", "yeah", "yep", "yup", "sure", "ok", "okay", "correct",
            "right", "confirm", "confirmed", "absolutely", "definitely", "affirmative", "fine", "good", "great", "perfect");
    private static final Set<String> NO = Set.of("no", "nope", "nah", "not", "dont", "cancel", "wrong", "incorrect",
            "negative", "never", "stop");
    private static final Set<String> MAYBE = Set.of("maybe", "perhaps", "possibly");

    @Override
    public Optional<SlotMatch> find(String text, LocalDate today) {
        List<String> tokens = Tokens.tokens(text);
        String joined = String.join(" ", tokens);
        if (joined.contains("dont know") || joined.contains("not sure")) {
            return Optional.of(new SlotMatch(SlotValue.of(text.strip(), "Don't know"), joined));
        }
        if (joined.contains("no problem") || joined.contains("not a problem") || joined.contains("why not")) {
            return Optional.of(new SlotMatch(SlotValue.of(text.strip(), "Yes"), joined));
        }
        if (!tokens.isEmpty() && YES.contains(tokens.get(0)) != NO.contains(tokens.get(0))) {
            String answer = YES.contains(tokens.get(0)) ? "Yes" : "No";
            return Optional.of(new SlotMatch(SlotValue.of(text.strip(), answer), joined));
        }
        if (tokens.stream().anyMatch(NO::contains)) {
            return Optional.of(new SlotMatch(SlotValue.of(text.strip(), "No"), joined));
        }
        if (tokens.stream().anyMatch(YES::contains) || joined.equals("sounds good") || joined.equals("go ahead")) {
            return Optional.of(new SlotMatch(SlotValue.of(text.strip(), "Yes"), joined));
        }
        if (tokens.stream().anyMatch(MAYBE::contains)) {
            return Optional.of(new SlotMatch(SlotValue.of(text.strip(), "Maybe"), joined));
        }
        return Optional.empty();
    }

    @Override
    public boolean recognisableAnywhere() {
        return false;
    }
}
