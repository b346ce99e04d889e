package dev.flexlex.model;

/** Field checks for the records' compact constructors; messages name the record and the field. */
final class Require {
    private Require() {
    }

    static String text(String record, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(record + " field '" + field + "' is missing or blank");
        }
        return value;
    }

    static <T> T present(String record, String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(record + " field '" + field + "' is missing");
        }
        return value;
    }
}
