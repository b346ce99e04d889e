package dev.flexlex.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.model.ChatChannel;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import java.util.Map;

/**
 * The TaskRouter task attributes of a handoff: what Flex needs to route the chat ({@code channelSid} /
 * {@code conversationSid}, {@code channelType}: {@code web}, {@code sms} or {@code whatsapp} — {@code web} on legacy
 * chat —, {@code name}; on SMS and WhatsApp {@code customerAddress}, the customer's phone address, never cut) and what
 * the agent needs (customer name, bot name,
 * last intent and its slots, where the bot transcript is: the chat itself). Kept under Twilio's 4096-character
 * limit: long slot values are cut, then slots dropped, then the customer name cut.
 */
public final class HandoffAttributes {
    public static final int MAX_LENGTH = 4096;
    private static final int MAX_VALUE = 256;

    private HandoffAttributes() {
    }

    /** The attribute that holds the chat SID, by which an existing task for the chat is found. */
    public static String chatSidKey(ChatPlatformKind kind) {
        return kind == ChatPlatformKind.CONVERSATIONS ? "conversationSid" : "channelSid";
    }

    public static ObjectNode build(ChatPlatformKind kind, String chatSid, Handoff handoff) {
        ObjectNode attributes = build(kind, chatSid, handoff, handoff.slots(), Integer.MAX_VALUE);
        if (length(attributes) <= MAX_LENGTH) {
            return attributes;
        }
        attributes = build(kind, chatSid, handoff, handoff.slots(), MAX_VALUE);
        if (length(attributes) <= MAX_LENGTH) {
            return attributes;
        }
        attributes = build(kind, chatSid, handoff, Map.of(), MAX_VALUE);
        attributes.put("slotsOmitted", true);
        return attributes;
    }

    private static ObjectNode build(ChatPlatformKind kind, String chatSid, Handoff handoff, Map<String, String> slots,
                                    int maxValue) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put(chatSidKey(kind), chatSid);
        // Legacy chat keeps the Flex Flow chat's "web"; on Conversations the conversation's channel.
        root.put("channelType", handoff.channel() == ChatChannel.CHAT ? "web" : handoff.channel().wireName());
        if (handoff.customerAddress() != null) {
            root.put("customerAddress", handoff.customerAddress());
        }
        String name = handoff.customerName() != null && !handoff.customerName().isBlank()
                ? handoff.customerName() : handoff.customerIdentity();
        root.put("name", cut(name, maxValue));
        if (handoff.customerName() != null) {
            root.put("customerName", cut(handoff.customerName(), maxValue));
        }
        root.put("customerIdentity", cut(handoff.customerIdentity(), maxValue));
        root.put("botName", cut(handoff.botName(), maxValue));
        root.put("lastIntent", cut(handoff.lastIntent(), maxValue));
        ObjectNode slotNode = root.putObject("slots");
        slots.forEach((slot, value) -> slotNode.put(cut(slot, maxValue), cut(value, maxValue)));
        root.put("handoffReason", cut(handoff.reason(), maxValue));
        ObjectNode transcript = root.putObject("botTranscript");
        transcript.put("platform", kind.wireName());
        transcript.put("chatSid", chatSid);
        return root;
    }

    private static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max - 1) + "…";
    }

    private static int length(ObjectNode node) {
        return Json.write(node).length();
    }
}
