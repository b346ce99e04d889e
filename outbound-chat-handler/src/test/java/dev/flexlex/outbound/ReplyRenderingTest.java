package dev.flexlex.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.chat.BridgeAttributes;
import dev.flexlex.chat.ChatMessage;
import dev.flexlex.model.ChatChannel;
import dev.flexlex.model.Json;
import dev.flexlex.model.ReplyMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyRenderingTest {
    @Test
    void plainTextIsPostedAsIs() {
        assertEquals("Hello", ReplyRendering.body(ReplyMessage.plainText("Hello"), ChatChannel.WEB));
    }

    @Test
    void aCardShowsItsTextAndButtonChoices() {
        ReplyMessage card = new ReplyMessage(ReplyMessage.IMAGE_RESPONSE_CARD, "Which flowers?",
                List.of("roses", "tulips"), null);

        assertEquals("Which flowers?\nroses | tulips", ReplyRendering.body(card, ChatChannel.WEB));
        JsonNode tag = read(ReplyRendering.attributes(card, "IM1", 2, 3))
                .path("flexLex");
        assertEquals("IM1", tag.path("turn").asText());
        assertEquals(2, tag.path("part").asInt());
        assertEquals(3, tag.path("parts").asInt());
        assertEquals("tulips", tag.path("buttons").get(1).path("value").asText());
        assertEquals("tulips", tag.path("buttons").get(1).path("text").asText());
    }

    @Test
    void aCardShowsEachButtonsTextAndCarriesItsValueForTheWebchat() {
        ReplyMessage card = ReplyMessage.card("Pick up when?", List.of(
                new ReplyMessage.Button("Today, please", "today"), new ReplyMessage.Button("Tomorrow morning", "tomorrow")));

        assertEquals("Pick up when?\nToday, please | Tomorrow morning", ReplyRendering.body(card, ChatChannel.WEB));
        JsonNode buttons = read(ReplyRendering.attributes(card, "IM1", 1, 1))
                .path("flexLex").path("buttons");
        assertEquals(2, buttons.size());
        assertEquals("Today, please", buttons.get(0).path("text").asText());
        assertEquals("today", buttons.get(0).path("value").asText());
        assertEquals("Tomorrow morning", buttons.get(1).path("text").asText());
        assertEquals("tomorrow", buttons.get(1).path("value").asText());
    }

    /**
     * The largest card Lex V2's runtime model allows (title and subtitle 250 characters each, five buttons whose text
     * and value are 50 characters each) renders within Twilio's 1,600-character message body, and its attributes
     * within the 4 KB a Conversations message's attributes may hold.
     */
    @Test
    void theLargestCardLexAllowsFitsOneChatMessage() {
        List<ReplyMessage.Button> buttons = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            buttons.add(new ReplyMessage.Button(Character.toString('a' + i).repeat(50),
                    Character.toString('v' + i).repeat(50)));
        }
        ReplyMessage card = ReplyMessage.card("T".repeat(250) + "\n" + "S".repeat(250), buttons);

        String body = ReplyRendering.body(card, ChatChannel.WEB);
        assertEquals(764, body.length());
        assertTrue(body.length() <= ChatMessage.MAX_BODY_CHARS);
        assertTrue(ReplyRendering.attributes(card, "IM" + "0".repeat(32), 10, 10)
                .getBytes(StandardCharsets.UTF_8).length <= 4096);
        assertTrue(ReplyRendering.body(ReplyMessage.plainText("x".repeat(1024)), ChatChannel.WEB).length() <= ChatMessage.MAX_BODY_CHARS,
                "a Lex message (at most 1,024 characters) fits as it is");
    }

    @Test
    void onSmsAndWhatsAppACardsButtonsAreNumberedChoicesOneALine() {
        ReplyMessage card = ReplyMessage.card("Which flowers?", List.of(new ReplyMessage.Button("Roses", "roses"),
                new ReplyMessage.Button("Tulips", "tulips")));

        for (ChatChannel phone : List.of(ChatChannel.SMS, ChatChannel.WHATSAPP)) {
            assertEquals("Which flowers?\n1. Roses\n2. Tulips", ReplyRendering.body(card, phone));
        }
        assertEquals("1. Roses\n2. Tulips", ReplyRendering.body(ReplyMessage.card("", List.of(
                new ReplyMessage.Button("Roses", "roses"), new ReplyMessage.Button("Tulips", "tulips"))), ChatChannel.SMS));
        assertEquals("Which flowers?\nRoses | Tulips", ReplyRendering.body(card, ChatChannel.WEB), "webchat unchanged");
        assertEquals("Which flowers?\nRoses | Tulips", ReplyRendering.body(card, ChatChannel.CHAT));
        assertEquals("Hello", ReplyRendering.body(ReplyMessage.plainText("Hello"), ChatChannel.SMS));
    }

    /** Lex's largest card, numbered: 250 + 1 + 250 + 5 × (1 + 3 + 50) characters, one Twilio message body. */
    @Test
    void theLargestCardLexAllowsFitsOneSmsMessageBodyWhenNumbered() {
        List<ReplyMessage.Button> buttons = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            buttons.add(new ReplyMessage.Button("b".repeat(50), "v" + i));
        }
        ReplyMessage card = ReplyMessage.card("T".repeat(250) + "\n" + "S".repeat(250), buttons);

        String body = ReplyRendering.body(card, ChatChannel.SMS);
        assertEquals(771, body.length());
        assertTrue(body.length() <= ChatMessage.MAX_BODY_CHARS);
    }

    @Test
    void aCustomPayloadIsPassedThroughInTheAttributes() {
        ReplyMessage custom = new ReplyMessage(ReplyMessage.CUSTOM_PAYLOAD, null, List.of(), "{\"x\":1}");

        assertEquals("{\"x\":1}", ReplyRendering.body(custom, ChatChannel.WEB));
        assertEquals("{\"x\":1}", read(
                ReplyRendering.attributes(custom, "IM1", 1, 1)).path("flexLex").path("payload").asText());
    }

    @Test
    void bridgeMessagesAreRecognisedAndOthersAreNot() {
        String ours = ReplyRendering.attributes(ReplyMessage.plainText("x"), "IM1", 1, 1);

        assertEquals(true, BridgeAttributes.isBridgeMessage(ours));
        assertEquals(false, BridgeAttributes.isBridgeMessage("{}"));
        assertEquals(false, BridgeAttributes.isBridgeMessage("not json"));
        assertEquals(false, BridgeAttributes.isBridgeMessage(null));
        assertEquals(java.util.OptionalInt.empty(), BridgeAttributes.partOf(ours, "IM2"));
    }

    static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
