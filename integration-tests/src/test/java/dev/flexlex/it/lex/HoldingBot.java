package dev.flexlex.it.lex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.bot.TurnResult;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real OrderFlowers bot, except that a turn whose text is {@link #HOLD} waits inside the local Lex until
 * released. Two held turns occupy both of the test alias's concurrent-request slots, so the next RecognizeText
 * is throttled by the local Lex for certain, not by luck of timing.
 */
final class HoldingBot implements LexBot {
    static final String HOLD = "hold this line";

    private final LexBot bot;
    private final AtomicReference<CountDownLatch> entered = new AtomicReference<>(new CountDownLatch(0));
    private final AtomicReference<CountDownLatch> release = new AtomicReference<>(new CountDownLatch(0));

    HoldingBot(LexBot bot) {
        this.bot = bot;
    }

    /** Arms the hold for the next {@code turns} held turns; returns the latch counting their arrival. */
    CountDownLatch hold(int turns) {
        release.set(new CountDownLatch(1));
        CountDownLatch arrived = new CountDownLatch(turns);
        entered.set(arrived);
        return arrived;
    }

    void releaseAll() {
        release.get().countDown();
    }

    @Override
    public String name() {
        return bot.name();
    }

    @Override
    public String botId() {
        return bot.botId();
    }

    @Override
    public Set<String> aliasIds() {
        return bot.aliasIds();
    }

    @Override
    public Set<String> localeIds() {
        return bot.localeIds();
    }

    @Override
    public Duration idleSessionTtl() {
        return bot.idleSessionTtl();
    }

    @Override
    public TurnResult recognizeText(String localeId, ObjectNode incomingState, String text,
                                    Map<String, String> requestAttributes, ZoneId timeZone) {
        if (HOLD.equals(text)) {
            entered.get().countDown();
            try {
                if (!release.get().await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("held turn never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return bot.recognizeText(localeId, incomingState, text, requestAttributes, timeZone);
    }
}
