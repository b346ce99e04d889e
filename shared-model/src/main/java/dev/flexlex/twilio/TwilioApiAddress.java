package dev.flexlex.twilio;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Twilio REST URL is sent. Unset base: to Twilio unchanged. With a base (e.g. a local Flex), each product
 * host is mapped onto a path prefix: {@code https://conversations.twilio.com/v1/X} becomes
 * {@code {base}/conversations/v1/X}; likewise {@code chat}, {@code taskrouter} and {@code flex-api}.
 */
public final class TwilioApiAddress {
    /** The Twilio products this bridge talks to; any other host is refused rather than leaked to the internet. */
    public static final Set<String> PRODUCTS = Set.of("conversations", "chat", "taskrouter", "flex-api");
    private static final Pattern TWILIO_URL = Pattern.compile("^https://([a-z-]+)\\.twilio\\.com(/.*)?$");

    private final String base;

    private TwilioApiAddress(String base) {
        this.base = base;
    }

    /** Requests go to Twilio itself. */
    public static TwilioApiAddress twilio() {
        return new TwilioApiAddress(null);
    }

    /**
     * Requests go under {@code base} (http or https, no query); {@code null} or blank means Twilio itself.
     *
     * @throws IllegalArgumentException when the base is not an absolute http(s) URL
     */
    public static TwilioApiAddress of(String base) {
        if (base == null || base.isBlank()) {
            return twilio();
        }
        String trimmed = base.strip();
        if (!trimmed.matches("^https?://[^/?#\\s]+(/[^?#\\s]*)?$")) {
            throw new IllegalArgumentException("Twilio API base URL must be an absolute http(s) URL without query, got '"
                    + trimmed + "'");
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return new TwilioApiAddress(trimmed);
    }

    public boolean isTwilio() {
        return base == null;
    }

    /** The URL to call for a URL twilio-java built. */
    public String map(String twilioUrl) {
        if (base == null) {
            return twilioUrl;
        }
        Matcher m = TWILIO_URL.matcher(twilioUrl);
        if (!m.matches() || !PRODUCTS.contains(m.group(1))) {
            throw new IllegalArgumentException("no mapping for Twilio URL host of '" + twilioUrl
                    + "' (mapped products: " + PRODUCTS + ")");
        }
        String rest = m.group(2) == null ? "" : m.group(2);
        return base + "/" + m.group(1) + rest;
    }

    @Override
    public String toString() {
        return base == null ? "twilio" : base;
    }
}
