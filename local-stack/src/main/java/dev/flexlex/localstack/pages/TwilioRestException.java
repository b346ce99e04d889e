package dev.flexlex.localstack.pages;

/** A Twilio REST call that failed: HTTP status (0 when no answer came), Twilio's error code and message. */
final class TwilioRestException extends RuntimeException {
    private final int status;
    private final int code;

    TwilioRestException(int status, int code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    int code() {
        return code;
    }
}
