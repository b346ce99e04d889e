package dev.flexlex.it.e2e;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.flexlex.localstack.lambda.FunctionInvoker;
import dev.flexlex.localstack.lambda.InvokeResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A handler in this JVM behind local-stack's {@link FunctionInvoker}: one warm instance (one invocation at a time)
 * called through its stream entry point with the event's JSON, on the caller's thread. An exception out of the
 * handler is a function error named after its class, as the Java runtime reports it.
 */
final class InProcessFunction implements FunctionInvoker {
    private final String name;
    private volatile RequestStreamHandler handler;

    InProcessFunction(String name) {
        this.name = name;
    }

    InProcessFunction(String name, RequestStreamHandler handler) {
        this(name);
        this.handler = handler;
    }

    /** Sets the handler (for a function built after the gateway in front of it, whose URL it needs). */
    void integrate(RequestStreamHandler handler) {
        this.handler = handler;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized CompletableFuture<InvokeResult> invoke(String eventJson) {
        if (handler == null) {
            return CompletableFuture.completedFuture(InvokeResult.error("ResourceNotFoundException", "{}"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out,
                    new LambdaInvocation(name));
            return CompletableFuture.completedFuture(InvokeResult.response(out.toString(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return CompletableFuture.completedFuture(InvokeResult.error(e.getClass().getName(),
                    "{\"errorMessage\":\"" + e.getClass().getSimpleName() + "\"}"));
        }
    }
}
