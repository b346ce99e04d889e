package dev.flexlex.localstack.lambda;

import java.util.concurrent.CompletableFuture;

/**
 * What an event source or API integration needs of a function: its name and one asynchronous invocation with an
 * event's JSON. {@link LambdaFunction} runs the shipped jar in its own JVMs; a test may put a handler in its own JVM
 * behind it instead.
 */
public interface FunctionInvoker {
    String name();

    CompletableFuture<InvokeResult> invoke(String eventJson);
}
