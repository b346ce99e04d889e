package dev.flexlex.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.model.Json;
import java.util.OptionalInt;

/**
 * The bridge's own marks in Twilio attributes, so the systems of record tell what already happened:
 * <ul>
 *   <li>each bot message carries {@code {"flexLex":{"turn":"<message SID>","part":n,"parts":m}}};</li>
 *   <li>a chat handed to an agent carries {@code {"flexLexHandoffSid":"<task or interaction SID>"}};</li>
 *   <li>before its bot webhook is removed, a chat carries that webhook as it was,
 *       {@code {"flexLexBotWebhook":{"target":"webhook","configuration":{...}}}}, so a handoff that fails can
 *       re-create it exactly;</li>
 *   <li>the notice that a handoff failed carries {@code {"flexLex":{"turn":"<message SID>","notice":"handoffFailed"}}}:
 *       it is the mark that this turn's handoff is over.</li>
 * </ul>
 */
public final class BridgeAttributes {
    public static final String MESSAGE_TAG = "flexLex";
    public static final String HANDOFF_SID = "flexLexHandoffSid";
    public static final String BOT_WEBHOOK = "flexLexBotWebhook";
    public static final String HANDOFF_FAILED = "handoffFailed";

    private BridgeAttributes() {
    }

    /** The message attributes for part {@code part} (1-based) of {@code parts} of a turn. */
    public static ObjectNode messageTag(String turnMessageSid, int part, int parts) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode tag = root.putObject(MESSAGE_TAG);
        tag.put("turn", turnMessageSid);
        tag.put("part", part);
        tag.put("parts", parts);
        return root;
    }

    /** The attributes of a notice to the customer about turn {@code turnMessageSid} (e.g. {@link #HANDOFF_FAILED}). */
    public static ObjectNode noticeTag(String turnMessageSid, String notice) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode tag = root.putObject(MESSAGE_TAG);
        tag.put("turn", turnMessageSid);
        tag.put("notice", notice);
        return root;
    }

    /** True when message attributes tag the message as notice {@code notice} about turn {@code turnMessageSid}. */
    public static boolean isNotice(String attributesJson, String turnMessageSid, String notice) {
        JsonNode tag = parse(attributesJson).get(MESSAGE_TAG);
        return tag != null && turnMessageSid.equals(tag.path("turn").asText(null))
                && notice.equals(tag.path("notice").asText(null));
    }

    /** True when message attributes (a JSON string) carry the bridge's tag: the bot posted that message. */
    public static boolean isBridgeMessage(String attributesJson) {
        JsonNode tag = parse(attributesJson).get(MESSAGE_TAG);
        return tag != null && tag.isObject();
    }

    /** The part number when the attributes tag the message as part of {@code turnMessageSid}. */
    public static OptionalInt partOf(String attributesJson, String turnMessageSid) {
        JsonNode tag = parse(attributesJson).get(MESSAGE_TAG);
        if (tag == null || !turnMessageSid.equals(tag.path("turn").asText(null)) || !tag.path("part").isInt()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(tag.get("part").intValue());
    }

    /** Parses a Twilio attributes string; anything that is not a JSON object reads as an empty object. */
    public static ObjectNode parse(String attributesJson) {
        if (attributesJson == null || attributesJson.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        try {
            JsonNode node = Json.mapper().readTree(attributesJson);
            return node instanceof ObjectNode object ? object : Json.mapper().createObjectNode();
        } catch (JsonProcessingException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
