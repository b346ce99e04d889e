package dev.flexlex.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The channel the customer writes on: Flex webchat ({@code web}), SMS or WhatsApp on Flex Conversations, or a
 * legacy Programmable Chat channel ({@code chat}). The wire names of the Conversations channels are those of the
 * Flex Interactions API's channel {@code type} enum ({@code interaction_channel_enum_type} in Twilio's flex v1 spec).
 */
public enum ChatChannel {
    WEB, SMS, WHATSAPP, CHAT;

    /** A WhatsApp address as Twilio writes it: {@code whatsapp:} then the number in E.164. */
    private static final Pattern WHATSAPP_ADDRESS = Pattern.compile("whatsapp:\\+[1-9][0-9]{6,14}");
    /** A phone number in E.164: {@code +}, then up to 15 digits. */
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+[1-9][0-9]{6,14}");

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ChatChannel fromWireName(String value) {
        for (ChatChannel channel : values()) {
            if (channel.wireName().equals(value)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("unknown channel '" + value + "' (expected web, sms, whatsapp or chat)");
    }

    /** True for the channels whose customer is a phone: SMS and WhatsApp (no rich cards, no pre-engagement form). */
    public boolean isPhone() {
        return this == SMS || this == WHATSAPP;
    }

    /** The channel of a record written before the field existed: webchat on Conversations, chat on legacy. */
    public static ChatChannel defaultFor(ChatPlatformKind platform) {
        return platform == ChatPlatformKind.CHAT ? CHAT : WEB;
    }

    /**
     * The channel of a Conversations message by its author: a participant bound to SMS or WhatsApp (a
     * {@code messaging_binding}, no identity) authors its messages as its binding address — a phone number in E.164,
     * or {@code whatsapp:} and the number; anything else is an identity of a chat (SDK) participant: webchat.
     */
    public static ChatChannel ofConversationsAuthor(String author) {
        if (author != null && WHATSAPP_ADDRESS.matcher(author).matches()) {
            return WHATSAPP;
        }
        if (author != null && PHONE_NUMBER.matcher(author).matches()) {
            return SMS;
        }
        return WEB;
    }

    /**
     * A phone address shown without its middle, for a customer who gave no name: {@code +15005550006} →
     * {@code +1•••••0006} (the {@code whatsapp:} prefix dropped). Never logged.
     */
    public static String maskedAddress(String address) {
        String number = address.startsWith("whatsapp:") ? address.substring("whatsapp:".length()) : address;
        if (number.length() <= 6) {
            return "•••••";
        }
        return number.substring(0, 2) + "•••••" + number.substring(number.length() - 4);
    }

    /**
     * Jackson's filter for {@link com.fasterxml.jackson.annotation.JsonInclude.Include#CUSTOM}: the channel a record
     * without the field reads as is not written, so such a record stays byte for byte the first v1 shape.
     */
    public static final class DefaultFilter {
        @Override
        public boolean equals(Object value) {
            return value == null || value == WEB || value == CHAT;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
