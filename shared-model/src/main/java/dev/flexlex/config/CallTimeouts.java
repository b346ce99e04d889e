package dev.flexlex.config;

import java.time.Duration;

/**
 * The ceiling of every remote call the functions make. Each function's {@code Timeout} and each queue's
 * {@code VisibilityTimeout} in {@code template.yaml} are sized from these and from the in-process retry budgets
 * (README "Why each turn happens exactly once", timing budget); the template tests read both, so they cannot drift.
 *
 * <p>The AWS SDK enforces {@code apiCallAttemptTimeout} per HTTP attempt and {@code apiCallTimeout} over the whole
 * call, its own retries included (<a href="https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/timeouts.html">
 * AWS SDK for Java 2.x: timeouts</a>); a call that runs out throws, and the caller retries or gives the message back.
 */
public final class CallTimeouts {
    /**
     * Lex runtime (GetSession, RecognizeText): the SDK makes one attempt (a retried RecognizeText could advance the
     * dialog twice), so this bounds the attempt and the call. A bot whose code hooks answer slower needs more.
     */
    public static final Duration LEX_CALL = Duration.ofSeconds(2);
    /** SQS SendMessage: each attempt. */
    public static final Duration SQS_ATTEMPT = Duration.ofSeconds(1);
    /** SQS SendMessage: the whole call, with the SDK's standard retries. */
    public static final Duration SQS_CALL = Duration.ofSeconds(2);
    /** Secrets Manager GetSecretValue (once per instance): each attempt. */
    public static final Duration SECRETS_ATTEMPT = Duration.ofSeconds(1);
    /** Secrets Manager GetSecretValue: the whole call, with the SDK's standard retries. */
    public static final Duration SECRETS_CALL = Duration.ofSeconds(2);
    /** Twilio REST: TCP (and TLS) connect. */
    public static final Duration TWILIO_CONNECT = Duration.ofSeconds(1);
    /** Twilio REST: the wait for the answer (Twilio answers in well under a second). */
    public static final Duration TWILIO_READ = Duration.ofSeconds(5);

    private CallTimeouts() {
    }

    /** One Twilio REST call (one attempt: the client never repeats a call), connect plus answer. */
    public static Duration twilioCall() {
        return TWILIO_CONNECT.plus(TWILIO_READ);
    }
}
