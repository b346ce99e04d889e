package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a customer's phone does: text the contact centre's SMS or WhatsApp number and read what comes back.
 * On Twilio the message comes from the carrier (or from Meta for WhatsApp), which nothing local can play, so the
 * local Flex offers a local-only entry for it, {@code POST /local/v1/Inbound} ({@code From}, {@code To},
 * {@code Body}, named as in Twilio's inbound messaging webhook), and records what the contact centre sends to the
 * phone ({@code GET /local/v1/Phones/{From}/Messages}). Like the webchat, the page talks only to this backend,
 * which holds the account's credentials.
 */
final class Phone {
    private static final Logger LOG = LoggerFactory.getLogger(Phone.class);
    /** E.164 as Twilio's glossary gives it: {@code +}, then up to 15 digits, the first not 0. */
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    static final String WHATSAPP_PREFIX = "whatsapp:";

    private final TwilioRest twilio;
    /** Channel ({@code sms}, {@code whatsapp}) to the contact centre's address as an inbound message's {@code To} names it. */
    private final Map<String, String> addresses;

    Phone(TwilioRest twilio, Map<String, String> addresses) {
        this.twilio = twilio;
        this.addresses = new java.util.TreeMap<>(addresses); // sorted: the same order in every answer and error
    }

    /** The channels the page offers, {@code {"sms": "+1...", "whatsapp": "whatsapp:+1..."}}. */
    ObjectNode channels() {
        ObjectNode out = TwilioRest.JSON.createObjectNode();
        addresses.forEach(out::put);
        return out;
    }

    /**
     * The phone texts the contact centre on {@code channel}. Answers {@code conversationSid} and {@code messageSid}.
     *
     * @throws IllegalArgumentException for a channel the stack has no address for, a number that is not E.164 or a
     *                                  body that is blank or longer than Twilio's 1,600 characters (nothing is sent)
     */
    ObjectNode send(String channel, String phone, String body) {
        String from = from(channel, phone);
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.length() > Webchat.MAX_BODY) {
            throw new IllegalArgumentException("message must be 1.." + Webchat.MAX_BODY + " characters");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("From", from);
        form.put("To", addresses.get(channel));
        form.put("Body", text);
        JsonNode created = twilio.post("/local/v1/Inbound", form);
        LOG.info("{} message from a phone posted to conversation {} ({} chars)", channel,
                created.path("conversation_sid").asText(), text.length());
        ObjectNode out = TwilioRest.JSON.createObjectNode();
        out.put("conversationSid", created.path("conversation_sid").asText(null));
        out.put("messageSid", created.path("message_sid").asText(null));
        return out;
    }

    /** What the contact centre (bot or agent) sent to the phone on {@code channel}, oldest first. */
    ObjectNode messages(String channel, String phone) {
        String from = from(channel, phone);
        JsonNode delivered = twilio.get("/local/v1/Phones/" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "/Messages");
        ObjectNode out = TwilioRest.JSON.createObjectNode();
        ArrayNode list = out.putArray("messages");
        for (JsonNode m : delivered.path("messages")) {
            list.addObject().put("sid", m.path("message_sid").asText())
                    .put("conversationSid", m.path("conversation_sid").asText())
                    .put("from", m.path("from").asText())
                    .put("body", m.path("body").asText(""))
                    .put("time", m.path("date_created").asText(""));
        }
        return out;
    }

    /** The phone's address on the channel: the E.164 number, with {@code whatsapp:} before it on WhatsApp. */
    private String from(String channel, String phone) {
        if (channel == null || !addresses.containsKey(channel)) {
            throw new IllegalArgumentException(addresses.isEmpty()
                    ? "this stack has no SMS or WhatsApp address (they exist on the conversations platform)"
                    : "channel must be one of " + addresses.keySet());
        }
        if (phone == null || !E164.matcher(phone).matches()) {
            throw new IllegalArgumentException("phone must be a number in E.164 format, e.g. +15551234567");
        }
        return channel.equals("whatsapp") ? WHATSAPP_PREFIX + phone : phone;
    }
}
