package dev.flexlex.localflex.webhook;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Twilio's webhook connection overrides: the keys of a webhook URL's fragment ({@code #ct=..&rt=..&tt=..&rc=..&rp=..};
 * https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides), with Twilio's documented ranges and
 * defaults. The fragment is Twilio's to read: it is never sent to the target.
 *
 * @param connectTimeout {@code ct}: 100–10000 ms, default 5000
 * @param readTimeout {@code rt}: 100–15000 ms, default 15000 (a product may cap it: Conversations at 5 s)
 * @param totalTime {@code tt}: 100–15000 ms, default 15000: all attempts, retries included, end within it
 * @param retryCount {@code rc}: 0–5, default 1; {@code null} when the fragment does not set it (the product's own
 *                   retry count then applies, e.g. a Chat webhook's {@code RetryCount})
 * @param retryPolicy {@code rp}: which failures are retried; default {@code ct} (connection failures only)
 */
public record ConnectionOverrides(Duration connectTimeout, Duration readTimeout, Duration totalTime,
                                  Integer retryCount, Set<Failure> retryPolicy) {

    /** The kinds of failed attempt {@code rp} names. */
    public enum Failure {
        /** the TCP connection could not be made (refused, connect timeout) */
        CT,
        /** connected, but no response within the read timeout, or the connection dropped before one came */
        RT,
        /** a 4xx answer */
        CLIENT_ERROR,
        /** a 5xx answer */
        SERVER_ERROR
    }

    /** Twilio error 11243 "HTTP retry policy is invalid" (https://www.twilio.com/docs/api/errors/11243). */
    public static final int INVALID_RETRY_POLICY = 11243;

    public static final ConnectionOverrides DEFAULTS = new ConnectionOverrides(Duration.ofMillis(5000),
            Duration.ofMillis(15000), Duration.ofMillis(15000), null, EnumSet.of(Failure.CT));

    /** The URL without its fragment: what is requested and what is signed. */
    public static String requestUrl(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    /**
     * The overrides of {@code url}'s fragment over {@link #DEFAULTS}. Keys Twilio documents but the stand-in has no
     * use for ({@code e} edge, {@code sni}) and unknown keys are ignored.
     *
     * @throws InvalidOverrideException a value out of Twilio's range, not a number, or an unknown retry policy
     */
    public static ConnectionOverrides of(String url) {
        int hash = url.indexOf('#');
        ConnectionOverrides o = DEFAULTS;
        if (hash < 0) {
            return o;
        }
        for (String pair : url.substring(hash + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            o = switch (key) {
                case "ct" -> new ConnectionOverrides(millis(key, value, 10000), o.readTimeout, o.totalTime, o.retryCount, o.retryPolicy);
                case "rt" -> new ConnectionOverrides(o.connectTimeout, millis(key, value, 15000), o.totalTime, o.retryCount, o.retryPolicy);
                case "tt" -> new ConnectionOverrides(o.connectTimeout, o.readTimeout, millis(key, value, 15000), o.retryCount, o.retryPolicy);
                case "rc" -> new ConnectionOverrides(o.connectTimeout, o.readTimeout, o.totalTime, number(key, value, 0, 5), o.retryPolicy);
                case "rp" -> new ConnectionOverrides(o.connectTimeout, o.readTimeout, o.totalTime, o.retryCount, policy(value));
                default -> o;
            };
        }
        return o;
    }

    /** Whether a failure of this kind is retried. */
    public boolean retries(Failure failure) {
        return retryPolicy.contains(failure);
    }

    private static Duration millis(String key, String value, int max) {
        return Duration.ofMillis(number(key, value, 100, max));
    }

    private static int number(String key, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidOverrideException(0, key + "=" + value + " is not a number");
        }
        if (n < min || n > max) {
            throw new InvalidOverrideException(0, key + "=" + value + " is outside " + min + ".." + max);
        }
        return n;
    }

    private static Set<Failure> policy(String value) {
        Set<Failure> out = EnumSet.noneOf(Failure.class);
        for (String item : value.split(",")) {
            switch (item.trim().toLowerCase(Locale.ROOT)) {
                case "ct" -> out.add(Failure.CT);
                case "rt" -> out.add(Failure.RT);
                case "4xx" -> out.add(Failure.CLIENT_ERROR);
                case "5xx" -> out.add(Failure.SERVER_ERROR);
                case "all" -> out.addAll(EnumSet.allOf(Failure.class));
                default -> throw new InvalidOverrideException(INVALID_RETRY_POLICY, "rp=" + value + ": unknown policy '" + item + "'");
            }
        }
        return out;
    }

    /** An override Twilio would not accept; {@code code} is Twilio's error code, 0 where Twilio documents none. */
    public static final class InvalidOverrideException extends IllegalArgumentException {
        private final int code;

        InvalidOverrideException(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
