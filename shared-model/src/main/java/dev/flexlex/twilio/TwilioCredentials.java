package dev.flexlex.twilio;

/**
 * The Twilio account credentials. Implementations fetch them lazily (never at class init, so a SnapStart
 * snapshot never holds them) and cache them; they never appear in logs or {@code toString}.
 */
public interface TwilioCredentials {
    String accountSid();

    String authToken();
}
