package dev.flexlex.twilio;

/** The Twilio credentials could not be loaded or are malformed; the message names the secret, never its value. */
public class TwilioCredentialsException extends RuntimeException {
    public TwilioCredentialsException(String message) {
        super(message);
    }

    public TwilioCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
