package dev.flexlex.localflex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which REST calls fail, parsed from a spec such as
 * {@code conversations:500=0.2,taskrouter:429=0.1,*:500after=0.1,*:latency=50ms,seed=7}.
 * <ul>
 *   <li>{@code <product>:<kind>=<value>}, product one of {@code conversations chat taskrouter flex-api *};</li>
 *   <li>kinds {@code 429} and {@code 500} (answer that status instead of acting), {@code 500after} (act, then
 *       answer 500 — the case that doubles messages), {@code 400} (answer 400, code 20001, to a POST — a create or
 *       update — instead of acting; reads are never refused by it), each a fraction 0..1 of calls; {@code latency}
 *       ({@code 50ms}, {@code 1s}) added to every call;</li>
 *   <li>for {@code flex-api} only (Interactions are set up asynchronously): {@code channelfailed}, the fraction 0..1
 *       of new interactions whose channel ends {@code failed} (no task), and {@code setup}, how long after the
 *       create call the channel and its task appear (default {@value #DEFAULT_SETUP_MILLIS} ms);</li>
 *   <li>{@code seed=<long>} seeds the random draws (default 1), so a run is reproducible;</li>
 *   <li>a product's own setting wins over {@code *} for the same kind. Empty spec: no faults;</li>
 *   <li>{@code next:<METHOD> <path>=<kind>[*<count>]}: a {@link TargetedFault}, failing the next matching requests;
 *       several apply in the order given.</li>
 * </ul>
 */
public final class FaultSpec {
    static final Set<String> PRODUCTS = Set.of("conversations", "chat", "taskrouter", "flex-api", "*");
    /** Default delay between an interaction's create call and its channel and task appearing. */
    public static final long DEFAULT_SETUP_MILLIS = 100;

    /** Fractions and durations for one product; null = not set here. */
    record Rule(Double p429, Double p500, Double p500after, Long latencyMillis, Double p400, Double pChannelFailed,
                Long setupMillis) {
        static final Rule EMPTY = new Rule(null, null, null, null, null, null, null);

        Rule with(String product, String kind, String value, String entry) {
            if ((kind.equals("channelfailed") || kind.equals("setup")) && !product.equals("flex-api")) {
                throw new IllegalArgumentException("fault kind '" + kind + "' in '" + entry + "' applies to flex-api only");
            }
            return switch (kind) {
                case "429" -> new Rule(fraction(value, entry), p500, p500after, latencyMillis, p400, pChannelFailed, setupMillis);
                case "500" -> new Rule(p429, fraction(value, entry), p500after, latencyMillis, p400, pChannelFailed, setupMillis);
                case "500after" -> new Rule(p429, p500, fraction(value, entry), latencyMillis, p400, pChannelFailed, setupMillis);
                case "latency" -> new Rule(p429, p500, p500after, duration(value, entry), p400, pChannelFailed, setupMillis);
                case "400" -> new Rule(p429, p500, p500after, latencyMillis, fraction(value, entry), pChannelFailed, setupMillis);
                case "channelfailed" -> new Rule(p429, p500, p500after, latencyMillis, p400, fraction(value, entry), setupMillis);
                case "setup" -> new Rule(p429, p500, p500after, latencyMillis, p400, pChannelFailed, duration(value, entry));
                default -> throw new IllegalArgumentException("unknown fault kind '" + kind + "' in '" + entry
                        + "' (use 429, 500, 500after, 400, latency; flex-api also channelfailed, setup)");
            };
        }

        Rule over(Rule fallback) {
            return new Rule(p429 != null ? p429 : fallback.p429, p500 != null ? p500 : fallback.p500,
                    p500after != null ? p500after : fallback.p500after,
                    latencyMillis != null ? latencyMillis : fallback.latencyMillis,
                    p400 != null ? p400 : fallback.p400,
                    pChannelFailed != null ? pChannelFailed : fallback.pChannelFailed,
                    setupMillis != null ? setupMillis : fallback.setupMillis);
        }

        double rate400() {
            return p400 == null ? 0 : p400;
        }

        double rateChannelFailed() {
            return pChannelFailed == null ? 0 : pChannelFailed;
        }

        long setup() {
            return setupMillis == null ? DEFAULT_SETUP_MILLIS : setupMillis;
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
    private final List<TargetedFault> targeted;
    private final long seed;
    private final String text;

    private FaultSpec(Map<String, Rule> rules, List<TargetedFault> targeted, long seed, String text) {
        this.rules = Map.copyOf(rules);
        this.targeted = List.copyOf(targeted);
        this.seed = seed;
        this.text = text;
    }

    public static FaultSpec none() {
        return new FaultSpec(Map.of(), List.of(), 1, "");
    }

    /** The given targeted faults only (embedded use, e.g. with a custom error body). */
    public static FaultSpec of(TargetedFault... faults) {
        List<TargetedFault> list = List.of(faults);
        return new FaultSpec(Map.of(), list, 1, String.join(",", list.stream().map(TargetedFault::toString).toList()));
    }

    /** Parses the spec; a malformed one throws {@link IllegalArgumentException} naming the bad entry. */
    public static FaultSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return none();
        }
        Map<String, Rule> rules = new HashMap<>();
        List<TargetedFault> targeted = new ArrayList<>();
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
            if (left.toLowerCase(Locale.ROOT).startsWith("next:")) {
                targeted.add(TargetedFault.parse(left.substring("next:".length()), value, entry));
                continue;
            }
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
                        + "' (use conversations, chat, taskrouter, flex-api, * or next:METHOD /path)");
            }
            String kind = left.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            rules.put(product, rules.getOrDefault(product, Rule.EMPTY).with(product, kind, value, entry));
        }
        return new FaultSpec(rules, targeted, seed, spec.trim());
    }

    Rule ruleFor(String product) {
        Rule any = rules.getOrDefault("*", Rule.EMPTY);
        return rules.getOrDefault(product, Rule.EMPTY).over(any);
    }

    public long seed() {
        return seed;
    }

    public boolean isEmpty() {
        return rules.isEmpty() && targeted.isEmpty();
    }

    /** The targeted faults, in the order given. */
    public List<TargetedFault> targeted() {
        return targeted;
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
