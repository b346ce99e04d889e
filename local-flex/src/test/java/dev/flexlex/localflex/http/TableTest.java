package dev.flexlex.localflex.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    private final ObjectMapper json = new ObjectMapper();
    private final Table messages = new Table("conversation_sid");

    private ObjectNode row(String sid, String conversation, int index) {
        return json.createObjectNode().put("sid", sid).put("conversation_sid", conversation).put("index", index);
    }

    private static List<String> sids(List<ObjectNode> rows) {
        return rows.stream().map(r -> r.get("sid").asText()).toList();
    }

    @Test
    void childrenOfAParentInCreationOrderWithoutOtherParentsRows() {
        messages.put(row("IM1", "CH1", 0));
        messages.put(row("IM2", "CH2", 0));
        messages.put(row("IM3", "CH1", 1));

        assertEquals(List.of("IM1", "IM3"), sids(messages.children("conversation_sid", "CH1")));
        assertEquals(List.of("IM3"), sids(messages.children("conversation_sid", "CH1", r -> r.get("index").asInt() == 1)));
        assertEquals(List.of(), messages.children("conversation_sid", "CH9"));
    }

    @Test
    void removedRowsLeaveTheIndex() {
        messages.put(row("IM1", "CH1", 0));
        messages.put(row("IM2", "CH1", 1));
        messages.put(row("IM3", "CH2", 0));

        messages.remove("IM1");
        assertEquals(List.of("IM2"), sids(messages.children("conversation_sid", "CH1")));

        messages.removeChildren("conversation_sid", "CH1");
        assertEquals(List.of(), messages.children("conversation_sid", "CH1"));
        assertNull(messages.find("IM2"));
        assertEquals(List.of("IM3"), sids(messages.where(r -> true)));
    }

    @Test
    void puttingARowAgainMovesItToItsParent() {
        messages.put(row("IM1", "CH1", 0));
        messages.put(row("IM1", "CH2", 0));

        assertEquals(List.of(), messages.children("conversation_sid", "CH1"));
        assertEquals(List.of("IM1"), sids(messages.children("conversation_sid", "CH2")));
    }

    @Test
    void aFieldThatIsNotTheParentIsFilteredByScanning() {
        Table plain = new Table();
        plain.put(row("IM1", "CH1", 0));
        plain.put(row("IM2", "CH2", 0));
        messages.put(row("IM3", "CH1", 0));

        assertEquals(List.of("IM2"), sids(plain.children("conversation_sid", "CH2")));
        assertEquals(List.of("IM3"), sids(messages.children("sid", "IM3")));
    }

    @Test
    void aParentTableAnswersForItsOwnParentField() {
        messages.put(row("IM1", "CH1", 0));
        messages.put(row("IM2", "CH2", 0));
        messages.put(row("IM3", "CH1", 1));

        assertEquals(List.of("IM1", "IM3"), sids(messages.childrenOf("CH1")));
        assertEquals("IM3", messages.getChild("IM3", "CH1", null).get("sid").asText());
    }

    @Test
    void findByGivesTheOldestRowWithThatValueOrNull() {
        Table channels = new Table();
        channels.put(json.createObjectNode().put("sid", "CH1").putNull("unique_name"));
        channels.put(json.createObjectNode().put("sid", "CH2").put("unique_name", "support"));
        channels.put(json.createObjectNode().put("sid", "CH3").put("unique_name", "support"));

        assertEquals("CH2", channels.findBy("unique_name", "support").get("sid").asText());
        assertNull(channels.findBy("unique_name", "sales"));
        assertNull(channels.findBy("unique_name", "null"), "a JSON null is no value");
    }
}
