package dev.flexlex.model;

/** Field checks for the records' compact constructors; messages name the record and the field. */
final class Require {
    private Require() {
    }

    static String text(String record, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(record + " field '" + field + "' is missing or blank");
        }
        return value;
    }

    static <T> T present(String record, String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(record + " field '" + field + "' is missing");
        }
        return value;
    }

    /**
     * The record's channel: the platform's default when absent (a record queued before the field existed); a legacy
     * chat is always {@code chat}, and a Conversations chat never is.
     */
    static ChatChannel channelOf(String record, ChatPlatformKind platform, ChatChannel channel) {
        if (channel == null) {
            return ChatChannel.defaultFor(platform);
        }
        if ((platform == ChatPlatformKind.CHAT) != (channel == ChatChannel.CHAT)) {
            throw new IllegalArgumentException(record + " field 'channel' is " + channel.wireName()
                    + ", which platform " + platform.wireName() + " does not carry");
        }
        return channel;
    }
}
