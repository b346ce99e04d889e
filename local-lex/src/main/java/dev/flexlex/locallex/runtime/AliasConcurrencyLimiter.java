package dev.flexlex.locallex.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * Lex's quota on concurrent text conversations per bot alias: a RecognizeText beyond the cap is refused
 * with ThrottlingException instead of queued, so clients can exercise their throttling handling for real.
 * A limit of zero or less means no cap.
 */
public final class AliasConcurrencyLimiter {

    /** An admitted request; closing it frees its place. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final Permit UNLIMITED = () -> { };

    private final int defaultLimit;
    private final Map<String, Integer> limitsByAliasId;
    private final ConcurrentMap<String, Semaphore> inFlight = new ConcurrentHashMap<>();

    /**
     * @param defaultLimit the cap of every alias not named in {@code limitsByAliasId}
     * @param limitsByAliasId caps by alias id (e.g. {@code TSTALIASID → 2})
     */
    public AliasConcurrencyLimiter(int defaultLimit, Map<String, Integer> limitsByAliasId) {
        this.defaultLimit = defaultLimit;
        this.limitsByAliasId = Map.copyOf(limitsByAliasId);
    }

    public int limitFor(String aliasId) {
        return limitsByAliasId.getOrDefault(aliasId, defaultLimit);
    }

    /**
     * Admits one more request on the session's alias.
     *
     * @throws LexRuntimeException ThrottlingException when the alias already runs its cap
     */
    public Permit acquire(SessionKey key) {
        int limit = limitFor(key.botAliasId());
        if (limit <= 0) {
            return UNLIMITED;
        }
        Semaphore semaphore = inFlight.computeIfAbsent(key.aliasKey(), k -> new Semaphore(limit));
        if (!semaphore.tryAcquire()) {
            throw LexRuntimeException.throttling("Rate exceeded: bot alias " + key.botAliasId()
                    + " already has " + limit + " concurrent requests in progress");
        }
        return semaphore::release;
    }
}
