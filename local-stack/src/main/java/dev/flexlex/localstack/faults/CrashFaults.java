package dev.flexlex.localstack.faults;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code lambda:} entries of a {@code --faults} spec: {@code lambda:crash=P} kills the JVM of an invocation with
 * probability P at a random moment of it; {@code lambda:crash@<point>=P} kills it with probability P at a
 * {@link CrashPoint}. {@code seed=N} (shared with the local Flex's faults) makes the draws repeatable.
 *
 * @param random probability per invocation of a crash at a random moment (0: none)
 * @param points probability per call of a crash at each targeted point
 * @param seed   the spec's {@code seed=N}, or null
 * @param rest   the spec without the {@code lambda:} entries (for the Lex and Flex faults)
 */
public record CrashFaults(double random, Map<CrashPoint, Double> points, Long seed, String rest) {
    public CrashFaults {
        points = Map.copyOf(points);
    }

    public static CrashFaults none() {
        return new CrashFaults(0, Map.of(), null, "");
    }

    public boolean any() {
        return random > 0 || !points.isEmpty();
    }

    /** Splits {@code spec}; a malformed {@code lambda:} entry throws {@link IllegalArgumentException} naming it. */
    public static CrashFaults split(String spec) {
        double random = 0;
        Map<CrashPoint, Double> points = new EnumMap<>(CrashPoint.class);
        Long seed = null;
        List<String> rest = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String e = entry.strip();
            if (e.startsWith("seed=")) {
                try {
                    seed = Long.parseLong(e.substring(5));
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException("seed needs a whole number, got '" + e + "'");
                }
            }
            if (!e.startsWith("lambda:")) {
                if (!e.isEmpty()) {
                    rest.add(e);
                }
                continue;
            }
            int eq = e.indexOf('=');
            String key = eq < 0 ? e : e.substring(0, eq);
            if (eq < 0) {
                throw new IllegalArgumentException("'" + e + "' needs a probability: lambda:crash=P or lambda:crash@POINT=P");
            }
            double p = probability(e, e.substring(eq + 1));
            if (key.equals("lambda:crash")) {
                random = p;
            } else if (key.startsWith("lambda:crash@")) {
                points.put(CrashPoint.of(key.substring("lambda:crash@".length())), p);
            } else {
                throw new IllegalArgumentException("unknown lambda fault '" + e
                        + "'; use lambda:crash=P or lambda:crash@POINT=P");
            }
        }
        return new CrashFaults(random, points, seed, String.join(",", rest));
    }

    private static double probability(String entry, String value) {
        try {
            double p = Double.parseDouble(value);
            if (p >= 0 && p <= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // the error below
        }
        throw new IllegalArgumentException("'" + entry + "': the probability must be a number from 0 to 1");
    }
}
