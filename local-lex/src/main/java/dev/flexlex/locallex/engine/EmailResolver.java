package dev.flexlex.locallex.engine;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code AMAZON.EmailAddress}: an address typed as such ({@code name@example.com}) or spelled out the way
 * people say it ("name at example dot com"), interpreted in lower case.
 */
final class EmailResolver implements SlotResolver {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    @Override
    public Optional<SlotMatch> find(String text, LocalDate today) {
        Matcher m = EMAIL.matcher(text);
        if (!m.find()) {
            m = EMAIL.matcher(text.replaceAll("(?i)\\s+dot\\s+", ".").replaceAll("(?i)\\s+at\\s+", "@"));
            if (!m.find()) {
                return Optional.empty();
            }
        }
        String said = m.group();
        return Optional.of(new SlotMatch(SlotValue.of(said, said.toLowerCase(Locale.ROOT)), said.toLowerCase(Locale.ROOT)));
    }
}
