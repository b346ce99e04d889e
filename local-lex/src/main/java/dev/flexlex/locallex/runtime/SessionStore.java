package dev.flexlex.locallex.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sessions per (bot, alias, locale, session id), in memory, with Lex's idle expiry: a session not used by
 * a turn or a PutSession for its bot's idle TTL is gone (GetSession answers 404, the next turn starts
 * afresh). A session is "mid-turn" from {@link #beginTurn} until {@link #completeTurn} or
 * {@link #abortTurn}; meanwhile writes to it are refused with ConflictException.
 *
 * <p>Every change goes through {@link ConcurrentMap#compute}, so each check-and-set is atomic per session.
 */
public final class SessionStore {

    /** How often (clock time) expired sessions are swept out of memory; lookups never see them anyway. */
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    /** One session; {@code snapshot} is null while a brand-new session runs its first turn. */
    private record Entry(SessionSnapshot snapshot, Instant lastActive, Duration ttl, boolean busy) {

        boolean expiredAt(Instant now) {
            return !busy && !now.isBefore(lastActive.plus(ttl));
        }
    }

    private final ConcurrentMap<SessionKey, Entry> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicReference<Instant> nextSweep;

    public SessionStore(Clock clock) {
        this.clock = clock;
        this.nextSweep = new AtomicReference<>(clock.instant().plus(SWEEP_INTERVAL));
    }

    /** The session's last state, if it exists, has completed a turn or PutSession, and has not expired. */
    public Optional<SessionSnapshot> get(SessionKey key) {
        Instant now = clock.instant();
        Entry entry = sessions.computeIfPresent(key, (k, e) -> e.expiredAt(now) ? null : e);
        return entry == null || entry.snapshot() == null ? Optional.empty() : Optional.of(entry.snapshot().copy());
    }

    /**
     * Marks the session mid-turn and returns its state before the turn (empty for a new or expired session).
     *
     * @throws LexRuntimeException ConflictException when a turn is already running on the session
     */
    public Optional<SessionSnapshot> beginTurn(SessionKey key, Duration ttl) {
        sweepIfDue();
        Instant now = clock.instant();
        AtomicReference<SessionSnapshot> before = new AtomicReference<>();
        sessions.compute(key, (k, e) -> {
            if (e != null && e.busy()) {
                throw conflict(k);
            }
            Entry live = e == null || e.expiredAt(now) ? null : e;
            if (live != null) {
                before.set(live.snapshot());
            }
            return new Entry(before.get(), live == null ? now : live.lastActive(), ttl, true);
        });
        return Optional.ofNullable(before.get()).map(SessionSnapshot::copy);
    }

    /** Stores the turn's outcome, restarts the idle clock and ends the turn. */
    public void completeTurn(SessionKey key, SessionSnapshot after, Duration ttl) {
        SessionSnapshot stored = after.copy();
        sessions.put(key, new Entry(stored, clock.instant(), ttl, false));
    }

    /** Ends a failed turn leaving the session exactly as it was before it (a new session disappears). */
    public void abortTurn(SessionKey key) {
        sessions.computeIfPresent(key, (k, e) -> e.snapshot() == null ? null
                : new Entry(e.snapshot(), e.lastActive(), e.ttl(), false));
    }

    /**
     * Replaces the session's state (PutSession), creating the session if needed.
     *
     * @throws LexRuntimeException ConflictException when a turn is running on the session
     */
    public void put(SessionKey key, SessionSnapshot snapshot, Duration ttl) {
        SessionSnapshot stored = snapshot.copy();
        Instant now = clock.instant();
        sessions.compute(key, (k, e) -> {
            if (e != null && e.busy()) {
                throw conflict(k);
            }
            return new Entry(stored, now, ttl, false);
        });
    }

    /**
     * Removes the session.
     *
     * @return false when there was no live session
     * @throws LexRuntimeException ConflictException when a turn is running on the session
     */
    public boolean delete(SessionKey key) {
        Instant now = clock.instant();
        AtomicReference<Boolean> existed = new AtomicReference<>(false);
        sessions.computeIfPresent(key, (k, e) -> {
            if (e.busy()) {
                throw conflict(k);
            }
            existed.set(!e.expiredAt(now));
            return null;
        });
        return existed.get();
    }

    /** Number of sessions held in memory (live, mid-turn, or expired but not yet swept). */
    public int size() {
        return sessions.size();
    }

    private void sweepIfDue() {
        Instant now = clock.instant();
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
            return;
        }
        sessions.forEach((k, e) -> sessions.computeIfPresent(k, (k2, e2) -> e2.expiredAt(now) ? null : e2));
    }

    private static LexRuntimeException conflict(SessionKey key) {
        return LexRuntimeException.conflict("Session " + key.sessionId()
                + " is processing another request; retry when that turn has finished");
    }
}
