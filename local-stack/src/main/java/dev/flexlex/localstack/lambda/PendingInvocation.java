package dev.flexlex.localstack.lambda;

import java.util.concurrent.CompletableFuture;

/** One event waiting for, or held by, an instance of the function. */
final class PendingInvocation {
    final String requestId;
    final String payload;
    final long deadlineEpochMillis;
    final CompletableFuture<InvokeResult> result = new CompletableFuture<>();
    volatile HandlerInstance heldBy;

    PendingInvocation(String requestId, String payload, long deadlineEpochMillis) {
        this.requestId = requestId;
        this.payload = payload;
        this.deadlineEpochMillis = deadlineEpochMillis;
    }
}
