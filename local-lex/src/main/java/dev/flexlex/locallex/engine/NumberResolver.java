package dev.flexlex.locallex.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code AMAZON.Number}: digits ("42", "-3.5", "1,200") or English number words up to the thousands ("twenty five"). */
final class NumberResolver implements SlotResolver {

    private static final Pattern DIGITS = Pattern.compile("(?<![\\w.])-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|(?<![\\w.])-?\\d+(?:\\.\\d+)?");
    private static final Map<String, Integer> UNITS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9),
            Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13),
            Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17),
            Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30),
            Map.entry("forty", 40), Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70),
            Map.entry("eighty", 80), Map.entry("ninety", 90), Map.entry("a", 1));

    @Override
    public Optional<SlotMatch> find(String text, LocalDate today) {
        Matcher digits = DIGITS.matcher(text);
        if (digits.find()) {
            String said = digits.group();
            String interpreted = new BigDecimal(said.replace(",", "")).stripTrailingZeros().toPlainString();
            return Optional.of(new SlotMatch(SlotValue.of(said, interpreted), said));
        }
        return words(Tokens.tokens(text));
    }

    @Override
    public boolean recognisableAnywhere() {
        return false;
    }

    /** A number from 0 to 7 in digits or words (for "in three days"). */
    static int smallNumber(String said) {
        Integer unit = UNITS.get(said);
        return unit != null ? unit : Integer.parseInt(said);
    }

    private static Optional<SlotMatch> words(List<String> tokens) {
        for (int start = 0; start < tokens.size(); start++) {
            long total = 0;
            long current = 0;
            int end = start;
            while (end < tokens.size()) {
                String token = tokens.get(end);
                if (UNITS.containsKey(token) && !(token.equals("a") && end + 1 >= tokens.size())) {
                    current += UNITS.get(token);
                } else if (token.equals("hundred") && end > start) {
                    current *= 100;
                } else if (token.equals("thousand") && end > start) {
                    total += current * 1000;
                    current = 0;
                } else if (!(token.equals("and") && end > start)) {
                    break;
                }
                end++;
            }
            if (end > start && !(end == start + 1 && tokens.get(start).equals("a"))) {
                String said = String.join(" ", tokens.subList(start, end));
                return Optional.of(new SlotMatch(SlotValue.of(said, Long.toString(total + current)), said));
            }
        }
        return Optional.empty();
    }
}
