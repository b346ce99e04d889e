package dev.flexlex.localstack.lambda;

import java.util.concurrent.CompletableFuture;

/** One event submitted to the function, and the future its result completes. */
final class PendingInvocation {
    final String requestId;
    final String payload;
    final CompletableFuture<InvokeResult> result = new CompletableFuture<>();
    /** {@link System#nanoTime()} when the event was submitted. */
    final long submittedNanos = System.nanoTime();

    PendingInvocation(String requestId, String payload) {
        this.requestId = requestId;
        this.payload = payload;
    }
}
