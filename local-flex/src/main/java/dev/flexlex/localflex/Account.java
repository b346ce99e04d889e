package dev.flexlex.localflex;

import dev.flexlex.localflex.http.Sids;

/**
 * The account the local Flex serves and the SIDs of what a new Flex account starts with. Every default
 * SID is derived from {@link #SEED} and the account SID, so it is the same on every run.
 */
public record Account(String accountSid, String authToken) {
    /** Seed of the default account SID and of every default resource SID. */
    public static final String SEED = "local-flex";
    /** The default account SID: {@code AC} + the first 32 hex digits of SHA-256("local-flex/account"). */
    public static final String DEFAULT_ACCOUNT_SID = Sids.derived("AC", SEED, "account");
    /** The default auth token: a fixed, documented local test credential (not a secret). */
    public static final String DEFAULT_AUTH_TOKEN = "local-flex-test-auth-token";

    public Account {
        if (!Sids.looksLike("AC", accountSid)) {
            throw new IllegalArgumentException("account SID must be AC followed by 32 hex digits, got '" + accountSid + "'");
        }
        if (authToken == null || authToken.isBlank()) {
            throw new IllegalArgumentException("auth token must not be empty");
        }
    }

    /** A default resource's SID, stable for a given account SID. */
    public String defaultSid(String prefix, String name) {
        return Sids.derived(prefix, SEED + "/" + accountSid, name);
    }
}
