package dev.flexlex.locallex.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in slot types, each against what customers type. Today is Wednesday 2026-11-25. */
class BuiltInSlotTypesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "today|2026-11-25", "tonight|2026-11-25", "tomorrow|2026-11-26", "the day after tomorrow|2026-11-27",
        "yesterday|2026-11-24", "in 3 days|2026-11-28", "in two days|2026-11-27",
        "monday|2026-11-30", "next monday|2026-11-30", "on friday please|2026-11-27",
        "wednesday|2026-11-25", "this wednesday|2026-11-25", "next wednesday|2026-12-02", "now|2026-11-25",
        "next week|2026-11-29", "this week|2026-11-23", "last week|2026-11-16", "next month|2026-12-31",
        "this month|2026-11-01", "last month|2026-10-01", "next year|2027-12-31", "this year|2026-01-01",
        "last year|2025-01-01",
        "2026-12-24|2026-12-24", "12/24/2026|2026-12-24", "12/24|2026-12-24",
        "december 24th|2026-12-24", "Dec 24, 2027|2027-12-24", "the 3rd of january|2027-01-03",
        "24 December 2026|2026-12-24", "january 5|2027-01-05"})
    void dates(String said, String expected) {
        assertEquals(expected, interpreted(new DateResolver(), said));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"purple elephant", "2026-13-40", "february 30", "soon"})
    void notDates(String said) {
        assertEquals(Optional.empty(), new DateResolver().find(said, TODAY));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5 pm|17:00", "5pm|17:00", "noon|12:00", "midnight|00:00", "9:15 am|09:15", "9:15 a.m.|09:15",
        "17:30|17:30", "12 pm|12:00", "12 am|00:00", "7 in the evening|19:00", "at 11:45 pm|23:45",
        "tomorrow at 5 pm|17:00"})
    void times(String said, String expected) {
        SlotValue value = new TimeResolver().find(said, TODAY).orElseThrow().value();
        assertEquals(expected, value.interpretedValue());
        assertEquals(List.of(expected), value.resolvedValues());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10 o'clock|10:00|22:00", "at 5|05:00|17:00", "10:30|10:30|22:30", "3|03:00|15:00"})
    void ambiguousTimesResolveToBothReadings(String said, String morning, String evening) {
        SlotValue value = new TimeResolver().find(said, TODAY).orElseThrow().value();
        assertEquals(null, value.interpretedValue(), "Lex leaves an ambiguous time uninterpreted");
        assertEquals(List.of(morning, evening), value.resolvedValues());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"morning|MO", "in the afternoon|AF", "this evening|EV", "at night|NI"})
    void partsOfTheDayResolveToRangeCodes(String said, String code) {
        assertEquals(code, interpreted(new TimeResolver(), said));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"whenever", "25:00", "13 pm", "12/24"})
    void notTimes(String said) {
        assertEquals(Optional.empty(), new TimeResolver().find(said, TODAY));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "42|42", "I need 3 of them|3", "-7|-7", "2.50|2.5", "1,200|1200", "twenty five|25", "one hundred and two|102",
        "three thousand four hundred|3400", "zero|0"})
    void numbers(String said, String expected) {
        assertEquals(expected, interpreted(new NumberResolver(), said));
    }

    @Test
    void notANumber() {
        assertEquals(Optional.empty(), new NumberResolver().find("a lot", TODAY));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"AB1234|AB1234", "my order is X9Y8 thanks|X9Y8", "Zebra|Zebra"})
    void alphaNumerics(String said, String expected) {
        assertEquals(expected, interpreted(new AlphaNumericResolver(), said));
    }

    @Test
    void notAnAlphaNumeric() {
        assertEquals(Optional.empty(), new AlphaNumericResolver().find("I do not know", TODAY));
    }

    @Test
    void freeFormIsTheWholeAnswer() {
        assertEquals("Leave it at the back door, thanks!", interpreted(new FreeFormResolver(), "  Leave it at the back door, thanks! "));
        assertEquals(Optional.empty(), new FreeFormResolver().find("   ", TODAY));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"jane.doe+flowers@Example.COM|jane.doe+flowers@example.com",
        "it is bob@mail.example.org thanks|bob@mail.example.org", "jane dot doe at example dot com|jane.doe@example.com"})
    void emailAddresses(String said, String expected) {
        assertEquals(expected, interpreted(new EmailResolver(), said));
    }

    @Test
    void notAnEmailAddress() {
        assertEquals(Optional.empty(), new EmailResolver().find("bob at example", TODAY));
        assertEquals(Optional.empty(), new EmailResolver().find("meet me at noon", TODAY));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"yes|Yes", "Yeah, sounds good|Yes", "ok|Yes", "no|No", "nope|No",
        "no thanks|No", "don't do it|No", "maybe|Maybe", "I don't know|Don't know", "sure, no problem|Yes",
        "yes, not a problem|Yes", "no, not today|No", "that's not right|No"})
    void confirmations(String said, String expected) {
        assertEquals(expected, interpreted(new ConfirmationResolver(), said));
    }

    @Test
    void notAConfirmation() {
        assertEquals(Optional.empty(), new ConfirmationResolver().find("purple", TODAY));
    }

    @Test
    void onlySpecificTypesAreTakenFromAnywhereInASentence() {
        assertTrue(new DateResolver().recognisableAnywhere());
        assertTrue(new TimeResolver().recognisableAnywhere());
        assertTrue(new EmailResolver().recognisableAnywhere());
        assertEquals(List.of(false, false, false, false), List.of(new NumberResolver().recognisableAnywhere(),
                new AlphaNumericResolver().recognisableAnywhere(), new FreeFormResolver().recognisableAnywhere(),
                new ConfirmationResolver().recognisableAnywhere()));
    }

    private static String interpreted(SlotResolver resolver, String said) {
        return resolver.find(said, TODAY).orElseThrow(() -> new AssertionError("no value in: " + said)).value().interpretedValue();
    }
}
