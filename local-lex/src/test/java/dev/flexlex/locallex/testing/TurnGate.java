package dev.flexlex.locallex.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A turn hook that holds every turn open until {@link #release()}: tests wait (without sleeping) until
 * the expected number of turns are inside the bot, check what the server does meanwhile, then release.
 */
public final class TurnGate implements Runnable {

    private final Semaphore entered = new Semaphore(0);
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public void run() {
        entered.release();
        try {
            if (!released.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("TurnGate was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
    }

    /** Waits until {@code turns} more turns are held inside the bot. */
    public void awaitEntered(int turns) throws InterruptedException {
        if (!entered.tryAcquire(turns, 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("expected " + turns + " turns to enter the bot");
        }
    }

    public void release() {
        released.countDown();
    }
}
