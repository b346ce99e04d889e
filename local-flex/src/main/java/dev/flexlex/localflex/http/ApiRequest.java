package dev.flexlex.localflex.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One REST call as the APIs see it: product, method, path (e.g. {@code /v1/Conversations/CH…}), the form
 * body and query string as multi-maps (Twilio sends lists as repeated keys) and the one header that
 * changes behaviour, {@code X-Twilio-Webhook-Enabled}.
 */
public final class ApiRequest {
    private final String product;
    private final String method;
    private final String path;
    private final Map<String, List<String>> form;
    private final Map<String, List<String>> query;
    private final boolean webhookEnabled;

    public ApiRequest(String product, String method, String path, Map<String, List<String>> form,
                      Map<String, List<String>> query, boolean webhookEnabled) {
        this.product = product;
        this.method = method;
        this.path = path;
        this.form = form;
        this.query = query;
        this.webhookEnabled = webhookEnabled;
    }

    /** Parses {@code a=1&b=2&b=3}; a malformed escape is the client's error (400). */
    public static Map<String, List<String>> parseUrlEncoded(String text, String what) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.computeIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, 20001, "Malformed " + what + ": " + e.getMessage());
            }
        }
        return out;
    }

    public String product() {
        return product;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public boolean webhookEnabled() {
        return webhookEnabled;
    }

    public Map<String, List<String>> query() {
        return query;
    }

    public Map<String, List<String>> form() {
        return form;
    }

    /** A form parameter, or a query parameter for GET/DELETE; null when absent. */
    public String param(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : values.get(0);
    }

    public List<String> values(String name) {
        List<String> values = form.get(name);
        if (values == null) {
            values = query.get(name);
        }
        return values == null ? List.of() : values;
    }

    public boolean has(String name) {
        return form.containsKey(name) || query.containsKey(name);
    }

    public String required(String name) {
        String value = param(name);
        if (value == null || value.isEmpty()) {
            throw ApiException.missing(name);
        }
        return value;
    }

    public String param(String name, String fallback) {
        String value = param(name);
        return value == null ? fallback : value;
    }

    public Integer intParam(String name, Integer fallback) {
        String value = param(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be an integer");
        }
    }

    public Boolean boolParam(String name, Boolean fallback) {
        String value = param(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw ApiException.invalid(name, "must be true or false");
    }

    /** A parameter that must hold JSON (e.g. {@code Attributes}); returns its normalised text or the fallback. */
    public String jsonText(String name, String fallback) {
        String value = param(name);
        if (value == null) {
            return fallback;
        }
        return Json.write(Json.parseParam(name, value));
    }

    public JsonNode json(String name) {
        String value = param(name);
        return value == null ? null : Json.parseParam(name, value);
    }

    /** A webhook method parameter: GET or POST in any case, answered upper-case. */
    public String httpMethod(String name, String fallback) {
        String method = param(name);
        if (method == null) {
            return fallback;
        }
        if (!method.equalsIgnoreCase("GET") && !method.equalsIgnoreCase("POST")) {
            throw ApiException.invalid(name, "must be GET or POST");
        }
        return method.toUpperCase(java.util.Locale.ROOT);
    }

    /** A value that must be one of the allowed ones (Twilio enums). */
    public String oneOf(String name, String fallback, String... allowed) {
        String value = param(name);
        if (value == null) {
            return fallback;
        }
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw ApiException.invalid(name, "must be one of " + String.join(", ", allowed));
    }
}
