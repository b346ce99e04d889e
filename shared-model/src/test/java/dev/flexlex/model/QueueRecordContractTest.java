package dev.flexlex.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueRecordContractTest {

    static String contract(String name) throws IOException {
        try (InputStream in = QueueRecordContractTest.class.getResourceAsStream("/contracts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void botTurnV1SampleRoundTripsWithoutLoss() throws IOException {
        String sample = contract("bot-turn.v1.json");
        BotTurn turn = Json.readBotTurn(sample);

        assertEquals(new BotTurn(1, ChatPlatformKind.CONVERSATIONS, "CH00000000000000000000000000000001",
                "IM00000000000000000000000000000001", "WH00000000000000000000000000000001", "customer-42", "Ada",
                "OrderFlowers", "I would like to order flowers", Instant.parse("2026-11-25T22:00:00Z")), turn);
        JsonNode written = Json.mapper().readTree(Json.write(turn));
        assertEquals(Json.mapper().readTree(sample), written);
    }

    @Test
    void botReplyV1SampleRoundTripsWithoutLoss() throws IOException {
        String sample = contract("bot-reply.v1.json");
        BotReply reply = Json.readBotReply(sample);

        assertEquals(NextStep.AGENT, reply.nextStep());
        assertEquals(List.of("roses", "tulips", "lilies"), reply.messages().get(1).buttons());
        assertEquals("{\"kind\":\"carousel\"}", reply.messages().get(2).payload());
        assertEquals(List.of("FlowerType", "PickupDate"), List.copyOf(reply.slots().keySet()));
        assertEquals(Json.mapper().readTree(sample), Json.mapper().readTree(Json.write(reply)));
        assertEquals(reply, Json.readBotReply(Json.write(reply)));
    }

    @Test
    void anSmsTurnRoundTripsAndATurnQueuedBeforeTheChannelReadsAsWebchat() throws IOException {
        String sample = contract("bot-turn.v1-sms.json");
        BotTurn turn = Json.readBotTurn(sample);

        assertEquals(ChatChannel.SMS, turn.channel());
        assertEquals(Json.mapper().readTree(sample), Json.mapper().readTree(Json.write(turn)));
        BotTurn old = Json.readBotTurn(contract("bot-turn.v1.json"));
        assertEquals(ChatChannel.WEB, old.channel(), "a record queued before the field is a webchat turn");
        assertTrue(!Json.mapper().readTree(Json.write(old)).has("channel"), "webchat keeps the first v1 shape");
        BotTurn legacy = Json.readBotTurn(contract("bot-turn.v1.json").replace("\"conversations\"", "\"chat\""));
        assertEquals(ChatChannel.CHAT, legacy.channel(), "a legacy chat turn queued before the field");
        assertTrue(!Json.mapper().readTree(Json.write(legacy)).has("channel"));
    }

    @Test
    void aWhatsAppReplyRoundTripsAndAReplyQueuedBeforeTheChannelReadsAsWebchat() throws IOException {
        String sample = contract("bot-reply.v1-whatsapp.json");
        BotReply reply = Json.readBotReply(sample);

        assertEquals(ChatChannel.WHATSAPP, reply.channel());
        assertEquals(Json.mapper().readTree(sample), Json.mapper().readTree(Json.write(reply)));
        assertEquals(ChatChannel.WHATSAPP, reply.asPossibleRepeat().withReceivedAt(Instant.EPOCH).channel(),
                "kept by the copies");
        assertEquals(ChatChannel.WEB, Json.readBotReply(contract("bot-reply.v1.json")).channel());
    }

    @Test
    void aChannelTheRecordsPlatformCannotCarryOrAnUnknownOneIsNamedAndNotRead() throws IOException {
        String sms = contract("bot-turn.v1-sms.json");

        MalformedRecordException onLegacy = assertThrows(MalformedRecordException.class,
                () -> Json.readBotTurn(sms.replace("\"conversations\"", "\"chat\"")));
        assertTrue(onLegacy.getMessage().contains("field 'channel' is sms, which platform chat does not carry"),
                onLegacy.getMessage());
        MalformedRecordException chatOnConversations = assertThrows(MalformedRecordException.class,
                () -> Json.readBotReply(contract("bot-reply.v1-whatsapp.json").replace("\"whatsapp\"", "\"chat\"")));
        assertTrue(chatOnConversations.getMessage().contains("'channel' is chat"), chatOnConversations.getMessage());
        MalformedRecordException unknown = assertThrows(MalformedRecordException.class,
                () -> Json.readBotTurn(sms.replace("\"sms\"", "\"fax\"")));
        assertTrue(unknown.getMessage().contains("fax"), unknown.getMessage());
    }

    @Test
    void botTurnWithMediaRoundTripsAndTheFirstV1ShapeStillReads() throws IOException {
        String sample = contract("bot-turn.v1-media.json");
        BotTurn turn = Json.readBotTurn(sample);

        assertEquals(2, turn.mediaCount());
        assertEquals("", turn.text());
        assertEquals(Json.mapper().readTree(sample), Json.mapper().readTree(Json.write(turn)));
        assertEquals(0, Json.readBotTurn(contract("bot-turn.v1.json")).mediaCount(), "absent reads as no media");
        assertEquals("BotTurn is malformed: BotTurn field 'mediaCount' must not be negative",
                assertThrows(MalformedRecordException.class,
                        () -> Json.readBotTurn(sample.replace("\"mediaCount\" : 2", "\"mediaCount\" : -1"))).getMessage());
    }

    @Test
    void botReplyButtonTextsRoundTripAndTheFirstV1ShapeShowsValues() throws IOException {
        String sample = contract("bot-reply.v1-button-texts.json");
        BotReply reply = Json.readBotReply(sample);

        assertEquals(List.of(new ReplyMessage.Button("Today, please", "today"),
                new ReplyMessage.Button("Tomorrow morning", "tomorrow")), reply.messages().get(0).choices());
        assertEquals(Json.mapper().readTree(sample), Json.mapper().readTree(Json.write(reply)));
        assertEquals(List.of(new ReplyMessage.Button("roses", "roses"), new ReplyMessage.Button("tulips", "tulips"),
                        new ReplyMessage.Button("lilies", "lilies")),
                Json.readBotReply(contract("bot-reply.v1.json")).messages().get(1).choices());
        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> Json.readBotReply(
                sample.replace("\"buttonTexts\" : [ \"Today, please\", \"Tomorrow morning\" ]", "\"buttonTexts\" : [ \"x\" ]")));
        assertEquals("BotReply is malformed: ReplyMessage has 1 buttonTexts for 2 buttons", e.getMessage());
    }

    @Test
    void aFirstAnswerIsWrittenWithoutThePossibleRepeatFieldAndReadsItAsFalse() throws IOException {
        BotReply reply = Json.readBotReply(contract("bot-reply.v1.json"));

        assertEquals(false, reply.possibleRepeat());
        assertTrue(!Json.mapper().readTree(Json.write(reply)).has("possibleRepeat"),
                "a reply answered the first time stays byte for byte what consumers before the field read");
    }

    @Test
    void aPossibleRepeatSampleRoundTripsWithoutLossAndOldConsumersReadTheRestUnchanged() throws IOException {
        String sample = contract("bot-reply.v1-possible-repeat.json");
        BotReply reply = Json.readBotReply(sample);

        assertTrue(reply.possibleRepeat());
        assertEquals(Json.mapper().readTree(sample), Json.mapper().readTree(Json.write(reply)));
        assertEquals(reply, Json.readBotReply(Json.write(reply)));
        assertEquals(Json.readBotReply(contract("bot-reply.v1.json")).asPossibleRepeat(), reply,
                "the flag is the only difference from the v1 sample");
    }

    @Test
    void theCustomerMessagesReceiptTimeRoundTripsAndAReplyWithoutItReadsAsBefore() throws IOException {
        String sample = contract("bot-reply.v1-received-at.json");
        BotReply reply = Json.readBotReply(sample);

        assertEquals(Instant.parse("2026-11-25T22:00:00.250Z"), reply.receivedAt());
        assertEquals(Json.mapper().readTree(sample), Json.mapper().readTree(Json.write(reply)));
        BotReply without = Json.readBotReply(contract("bot-reply.v1.json"));
        assertEquals(null, without.receivedAt());
        assertTrue(!Json.mapper().readTree(Json.write(without)).has("receivedAt"), "not written when unknown");
        assertEquals(without.withReceivedAt(reply.receivedAt()), reply, "the time is the only difference");
        assertEquals(reply.receivedAt(), reply.asPossibleRepeat().receivedAt(), "kept when marked a possible repeat");
        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> Json.readBotReply(
                sample.replace("2026-11-25T22:00:00.250Z", "yesterday")));
        assertTrue(e.getMessage().contains("receivedAt"), e.getMessage());
    }

    @Test
    void aPossibleRepeatThatIsNotABooleanIsNamed() throws IOException {
        String sample = contract("bot-reply.v1-possible-repeat.json").replace("\"possibleRepeat\" : true",
                "\"possibleRepeat\" : \"maybe\"");
        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> Json.readBotReply(sample));
        assertTrue(e.getMessage().contains("possibleRepeat"), e.getMessage());
    }

    @Test
    void nullableFieldsMayBeAbsent() {
        BotTurn turn = Json.readBotTurn("{\"schemaVersion\":1,\"platform\":\"chat\",\"chatSid\":\"CH1\","
                + "\"messageSid\":\"IM1\",\"customerIdentity\":\"c\",\"text\":\"hi\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}");
        assertEquals(ChatPlatformKind.CHAT, turn.platform());
        assertEquals(null, turn.botName());
        assertEquals(null, turn.webhookSid());
    }

    @Test
    void futureSchemaVersionIsRejectedClearly() throws IOException {
        String v2 = contract("bot-turn.v1.json").replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2");
        UnsupportedSchemaVersionException e = assertThrows(UnsupportedSchemaVersionException.class,
                () -> Json.readBotTurn(v2));
        assertEquals("BotTurn schemaVersion 2 is not supported (this consumer reads version 1)", e.getMessage());
        String replyV2 = contract("bot-reply.v1.json").replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2");
        assertThrows(UnsupportedSchemaVersionException.class, () -> Json.readBotReply(replyV2));
    }

    @Test
    void missingSchemaVersionIsRejected() {
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> Json.readBotTurn("{\"platform\":\"chat\"}"));
        assertEquals("BotTurn field 'schemaVersion' is missing or not an integer", e.getMessage());
    }

    @Test
    void badJsonAndNonObjectsAreRejected() {
        assertEquals("BotTurn body is not valid JSON (line 1, column 6)",
                assertThrows(MalformedRecordException.class, () -> Json.readBotTurn("{\"a\" secret words")).getMessage());
        assertEquals("BotTurn body is not a JSON object",
                assertThrows(MalformedRecordException.class, () -> Json.readBotTurn("[1]")).getMessage());
        assertEquals("BotReply body is empty",
                assertThrows(MalformedRecordException.class, () -> Json.readBotReply(" ")).getMessage());
    }

    @Test
    void missingRequiredFieldIsNamed() throws IOException {
        String noChat = contract("bot-turn.v1.json").replace("\"chatSid\" : \"CH00000000000000000000000000000001\",", "");
        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> Json.readBotTurn(noChat));
        assertEquals("BotTurn is malformed: BotTurn field 'chatSid' is missing or blank", e.getMessage());
    }

    @Test
    void wrongTypeNamesTheFieldButNotTheValue() throws IOException {
        String sample = contract("bot-reply.v1.json").replace("\"buttons\" : [ \"roses\", \"tulips\", \"lilies\" ]",
                "\"buttons\" : { \"secret\" : \"words\" }");
        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> Json.readBotReply(sample));
        assertEquals("BotReply is malformed: field 'messages[1].buttons' has the wrong type", e.getMessage());
    }

    @Test
    void unknownPlatformAndBadInstantAreNamed() throws IOException {
        String sample = contract("bot-turn.v1.json");
        MalformedRecordException platform = assertThrows(MalformedRecordException.class,
                () -> Json.readBotTurn(sample.replace("\"conversations\"", "\"whatsapp\"")));
        assertTrue(platform.getMessage().contains("unknown chat platform 'whatsapp'"), platform.getMessage());
        MalformedRecordException time = assertThrows(MalformedRecordException.class,
                () -> Json.readBotTurn(sample.replace("2026-11-25T22:00:00Z", "yesterday")));
        assertTrue(time.getMessage().contains("'receivedAt' is not an ISO-8601 instant"), time.getMessage());
    }

    @Test
    void replyKeepsSlotOrderAndDropsUnfilledSlots() {
        Map<String, String> slots = new java.util.LinkedHashMap<>();
        slots.put("Z", "1");
        slots.put("A", null);
        slots.put("M", "2");
        BotReply reply = new BotReply(1, ChatPlatformKind.CHAT, "CH1", "IM1", null, "b", "c", null, null,
                NextStep.WAIT_FOR_MESSAGE, null, slots, null);
        assertEquals(List.of("Z", "M"), List.copyOf(reply.slots().keySet()));
        assertEquals(List.of(), reply.messages());
    }
}
