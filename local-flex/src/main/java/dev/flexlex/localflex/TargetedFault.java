package dev.flexlex.localflex;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * "Fail the next request matching …": a fault aimed at one kind of request rather than a fraction of a product's
 * calls. Spec entry {@code next:<METHOD> <path>=<kind>[*<count>][+<skip>]}, e.g.
 * {@code next:POST /conversations/v1/Conversations/*}{@code /Messages=500after*2}:
 * <ul>
 *   <li>{@code <path>} is the local path with its product prefix ({@code /conversations/v1/…}), query string excluded;
 *       {@code *} stands for any run of characters ({@code /} included), everything else matches literally;</li>
 *   <li>{@code <kind>} is a status 400–599 (answer it, with Twilio's error body, instead of acting), the status followed
 *       by {@code after} (act, then answer it: the answer lost after the effect), {@code drop} (close the connection
 *       without an answer, nothing done) or {@code dropafter} (act, then close the connection without an answer);</li>
 *   <li>{@code *<count>} (default 1): how many matching requests fail; then the fault is used up;</li>
 *   <li>{@code +<skip>} (default 0): how many matching requests pass untouched before the first one fails.</li>
 * </ul>
 * Embedded callers may also give the error body ({@link #TargetedFault(String, String, int, String, boolean, int, int)}).
 */
public final class TargetedFault {
    private static final Set<String> METHODS = Set.of("GET", "POST", "DELETE", "PUT", "PATCH");

    private final String method;
    private final String path;
    private final Pattern pattern;
    private final int status;
    private final String body;
    private final boolean afterEffect;
    private final int count;
    private final int skip;

    /** A fault for the very next matching request(s): {@code skip} 0. */
    public TargetedFault(String method, String path, int status, String body, boolean afterEffect, int count) {
        this(method, path, status, body, afterEffect, count, 0);
    }

    /**
     * @param path the local path glob ({@code *} = any characters)
     * @param status the status to answer (400–599), or 0 to drop the connection without an answer
     * @param body the JSON body to answer with; null = Twilio's error body for the status
     * @param afterEffect true: the request takes effect first
     * @param count how many matching requests fail (at least 1)
     * @param skip how many matching requests pass before the first one fails (at least 0)
     */
    public TargetedFault(String method, String path, int status, String body, boolean afterEffect, int count, int skip) {
        this.method = method == null ? null : method.trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(this.method)) {
            throw new IllegalArgumentException("targeted fault method '" + method + "' must be one of " + METHODS);
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("targeted fault path '" + path + "' must start with /");
        }
        if (status != 0 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("targeted fault status " + status + " must be 400..599 (or drop)");
        }
        if (count < 1) {
            throw new IllegalArgumentException("targeted fault count " + count + " must be at least 1");
        }
        if (skip < 0) {
            throw new IllegalArgumentException("targeted fault skip " + skip + " must be at least 0");
        }
        this.skip = skip;
        this.path = path;
        this.pattern = glob(path);
        this.status = status;
        this.body = body;
        this.afterEffect = afterEffect;
        this.count = count;
    }

    /** Parses {@code <METHOD> <path>} and {@code <kind>[*<count>]} of a {@code next:} spec entry. */
    static TargetedFault parse(String target, String value, String entry) {
        String[] methodAndPath = target.trim().split("\\s+");
        if (methodAndPath.length != 2) {
            throw new IllegalArgumentException("fault entry '" + entry + "' must look like next:METHOD /path=kind");
        }
        String kind = value.trim().toLowerCase(Locale.ROOT);
        int skip = 0;
        int plus = kind.indexOf('+');
        if (plus >= 0) {
            skip = number(kind.substring(plus + 1), "skip", entry);
            kind = kind.substring(0, plus);
        }
        int count = 1;
        int star = kind.indexOf('*');
        if (star >= 0) {
            count = number(kind.substring(star + 1), "count", entry);
            kind = kind.substring(0, star);
        }
        boolean after = kind.endsWith("after");
        String what = after ? kind.substring(0, kind.length() - "after".length()) : kind;
        int status;
        if (what.equals("drop")) {
            status = 0;
        } else {
            try {
                status = Integer.parseInt(what);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unknown targeted fault kind '" + value + "' in '" + entry
                        + "' (use a status 400..599, <status>after, drop or dropafter, optionally *count)");
            }
        }
        try {
            return new TargetedFault(methodAndPath[0], methodAndPath[1], status, null, after, count, skip);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in '" + entry + "'");
        }
    }

    private static int number(String text, String what, String entry) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault " + what + " '" + text + "' in '" + entry + "' is not a whole number");
        }
    }

    private static Pattern glob(String path) {
        StringBuilder regex = new StringBuilder();
        for (String literal : path.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }

    /** Whether this fault applies to a request with this method and local path. */
    public boolean matches(String requestMethod, String requestPath) {
        return method.equalsIgnoreCase(requestMethod) && pattern.matcher(requestPath).matches();
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The status answered; 0 when the connection is dropped instead. */
    public int status() {
        return status;
    }

    public boolean drops() {
        return status == 0;
    }

    /** The body answered, or null for Twilio's error body for the status. */
    public String body() {
        return body;
    }

    public boolean afterEffect() {
        return afterEffect;
    }

    public int count() {
        return count;
    }

    public int skip() {
        return skip;
    }

    @Override
    public String toString() {
        return "next:" + method + " " + path + "=" + (drops() ? "drop" : String.valueOf(status))
                + (afterEffect ? "after" : "") + (count == 1 ? "" : "*" + count) + (skip == 0 ? "" : "+" + skip);
    }
}
