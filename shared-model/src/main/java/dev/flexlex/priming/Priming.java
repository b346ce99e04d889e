package dev.flexlex.priming;

import dev.flexlex.config.ConfigException;
import dev.flexlex.config.Env;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

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
 * <p>Priming builds its own object graph and drops it; the function's real clients, caches and credentials are never
 * touched, so the first real invocation answers exactly as it would have. A failing priming is logged and ignored
 * (the first invocation then pays for the warm-up as before).
 */
public final class Priming implements Resource {
    /** Environment variable: {@code true} primes at init, {@code false} (the default) only before a snapshot. */
    public static final String PRIME_AT_INIT = "PRIME_AT_INIT";
    /** MDC key set on the log lines priming writes, so that they are never taken for real traffic. */
    public static final String MDC_KEY = "priming";
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

    private final String function;
    private final Runnable path;
    private volatile boolean done;

    private Priming(String function, Runnable path) {
        this.function = function;
        this.path = path;
    }

    /**
     * Registers {@code path} as the function's priming for a snapshot and, with {@value #PRIME_AT_INIT}{@code =true},
     * runs it now.
     *
     * @throws ConfigException when {@value #PRIME_AT_INIT} is neither {@code true} nor {@code false}
     */
    public static Priming register(String function, Env env, Runnable path) {
        boolean atInit = atInit(env);
        Priming priming = new Priming(function, path);
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
                path.run();
                LOG.info("{} primed in {} ms", function, (System.nanoTime() - start) / 1_000_000);
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
