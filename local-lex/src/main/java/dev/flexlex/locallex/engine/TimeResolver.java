package dev.flexlex.locallex.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code AMAZON.Time}, as Lex V2 documents it: an exact time resolves to 24-hour {@code HH:mm} ("noon",
 * "midnight", "5 pm", "9:15 am", "17:30", "7 in the evening"); an hour without am/pm ("10 o'clock",
 * "at 5", "10:30") is ambiguous: its interpreted value is null and {@code resolvedValues} holds both
 * readings, morning first; a part of the day resolves to a range code: morning {@code MO}, afternoon
 * {@code AF}, evening {@code EV}, night {@code NI}.
 */
final class TimeResolver implements SlotResolver {

    private static final Pattern NAMED = Pattern.compile("\\b(noon|midday|midnight)\\b");
    private static final Pattern LEAD_IN = Pattern.compile("^(at|around|about|by) ");
    private static final Pattern LEAD_IN_BEFORE = Pattern.compile("(^|\\W)(at|around|by)\\s+$");
    private static final Pattern PART_OF_DAY = Pattern.compile("\\b(morning|afternoon|evening|night)\\b");
    private static final Pattern CLOCK = Pattern.compile(
            "\\b(\\d{1,2})(?::(\\d{2}))?\\s*"
                    + "(a\\.?m\\.?|p\\.?m\\.?|o'?clock|in the morning|in the afternoon|in the evening|at night)?(?=\\W|$)");

    @Override
    public Optional<SlotMatch> find(String text, LocalDate today) {
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        Matcher named = NAMED.matcher(lower);
        if (named.find()) {
            String time = named.group(1).equals("midnight") ? "00:00" : "12:00";
            return Optional.of(new SlotMatch(SlotValue.of(named.group(1), time), named.group(1)));
        }
        Matcher m = CLOCK.matcher(lower);
        while (m.find()) {
            Optional<SlotMatch> match = clock(m, lower);
            if (match.isPresent()) {
                return match;
            }
        }
        Matcher part = PART_OF_DAY.matcher(lower);
        if (part.find()) {
            String code = switch (part.group(1)) {
                case "morning" -> "MO";
                case "afternoon" -> "AF";
                case "evening" -> "EV";
                default -> "NI";
            };
            return Optional.of(new SlotMatch(SlotValue.of(part.group(1), code), part.group(1)));
        }
        return Optional.empty();
    }

    private static Optional<SlotMatch> clock(Matcher m, String lower) {
        int hour = Integer.parseInt(m.group(1));
        int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        String suffix = m.group(3) == null ? "" : m.group(3).replace(".", "");
        String answer = LEAD_IN.matcher(lower.trim()).replaceFirst("").replaceAll("[.!]$", "");
        boolean standalone = answer.equals(m.group().trim())
                || LEAD_IN_BEFORE.matcher(lower.substring(Math.max(0, m.start() - 10), m.start())).find();
        if (minute > 59 || hour > 23 || (suffix.isEmpty() && m.group(2) == null && !standalone)) {
            return Optional.empty();
        }
        String said = m.group().trim();
        if (suffix.equals("am") || suffix.equals("in the morning")) {
            return hour > 12 ? Optional.empty() : one(said, hour % 12, minute);
        }
        if (suffix.equals("pm") || suffix.equals("in the afternoon") || suffix.equals("in the evening")
                || suffix.equals("at night")) {
            return hour > 12 ? Optional.empty() : one(said, hour % 12 + 12, minute);
        }
        if (hour == 0 || hour > 12) {
            return one(said, hour, minute);
        }
        String morning = format(hour % 12, minute);
        String evening = format(hour % 12 + 12, minute);
        return Optional.of(new SlotMatch(new SlotValue(said, null, List.of(morning, evening)), said));
    }

    private static Optional<SlotMatch> one(String said, int hour, int minute) {
        return Optional.of(new SlotMatch(SlotValue.of(said, format(hour, minute)), said));
    }

    private static String format(int hour, int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", hour, minute);
    }
}
