package dev.flexlex.locallex.definition;

import java.util.List;
import java.util.Optional;

/** The built-in slot types local-lex resolves, by their Lex V2 names. */
public final class BuiltInSlotTypes {

    public static final String DATE = "AMAZON.Date";
    public static final String TIME = "AMAZON.Time";
    public static final String NUMBER = "AMAZON.Number";
    public static final String ALPHANUMERIC = "AMAZON.AlphaNumeric";
    public static final String FREE_FORM = "AMAZON.FreeFormInput";
    public static final String EMAIL = "AMAZON.EmailAddress";
    public static final String CONFIRMATION = "AMAZON.Confirmation";

    public static final List<String> ALL = List.of(DATE, TIME, NUMBER, ALPHANUMERIC, FREE_FORM, EMAIL, CONFIRMATION);

    private BuiltInSlotTypes() {
    }

    /** The canonical name of a supported built-in type, matched ignoring case (V1 wrote AMAZON.DATE). */
    public static Optional<String> canonical(String name) {
        return ALL.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst();
    }
}
