package dev.flexlex.localflex.conversations;

import java.util.regex.Pattern;

/**
 * An address on a messaging channel as Conversations writes it: an SMS phone number in E.164 ({@code +15005550006})
 * or a WhatsApp number with its channel prefix ({@code whatsapp:+15005550006}). A participant's
 * {@code messaging_binding} pairs two of them, the customer's {@code address} and the Twilio number's
 * {@code proxy_address}, both on the same channel (Twilio errors 50407, 50408, 50414).
 *
 * @param channel {@code sms} or {@code whatsapp}: the binding's {@code type}
 * @param value the address as written ({@code +1…} or {@code whatsapp:+1…})
 */
public record MessagingAddress(String channel, String value) {
    public static final String SMS = "sms";
    public static final String WHATSAPP = "whatsapp";
    private static final String WHATSAPP_PREFIX = "whatsapp:";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    /** The address {@code text} names, or null when it is neither an E.164 number nor {@code whatsapp:} + one. */
    public static MessagingAddress parse(String text) {
        if (text == null) {
            return null;
        }
        if (text.startsWith(WHATSAPP_PREFIX)) {
            return E164.matcher(text.substring(WHATSAPP_PREFIX.length())).matches() ? new MessagingAddress(WHATSAPP, text) : null;
        }
        return E164.matcher(text).matches() ? new MessagingAddress(SMS, text) : null;
    }

    /**
     * The address of an Address Configuration of {@code type} sms or whatsapp, as it is stored: an sms address must be
     * an E.164 number; a whatsapp one is an E.164 number with or without the {@code whatsapp:} prefix, stored with it.
     *
     * @return null when {@code text} is not such an address
     */
    public static MessagingAddress ofConfiguration(String type, String text) {
        if (SMS.equals(type)) {
            MessagingAddress a = parse(text);
            return a != null && a.channel().equals(SMS) ? a : null;
        }
        if (WHATSAPP.equals(type) && text != null) {
            return parse(text.startsWith(WHATSAPP_PREFIX) ? text : WHATSAPP_PREFIX + text);
        }
        return null;
    }

    /** The {@code Source} Conversations names an inbound message of this channel with: {@code SMS} or {@code WHATSAPP}. */
    public String source() {
        return channel.toUpperCase(java.util.Locale.ROOT);
    }
}
