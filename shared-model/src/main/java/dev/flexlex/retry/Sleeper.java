package dev.flexlex.retry;

import java.time.Duration;

/** Waits between attempts (and between polls); tests pass one that records the pauses instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;

    Sleeper THREAD = delay -> Thread.sleep(delay.toMillis());
}
