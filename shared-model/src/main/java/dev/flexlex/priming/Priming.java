package dev.flexlex.priming;

import dev.flexlex.config.ConfigException;
import dev.flexlex.config.Env;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import java.util.function.IntConsumer;

/**
 * A function's priming: one run of its per-message code path (event parsing, our JSON, the signature check, SDK
 * request marshalling and response parsing, twilio-java request building) against in-memory stand-ins of the
 * network ({@link PrimingKit}), so that class loading, static initialisation and the first interpretation of that
 * path happen before the first real invocation instead of in it. It calls no service and fetches no secret.
 *
 * <p>It runs at most once per JVM instance: before a SnapStart snapshot is taken ({@link #beforeCheckpoint}, a CRaC
 * {@link Resource} registered with the global context; Lambda calls it when it publishes a version), or at init when
 * {@value #PRIME_AT_INIT}{@code =true} (useful without SnapStart: init is then longer and the first invocation
 * shorter). The owner must keep a reference to the returned object: CRaC holds its resources weakly.
 *
 * <p>{@value #PRIMING_ROUNDS} (default 1) is how many times the path is run over one graph: with the JIT's C2
 * compiler allowed ({@code JAVA_TOOL_OPTIONS}), enough rounds compile the hot code before the snapshot (AWS: "you
 * can use priming ... to trigger JIT before taking the SnapStart snapshot",
 * https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html).
 *
 * <p>Priming builds its own object graph and drops it; the function's real clients, caches and credentials are never
 * touched, so the first real invocation answers exactly as it would have. A failing priming is logged and ignored
 * (the first invocation then pays for the warm-up as before).
 */
public final class Priming implements Resource {
    /** Environment variable: {@code true} primes at init, {@code false} (the default) only before a snapshot. */
    public static final String PRIME_AT_INIT = "PRIME_AT_INIT";
    /** Environment variable: how many times the priming path runs (1 to {@value #MAX_ROUNDS}; default 1). */
    public static final String PRIMING_ROUNDS = "PRIMING_ROUNDS";
    static final int MAX_ROUNDS = 100_000;
    /** MDC key set on the log lines priming writes, so that they are never taken for real traffic. */
    public static final String MDC_KEY = "priming";
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

    private final String function;
    private final IntConsumer path;
    private final int rounds;
    private volatile boolean done;

    private Priming(String function, IntConsumer path, int rounds) {
        this.function = function;
        this.path = path;
        this.rounds = rounds;
    }

    /**
     * Registers {@code path} as the function's priming for a snapshot and, with {@value #PRIME_AT_INIT}{@code =true},
     * runs it now. {@code path} builds its graph once and runs the given number of rounds over it.
     *
     * @throws ConfigException when {@value #PRIME_AT_INIT} is neither {@code true} nor {@code false}, or
     *                         {@value #PRIMING_ROUNDS} is not a whole number from 1 to {@value #MAX_ROUNDS}
     */
    public static Priming register(String function, Env env, IntConsumer path) {
        boolean atInit = atInit(env);
        Priming priming = new Priming(function, path, rounds(env));
        Core.getGlobalContext().register(priming);
        if (atInit) {
            priming.prime();
        }
        return priming;
    }

    /** {@value #PRIME_AT_INIT}: unset or {@code false} is false, {@code true} is true, anything else fails. */
    public static boolean atInit(Env env) {
        return env.optional(PRIME_AT_INIT).isPresent() && env.required(PRIME_AT_INIT, value -> {
            if (value.equals("true")) {
                return true;
            }
            if (value.equals("false")) {
                return false;
            }
            throw new ConfigException("expected true or false");
        });
    }

    /** {@value #PRIMING_ROUNDS}: unset is 1; a whole number from 1 to {@value #MAX_ROUNDS}; anything else fails. */
    public static int rounds(Env env) {
        if (env.optional(PRIMING_ROUNDS).isEmpty()) {
            return 1;
        }
        return env.required(PRIMING_ROUNDS, value -> {
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= 1 && n <= MAX_ROUNDS) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // the error below names the variable and the range
            }
            throw new ConfigException("expected a whole number from 1 to " + MAX_ROUNDS);
        });
    }

    /** Runs the priming path unless it already ran; never throws. */
    public void prime() {
        if (done) {
            return;
        }
        synchronized (this) {
            if (done) {
                return;
            }
            long start = System.nanoTime();
            MDC.put(MDC_KEY, "true");
            try {
                path.accept(rounds);
                LOG.info("{} primed in {} ms ({} rounds)", function, (System.nanoTime() - start) / 1_000_000, rounds);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("{} priming failed; the first invocation warms up instead: {}", function, e.toString());
            } finally {
                // The priming path's ids (chat, message) must not stick to the first real invocation's log lines.
                MDC.clear();
                done = true;
            }
        }
    }

    public boolean done() {
        return done;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: priming holds no connection, credential or clock reading.
    }
}
