package dev.flexlex.localstack.lambda;

import java.util.concurrent.CompletableFuture;

/** One JVM running the function's handler through the runtime interface client. */
final class HandlerInstance {
    final int number;
    final String name;
    final Process process;
    /** Completes when the instance first asks for an invocation (its init is done), or fails with its init error. */
    final CompletableFuture<Void> ready = new CompletableFuture<>();

    HandlerInstance(int number, String name, Process process) {
        this.number = number;
        this.name = name;
        this.process = process;
    }

    /** Signals the JVM to stop (SIGTERM). */
    void destroy() {
        process.destroy();
    }
}
