package dev.flexlex.localstack.lambda;

/**
 * The outcome of one invocation: the function's response payload, or a function error (the runtime's
 * {@code /error} call, a crashed instance or a timeout) with Lambda's error type.
 */
public record InvokeResult(boolean ok, String payload, String errorType) {
    public static InvokeResult response(String payload) {
        return new InvokeResult(true, payload, null);
    }

    public static InvokeResult error(String errorType, String payload) {
        return new InvokeResult(false, payload, errorType);
    }
}
