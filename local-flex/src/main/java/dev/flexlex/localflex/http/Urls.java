package dev.flexlex.localflex.http;

/**
 * Resource URLs as Twilio writes them ({@code https://conversations.twilio.com/v1/…}), so clients that
 * follow {@code url}, {@code links} or {@code next_page_url} behave as against Twilio; the local Flex
 * serves the same path under {@code /conversations} (see README "Local Flex").
 */
public final class Urls {
    private Urls() {
    }

    public static String of(String product, String path) {
        return "https://" + product + ".twilio.com" + path;
    }
}
