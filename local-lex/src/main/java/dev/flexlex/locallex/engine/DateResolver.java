package dev.flexlex.locallex.engine;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code AMAZON.Date}: resolves to an ISO date ({@code 2026-11-27}) relative to the customer's today, on or
 * after today where a phrase allows several, as Lex documents it. Understands today, now, tonight, tomorrow,
 * the day after tomorrow, yesterday, "in 3 days", weekdays ("friday" and "this friday": the first Friday on
 * or after today; "next friday": the first after today), ISO dates, US dates (11/27/2026, 11/27), month
 * names ("november 27th", "27 november 2026", "nov 27, 2026"; without a year, the next such date), and
 * weeks, months and years as Lex V2 resolves them: a future one ("next week/month/year") to its last day
 * (for "next week", Lex's documented answer is the Sunday of the current week), the current or a past one
 * ("this week", "last month", "last year") to its first day.
 */
final class DateResolver implements SlotResolver {

    private static final String MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    private static final String DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");
    private static final Pattern US = Pattern.compile("\\b(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}))?\\b");
    private static final Pattern MONTH_DAY = Pattern.compile("\\b" + MONTH + "\\.? (?:the )?" + DAY + "(?:,? (\\d{4}))?\\b");
    private static final Pattern DAY_MONTH = Pattern.compile("\\b(?:the )?" + DAY + " (?:of )?" + MONTH + "\\.?(?:,? (\\d{4}))?\\b");
    private static final Pattern IN_DAYS = Pattern.compile("\\bin (\\d{1,3}|one|two|three|four|five|six|seven) days?\\b");
    private static final Pattern WEEKDAY = Pattern.compile(
            "\\b(?:(next|this|on|coming) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b");
    private static final Pattern RELATIVE = Pattern.compile("\\b(the day after tomorrow|today|tonight|tomorrow|yesterday|now)\\b");
    private static final Pattern PERIOD = Pattern.compile("\\b(this|next|last) (week|month|year)\\b");

    @Override
    public Optional<SlotMatch> find(String text, LocalDate today) {
        String lower = text.toLowerCase(Locale.ROOT).replace(",", ", ").replaceAll("\\s+", " ");
        Matcher m = ISO.matcher(lower);
        if (m.find()) {
            return date(m, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        m = MONTH_DAY.matcher(lower);
        if (m.find()) {
            return dayOfMonth(m, today, month(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
        }
        m = DAY_MONTH.matcher(lower);
        if (m.find()) {
            return dayOfMonth(m, today, month(m.group(2)), Integer.parseInt(m.group(1)), m.group(3));
        }
        m = US.matcher(lower);
        if (m.find()) {
            return dayOfMonth(m, today, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
        }
        m = RELATIVE.matcher(lower);
        if (m.find()) {
            LocalDate date = switch (m.group(1)) {
                case "the day after tomorrow" -> today.plusDays(2);
                case "tomorrow" -> today.plusDays(1);
                case "yesterday" -> today.minusDays(1);
                default -> today;
            };
            return match(m, date);
        }
        m = PERIOD.matcher(lower);
        if (m.find()) {
            return match(m, period(today, m.group(1), m.group(2)));
        }
        m = IN_DAYS.matcher(lower);
        if (m.find()) {
            return match(m, today.plusDays(NumberResolver.smallNumber(m.group(1))));
        }
        m = WEEKDAY.matcher(lower);
        if (m.find()) {
            DayOfWeek day = DayOfWeek.valueOf(m.group(2).toUpperCase(Locale.ROOT));
            int ahead = (day.getValue() - today.getDayOfWeek().getValue() + 7) % 7;
            if (ahead == 0 && "next".equals(m.group(1))) {
                ahead = 7;
            }
            return match(m, today.plusDays(ahead));
        }
        return Optional.empty();
    }

    private static LocalDate period(LocalDate today, String which, String unit) {
        LocalDate weekStart = today.minusDays(today.getDayOfWeek().getValue() - 1L);
        return switch (which + " " + unit) {
            case "next week" -> weekStart.plusDays(6);
            case "this week" -> weekStart;
            case "last week" -> weekStart.minusWeeks(1);
            case "next month" -> today.plusMonths(1).withDayOfMonth(today.plusMonths(1).lengthOfMonth());
            case "this month" -> today.withDayOfMonth(1);
            case "last month" -> today.minusMonths(1).withDayOfMonth(1);
            case "next year" -> LocalDate.of(today.getYear() + 1, 12, 31);
            case "this year" -> LocalDate.of(today.getYear(), 1, 1);
            default -> LocalDate.of(today.getYear() - 1, 1, 1);
        };
    }

    private static Optional<SlotMatch> dayOfMonth(Matcher m, LocalDate today, int month, int day, String year) {
        if (year != null) {
            return date(m, Integer.parseInt(year), month, day);
        }
        try {
            LocalDate date = LocalDate.of(today.getYear(), month, day);
            return match(m, date.isBefore(today) ? date.plusYears(1) : date);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<SlotMatch> date(Matcher m, int year, int month, int day) {
        try {
            return match(m, LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<SlotMatch> match(Matcher m, LocalDate date) {
        String said = m.group().trim();
        return Optional.of(new SlotMatch(SlotValue.of(said, date.toString()), said));
    }

    private static int month(String name) {
        String prefix = name.substring(0, 3).toUpperCase(Locale.ROOT);
        for (Month month : Month.values()) {
            if (month.name().startsWith(prefix)) {
                return month.getValue();
            }
        }
        throw new IllegalArgumentException("not a month: " + name);
    }
}
