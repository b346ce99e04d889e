package dev.flexlex.twilio;

import java.util.List;

/**
 * The Twilio account credentials. Implementations fetch them lazily (never at class init, so a SnapStart
 * snapshot never holds them) and cache them; they never appear in logs or {@code toString}.
 *
 * <p>Rotation: Twilio rejects a deleted token (a REST 401 with code 20003) and, once a secondary token is promoted,
 * signs webhooks with the new primary. A caller that sees such a rejection calls {@link #refreshAfterRejection()}
 * and tries once more if the credentials then in force differ from those rejected (a re-read by another thread counts
 * as much as its own).
 */
public interface TwilioCredentials {
    String accountSid();

    /** The token REST calls authenticate with. */
    String authToken();

    /**
     * Every token a genuine webhook may be signed with right now: {@link #authToken()} first, then any other token
     * of a rotation in progress (see the implementation). Never empty.
     */
    default List<String> signingTokens() {
        return List.of(authToken());
    }

    /**
     * Twilio rejected the credentials in force. Re-reads them if the implementation's rate limit allows it now.
     *
     * @return {@code true} when they were re-read (the caller may try once more), {@code false} when nothing changed
     */
    default boolean refreshAfterRejection() {
        return false;
    }
}
