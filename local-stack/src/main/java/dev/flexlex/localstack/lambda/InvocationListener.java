package dev.flexlex.localstack.lambda;

/** Hears of each invocation's end: its response, or its error (a handler error, a crashed JVM, a timeout). */
@FunctionalInterface
public interface InvocationListener {
    /** Called on the thread that ends the invocation: keep it short, never block. */
    void ended(String function, InvokeResult result);
}
