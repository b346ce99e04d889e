package dev.flexlex.process.lex;

/** Lex throttled us, failed on its side, or could not be reached: the same call may succeed later. */
public class LexTransientException extends RuntimeException {
    /** Whether Lex throttled the call (HTTP 429 or a throttling error code), rather than failing or being unreachable. */
    public boolean throttled() {
        return getCause() instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
                && (service.isThrottlingException() || service.statusCode() == 429);
    }

    public LexTransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
