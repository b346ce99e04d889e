package dev.flexlex.localstack.lambda;

import java.util.concurrent.CompletableFuture;

/** One JVM running the function's handler through the runtime interface client. */
final class HandlerInstance {
    final int number;
    final String name;
    final Process process;
    /** Completes when the instance first asks for an invocation (its init is done), or fails with its init error. */
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** The JVM's CPU time when its init finished (nanoseconds; -1 until then). */
    private volatile long initCpuNanos = -1;

    HandlerInstance(int number, String name, Process process) {
        this.number = number;
        this.name = name;
        this.process = process;
    }

    /** Completes {@link #ready} and notes the CPU time init took; false when it was complete already. */
    boolean markReady() {
        if (ready.isDone()) {
            return false;
        }
        initCpuNanos = cpuNanos();
        return ready.complete(null);
    }

    /** CPU time the JVM spent after its init (serving invocations, compiling, collecting); 0 before init ends. */
    long cpuNanosSinceInit() {
        long init = initCpuNanos;
        return init < 0 ? 0 : Math.max(0, cpuNanos() - init);
    }

    private long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** Signals the JVM to stop (SIGTERM). */
    void destroy() {
        process.destroy();
    }
}
