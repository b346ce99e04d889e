package dev.flexlex.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which Twilio chat product a chat lives on. */
public enum ChatPlatformKind {
    /** Flex Conversations (today's Flex): webhook {@code onMessageAdded}. */
    CONVERSATIONS,
    /** Legacy Programmable Chat (Flex Flow channels): webhook {@code onMessageSent}. */
    CHAT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ChatPlatformKind fromWireName(String value) {
        for (ChatPlatformKind kind : values()) {
            if (kind.wireName().equalsIgnoreCase(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown chat platform '" + value + "' (expected conversations or chat)");
    }
}
