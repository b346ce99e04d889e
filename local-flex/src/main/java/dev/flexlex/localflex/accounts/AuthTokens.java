package dev.flexlex.localflex.accounts;

import dev.flexlex.localflex.http.ApiException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The account's auth tokens, as Twilio keeps them: a primary token and at most one secondary token. REST requests
 * authenticate with either; webhooks are signed with the primary. Promoting the secondary deletes the old primary.
 * Thread-safe.
 */
public final class AuthTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private String primary;
    private String secondary;

    public AuthTokens(String primary) {
        if (primary == null || primary.isBlank()) {
            throw new IllegalArgumentException("auth token must not be empty");
        }
        this.primary = primary;
    }

    /** The token webhooks are signed with. */
    public synchronized String primary() {
        return primary;
    }

    /** Whether {@code token} authenticates a REST request: the primary or the secondary token. */
    public synchronized boolean authenticates(String token) {
        return token != null && (token.equals(primary) || token.equals(secondary));
    }

    /** A new secondary token (32 hex digits, like Twilio's), replacing any earlier secondary. */
    public synchronized String createSecondary() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        secondary = HexFormat.of().formatHex(bytes);
        return secondary;
    }

    /** @throws ApiException 404 (20404) when there is no secondary token */
    public synchronized void deleteSecondary() {
        requireSecondary("/v1/AuthTokens/Secondary");
        secondary = null;
    }

    /**
     * The secondary token becomes the primary; the old primary is deleted.
     *
     * @return the new primary token
     * @throws ApiException 404 (20404) when there is no secondary token to promote
     */
    public synchronized String promote() {
        requireSecondary("/AuthTokens/Promote");
        primary = secondary;
        secondary = null;
        return primary;
    }

    private void requireSecondary(String path) {
        if (secondary == null) {
            throw new ApiException(404, 20404, "The requested resource " + path + " was not found");
        }
    }

    @Override
    public String toString() {
        return "AuthTokens[***]";
    }
}
