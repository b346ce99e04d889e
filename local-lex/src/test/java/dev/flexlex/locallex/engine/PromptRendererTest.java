package dev.flexlex.locallex.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.definition.MessageDefinition;
import dev.flexlex.locallex.definition.PromptDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void slotAndSessionAttributeReferencesAreFilledInAndUnknownOnesLeftAsWritten() throws Exception {
        ObjectNode slots = (ObjectNode) json("""
                {"FlowerType":{"value":{"originalValue":"rose","interpretedValue":"roses","resolvedValues":["roses"]}},
                 "PickupDate":null}""");
        ObjectNode attributes = JsonNodeFactory.instance.objectNode().put("FirstName", "Vivian");
        PromptDefinition prompt = new PromptDefinition(List.of(
                MessageDefinition.text("PlainText", "Hey [FirstName], your {FlowerType} on {PickupDate} for [LastName]?"),
                MessageDefinition.text("SSML", "<speak>{FlowerType}</speak>"),
                MessageDefinition.text("CustomPayload", "{FlowerType} [FirstName]")), 2);
        ArrayNode messages = JsonNodeFactory.instance.arrayNode();

        PromptRenderer.render(prompt, slots, attributes, messages);

        assertEquals(json("""
                [{"content":"Hey Vivian, your roses on {PickupDate} for [LastName]?","contentType":"PlainText"},
                 {"content":"<speak>roses</speak>","contentType":"SSML"},
                 {"content":"{FlowerType} [FirstName]","contentType":"CustomPayload"}]"""), messages);
    }

    @Test
    void aCardKeepsItsButtonsAndGetsItsTitleFilledIn() throws Exception {
        ObjectNode card = (ObjectNode) json("""
                {"title":"{Size} pizza","subtitle":"for [FirstName]","buttons":[{"text":"{Size}","value":"x"}]}""");
        ObjectNode slots = (ObjectNode) json("""
                {"Size":{"value":{"interpretedValue":"large"}}}""");
        ArrayNode messages = JsonNodeFactory.instance.arrayNode();

        PromptRenderer.render(new PromptDefinition(List.of(MessageDefinition.card(card)), 0), slots,
                JsonNodeFactory.instance.objectNode().put("FirstName", "Jo"), messages);

        assertEquals(json("""
                {"contentType":"ImageResponseCard","imageResponseCard":{"title":"large pizza","subtitle":"for Jo",
                 "buttons":[{"text":"{Size}","value":"x"}]}}"""), messages.get(0));
        assertEquals("{Size} pizza", card.get("title").asText(), "the definition is not changed");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
