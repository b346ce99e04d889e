package dev.flexlex.outbound;

import dev.flexlex.model.Json;

/** Reads one field of an attributes JSON string. */
final class FakeTwilioAttributes {
    private FakeTwilioAttributes() {
    }

    static String field(String json, String field) {
        try {
            return Json.mapper().readTree(json).path(field).asText(null);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
