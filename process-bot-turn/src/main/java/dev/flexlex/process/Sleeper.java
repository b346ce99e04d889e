package dev.flexlex.process;

import java.time.Duration;

/** Waits between retries; tests pass one that records the delays instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;

    Sleeper THREAD = delay -> Thread.sleep(delay.toMillis());
}
