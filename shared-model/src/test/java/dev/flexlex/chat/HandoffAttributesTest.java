package dev.flexlex.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.model.ChatChannel;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandoffAttributesTest {
    static final String CHAT = "CH00000000000000000000000000000001";

    @Test
    void carriesWhatTheAgentNeeds() {
        ObjectNode attributes = HandoffAttributes.build(ChatPlatformKind.CHAT, CHAT,
                new Handoff("customer-42", null, "OrderFlowers", "TalkToAgent", Map.of("FlowerType", "roses"), "agent intent"));

        assertEquals(CHAT, attributes.path("channelSid").asText());
        assertEquals("web", attributes.path("channelType").asText());
        assertEquals("customer-42", attributes.path("name").asText(), "identity when there is no name");
        assertEquals("roses", attributes.path("slots").path("FlowerType").asText());
        assertEquals("chat", attributes.path("botTranscript").path("platform").asText());
    }

    @Test
    void anSmsOrWhatsAppHandoffCarriesTheChannelTypeAndTheCustomersAddress() {
        for (ChatChannel channel : List.of(ChatChannel.SMS, ChatChannel.WHATSAPP)) {
            String address = channel == ChatChannel.SMS ? "+15005550006" : "whatsapp:+15005550006";
            ObjectNode attributes = HandoffAttributes.build(ChatPlatformKind.CONVERSATIONS, CHAT, new Handoff(address,
                    "+1•••••0006", "OrderFlowers", "TalkToAgent", Map.of(), "agent intent", channel));

            assertEquals(channel.wireName(), attributes.path("channelType").asText());
            assertEquals(address, attributes.path("customerAddress").asText());
            assertEquals(address, attributes.path("customerIdentity").asText());
            assertEquals("+1•••••0006", attributes.path("name").asText());
        }
        ObjectNode web = HandoffAttributes.build(ChatPlatformKind.CONVERSATIONS, CHAT,
                new Handoff("customer-42", "Ada", "OrderFlowers", "TalkToAgent", Map.of(), "agent intent"));
        assertEquals("web", web.path("channelType").asText());
        assertTrue(web.path("customerAddress").isMissingNode(), "a webchat customer has no phone address");
    }

    @Test
    void staysUnderTwiliosLimitWithHugeSlots() {
        Map<String, String> slots = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            slots.put("slot" + i, "x".repeat(500));
        }
        ObjectNode attributes = HandoffAttributes.build(ChatPlatformKind.CONVERSATIONS, CHAT,
                new Handoff("customer-42", "N".repeat(5000), "OrderFlowers", "OrderFlowers", slots, "failed"));

        assertTrue(Json.write(attributes).length() <= HandoffAttributes.MAX_LENGTH, "under 4096 characters");
        assertTrue(attributes.path("slotsOmitted").asBoolean());
        assertEquals(CHAT, attributes.path("conversationSid").asText());
    }

    @Test
    void cutsLongSlotValuesBeforeDroppingSlots() {
        Map<String, String> slots = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            slots.put("slot" + i, "y".repeat(1000));
        }
        ObjectNode attributes = HandoffAttributes.build(ChatPlatformKind.CONVERSATIONS, CHAT,
                new Handoff("customer-42", "Ada", "OrderFlowers", "OrderFlowers", slots, "failed"));

        assertTrue(Json.write(attributes).length() <= HandoffAttributes.MAX_LENGTH);
        assertEquals(5, attributes.path("slots").size());
        assertEquals(256, attributes.path("slots").path("slot0").asText().length());
    }
}
