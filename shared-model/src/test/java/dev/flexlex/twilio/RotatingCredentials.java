package dev.flexlex.twilio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Credentials over a "secret" the test changes; a re-read copies it in, when the test's limiter allows. */
public final class RotatingCredentials implements TwilioCredentials {
    public volatile String stored;
    public volatile String cached;
    public volatile List<String> others = List.of();
    public volatile boolean allowReRead = true;
    public final AtomicInteger rejections = new AtomicInteger();
    public final AtomicInteger reReads = new AtomicInteger();

    public RotatingCredentials(String token) {
        stored = token;
        cached = token;
    }

    @Override
    public String accountSid() {
        return "AC00000000000000000000000000000001";
    }

    @Override
    public String authToken() {
        return cached;
    }

    @Override
    public List<String> signingTokens() {
        List<String> tokens = new ArrayList<>(List.of(cached));
        tokens.addAll(others);
        return tokens;
    }

    /** A refused re-read, while another thread's re-read (the one allowed) brought the stored token. */
    public volatile boolean reReadByAnotherThread;

    @Override
    public boolean refreshAfterRejection() {
        rejections.incrementAndGet();
        if (reReadByAnotherThread) {
            cached = stored;
            return false;
        }
        if (!allowReRead) {
            return false;
        }
        reReads.incrementAndGet();
        cached = stored;
        return true;
    }
}
