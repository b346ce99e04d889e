package dev.flexlex.localstack.lambda;

import java.util.concurrent.CompletableFuture;

/** One event waiting for, or held by, an instance of the function. */
final class PendingInvocation {
    final String requestId;
    final String payload;
    /** Set when an instance takes the event: the function's timeout runs from there, as Lambda's does. */
    volatile long deadlineEpochMillis;
    final CompletableFuture<InvokeResult> result = new CompletableFuture<>();
    volatile HandlerInstance heldBy;
    /** {@link System#nanoTime()} when the event was submitted and when an instance took it. */
    final long submittedNanos = System.nanoTime();
    volatile long takenNanos;

    PendingInvocation(String requestId, String payload) {
        this.requestId = requestId;
        this.payload = payload;
    }
}
