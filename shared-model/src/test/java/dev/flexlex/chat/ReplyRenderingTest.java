package dev.flexlex.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.model.ReplyMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyRenderingTest {
    @Test
    void plainTextIsPostedAsIs() {
        assertEquals("Hello", ReplyRendering.body(ReplyMessage.plainText("Hello")));
    }

    @Test
    void aCardShowsItsTextAndButtonChoices() {
        ReplyMessage card = new ReplyMessage(ReplyMessage.IMAGE_RESPONSE_CARD, "Which flowers?",
                List.of("roses", "tulips"), null);

        assertEquals("Which flowers?\nroses | tulips", ReplyRendering.body(card));
        JsonNode tag = ConversationsChatPlatformContractTest.read(ReplyRendering.attributes(card, "IM1", 2, 3))
                .path("flexLex");
        assertEquals("IM1", tag.path("turn").asText());
        assertEquals(2, tag.path("part").asInt());
        assertEquals(3, tag.path("parts").asInt());
        assertEquals("tulips", tag.path("buttons").get(1).asText());
    }

    @Test
    void aCustomPayloadIsPassedThroughInTheAttributes() {
        ReplyMessage custom = new ReplyMessage(ReplyMessage.CUSTOM_PAYLOAD, null, List.of(), "{\"x\":1}");

        assertEquals("{\"x\":1}", ReplyRendering.body(custom));
        assertEquals("{\"x\":1}", ConversationsChatPlatformContractTest.read(
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
}
