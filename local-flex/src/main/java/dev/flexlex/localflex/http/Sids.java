package dev.flexlex.localflex.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Twilio SIDs: a two-letter prefix and 32 lower-case hex digits. */
public final class Sids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sids() {
    }

    /** A fresh, random SID such as {@code CH0f3a…}. */
    public static String random(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** A SID derived from a name, the same on every run (SHA-256 of {@code seed/name}, first 16 bytes). */
    public static String derived(String prefix, String seed, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((seed + "/" + name).getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static boolean looksLike(String prefix, String sid) {
        return sid != null && sid.matches(prefix + "[0-9a-fA-F]{32}");
    }
}
