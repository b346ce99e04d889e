package dev.flexlex.localflex;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which REST calls fail, parsed from a spec such as
 * {@code conversations:500=0.2,taskrouter:429=0.1,*:500after=0.1,*:latency=50ms,seed=7}.
 * <ul>
 *   <li>{@code <product>:<kind>=<value>}, product one of {@code conversations chat taskrouter flex-api *};</li>
 *   <li>kinds {@code 429} and {@code 500} (answer that status instead of acting), {@code 500after} (act, then
 *       answer 500 — the case that doubles messages), each a fraction 0..1 of calls; {@code latency}
 *       ({@code 50ms}, {@code 1s}) added to every call;</li>
 *   <li>{@code seed=<long>} seeds the random draws (default 1), so a run is reproducible;</li>
 *   <li>a product's own setting wins over {@code *} for the same kind. Empty spec: no faults.</li>
 * </ul>
 */
public final class FaultSpec {
    static final Set<String> PRODUCTS = Set.of("conversations", "chat", "taskrouter", "flex-api", "*");

    /** Fractions and latency for one product; null = not set here. */
    record Rule(Double p429, Double p500, Double p500after, Long latencyMillis) {
        static final Rule EMPTY = new Rule(null, null, null, null);

        Rule with(String kind, String value, String entry) {
            return switch (kind) {
                case "429" -> new Rule(fraction(value, entry), p500, p500after, latencyMillis);
                case "500" -> new Rule(p429, fraction(value, entry), p500after, latencyMillis);
                case "500after" -> new Rule(p429, p500, fraction(value, entry), latencyMillis);
                case "latency" -> new Rule(p429, p500, p500after, duration(value, entry));
                default -> throw new IllegalArgumentException(
                        "unknown fault kind '" + kind + "' in '" + entry + "' (use 429, 500, 500after, latency)");
            };
        }

        Rule over(Rule fallback) {
            return new Rule(p429 != null ? p429 : fallback.p429, p500 != null ? p500 : fallback.p500,
                    p500after != null ? p500after : fallback.p500after,
                    latencyMillis != null ? latencyMillis : fallback.latencyMillis);
        }

        double rate429() {
            return p429 == null ? 0 : p429;
        }

        double rate500() {
            return p500 == null ? 0 : p500;
        }

        double rate500after() {
            return p500after == null ? 0 : p500after;
        }

        long latency() {
            return latencyMillis == null ? 0 : latencyMillis;
        }
    }

    private final Map<String, Rule> rules;
    private final long seed;
    private final String text;

    private FaultSpec(Map<String, Rule> rules, long seed, String text) {
        this.rules = Map.copyOf(rules);
        this.seed = seed;
        this.text = text;
    }

    public static FaultSpec none() {
        return new FaultSpec(Map.of(), 1, "");
    }

    /** Parses the spec; a malformed one throws {@link IllegalArgumentException} naming the bad entry. */
    public static FaultSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return none();
        }
        Map<String, Rule> rules = new HashMap<>();
        long seed = 1;
        for (String raw : spec.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("fault entry '" + entry + "' has no '='");
            }
            String left = entry.substring(0, eq).trim();
            String value = entry.substring(eq + 1).trim();
            if (left.equals("seed")) {
                try {
                    seed = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("fault seed '" + value + "' is not a whole number");
                }
                continue;
            }
            int colon = left.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("fault entry '" + entry + "' must look like product:kind=value");
            }
            String product = left.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (!PRODUCTS.contains(product)) {
                throw new IllegalArgumentException("unknown product '" + product + "' in '" + entry
                        + "' (use conversations, chat, taskrouter, flex-api or *)");
            }
            String kind = left.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            rules.put(product, rules.getOrDefault(product, Rule.EMPTY).with(kind, value, entry));
        }
        return new FaultSpec(rules, seed, spec.trim());
    }

    Rule ruleFor(String product) {
        Rule any = rules.getOrDefault("*", Rule.EMPTY);
        return rules.getOrDefault(product, Rule.EMPTY).over(any);
    }

    public long seed() {
        return seed;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "none" : text;
    }

    private static double fraction(String value, String entry) {
        try {
            double d = Double.parseDouble(value);
            if (d < 0 || d > 1 || Double.isNaN(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault fraction '" + value + "' in '" + entry + "' must be in 0..1");
        }
    }

    private static long duration(String value, String entry) {
        String v = value.toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return checkedNonNegative(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return checkedNonNegative(Long.parseLong(v.substring(0, v.length() - 1)) * 1000);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("fault latency '" + value + "' in '" + entry + "' must look like 50ms or 2s");
    }

    private static long checkedNonNegative(long millis) {
        if (millis < 0) {
            throw new NumberFormatException();
        }
        return millis;
    }
}
