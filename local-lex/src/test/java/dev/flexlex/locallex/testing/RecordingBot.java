package dev.flexlex.locallex.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.bot.TurnResult;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps a real bot to record what the protocol layer hands the engine each turn, and to run a
 * {@link #onTurn(Runnable) hook} inside the turn (a {@link TurnGate} to hold it open, or a throw to make it
 * fail). Everything else is the wrapped bot's.
 */
public final class RecordingBot implements LexBot {

    /** One call as the engine received it. */
    public record Call(String localeId, ObjectNode incomingState, String text, Map<String, String> requestAttributes,
                       ZoneId timeZone) {
    }

    private final LexBot delegate;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Runnable hook = () -> { };

    public RecordingBot(LexBot delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code hook} inside every following turn, after the call is recorded and before the engine runs. */
    public void onTurn(Runnable hook) {
        this.hook = hook;
    }

    public List<Call> calls() {
        return calls;
    }

    public Call lastCall() {
        return calls.get(calls.size() - 1);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String botId() {
        return delegate.botId();
    }

    @Override
    public Set<String> aliasIds() {
        return delegate.aliasIds();
    }

    @Override
    public Set<String> localeIds() {
        return delegate.localeIds();
    }

    @Override
    public Duration idleSessionTtl() {
        return delegate.idleSessionTtl();
    }

    @Override
    public TurnResult recognizeText(String localeId, ObjectNode incomingState, String text,
                                    Map<String, String> requestAttributes, ZoneId timeZone) {
        calls.add(new Call(localeId, incomingState.deepCopy(), text, requestAttributes, timeZone));
        hook.run();
        return delegate.recognizeText(localeId, incomingState, text, requestAttributes, timeZone);
    }
}
