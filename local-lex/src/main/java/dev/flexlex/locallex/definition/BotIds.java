package dev.flexlex.locallex.definition;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** Deterministic 10-character {@code [0-9A-Z]} ids, shaped like Lex's bot and alias ids. */
public final class BotIds {

    public static final String TEST_ALIAS_ID = "TSTALIASID";
    private static final int LENGTH = 10;

    private BotIds() {
    }

    /** The bot id local-lex gives a bot that has no explicit id: derived from its name. */
    public static String botId(String botName) {
        return derive("bot:" + botName);
    }

    /** The alias id local-lex gives alias {@code aliasName} of bot {@code botName}. */
    public static String aliasId(String botName, String aliasName) {
        return derive("alias:" + botName + "/" + aliasName);
    }

    public static boolean isLexId(String id) {
        return id != null && id.matches("[0-9A-Z]{10}");
    }

    private static String derive(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            String base36 = new BigInteger(1, digest).toString(36).toUpperCase(Locale.ROOT);
            return base36.substring(base36.length() - LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
