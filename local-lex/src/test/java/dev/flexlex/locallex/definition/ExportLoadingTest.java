package dev.flexlex.locallex.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.bot.LexBot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OrderPizza export, as the Lex console lays it out, unpacked, zipped and in AWS's other spellings. */
class ExportLoadingTest {

    @TempDir
    Path dir;

    @Test
    void loadsTheExportFolder() {
        List<LexBot> bots = BotLoader.load(ExportFiles.ORDER_PIZZA);

        assertEquals(1, bots.size());
        LexBot bot = bots.get(0);
        assertEquals("OrderPizza", bot.name());
        assertEquals(BotIds.botId("OrderPizza"), bot.botId());
        assertEquals(Set.of("TSTALIASID"), bot.aliasIds());
        assertEquals(Set.of("en_US"), bot.localeIds());
        assertEquals(Duration.ofMinutes(10), bot.idleSessionTtl());
    }

    @Test
    void readsLocaleIntentsSlotsPromptsAndSlotTypes() {
        LocaleDefinition locale = BotLoader.definitions(ExportFiles.ORDER_PIZZA).get(0).locales().get(0);

        assertEquals("en_US", locale.localeId());
        assertEquals(0.5, locale.nluConfidenceThreshold());
        assertEquals(List.of("CheckOrderStatus", "FallbackIntent", "OrderPizza"),
                locale.intents().stream().map(IntentDefinition::name).toList());
        IntentDefinition order = locale.intent("OrderPizza").orElseThrow();
        assertEquals(List.of("Size", "Crust", "Quantity", "DeliveryNote"), order.slots().stream().map(SlotDefinition::name).toList());
        assertEquals(List.of(true, true, true, false), order.slots().stream().map(SlotDefinition::required).toList());
        List<MessageDefinition> crustPrompt = order.slots().get(1).prompt().messages();
        assertEquals(List.of("PlainText", "ImageResponseCard"), crustPrompt.stream().map(MessageDefinition::contentType).toList());
        assertEquals("{\"title\":\"Crust for your {Size} pizza\",\"subtitle\":\"Pick one\",\"imageUrl\":\"https://example.com/crusts.png\","
                + "\"buttons\":[{\"text\":\"Thin\",\"value\":\"thin\"},{\"text\":\"Thick\",\"value\":\"thick\"},"
                + "{\"text\":\"Stuffed\",\"value\":\"stuffed\"}]}", crustPrompt.get(1).card().toString());
        assertEquals(1, order.confirmationPrompt().maxRetries());
        assertEquals("Alright, no pizza then.", order.declinationResponse().messages().get(0).content());
        assertEquals(SlotTypeDefinition.Resolution.TOP_RESOLUTION, locale.slotTypes().get("PizzaSize").resolution());
        assertEquals(SlotTypeDefinition.Resolution.ORIGINAL_VALUE, locale.slotTypes().get("CrustType").resolution());
        assertEquals(List.of(), locale.slotTypes().get("CrustType").values().get(2).synonyms());
        assertFalse(locale.intent("FallbackIntent").orElseThrow().closingResponse().messages().iterator().hasNext());
        IntentDefinition check = locale.intent("CheckOrderStatus").orElseThrow();
        assertEquals("Let me look that up.", check.initialResponse().messages().get(0).content());
        assertEquals("Sorry, I cannot find that order number.", check.slots().get(0).failureResponse().messages().get(0).content());
        assertEquals("Let's leave it there for now.", order.confirmationFailureResponse().messages().get(0).content());
    }

    @Test
    void theSameExportZippedLoadsTheSame() {
        Path zip = ExportFiles.zip(ExportFiles.ORDER_PIZZA, dir.resolve("OrderPizza.zip"), "");

        assertEquals(BotLoader.definitions(ExportFiles.ORDER_PIZZA), BotLoader.definitions(zip));
    }

    @Test
    void aZipWrappingTheExportInOneMoreFolderLoadsTheSame() {
        Path zip = ExportFiles.zip(ExportFiles.ORDER_PIZZA, dir.resolve("OrderPizza-export.ZIP"), "OrderPizza-export/");

        assertEquals(BotLoader.definitions(ExportFiles.ORDER_PIZZA), BotLoader.definitions(zip));
    }

    @Test
    void lowerCaseManifestAndMetaDataSpelling() throws Exception {
        Path export = ExportFiles.copy(dir);
        Files.move(export.resolve("Manifest.json"), export.resolve("manifest.json"));
        ExportFiles.edit(export, "manifest.json", json -> json.replace("\"metadata\"", "\"metaData\""));

        assertEquals(BotLoader.definitions(ExportFiles.ORDER_PIZZA), BotLoader.definitions(export));
    }

    @Test
    void resourceTypeSpelledAsOnAwsExportFormatPage() {
        Path export = ExportFiles.copy(dir);
        ExportFiles.edit(export, "Manifest.json", json -> json.replace("\"BOT\"", "\"Bot\"").replace("\"1\"", "\"1.0\""));

        assertEquals(BotLoader.definitions(ExportFiles.ORDER_PIZZA), BotLoader.definitions(export));
    }

    @Test
    void anExportWithoutManifestStillLoads() throws Exception {
        Path export = ExportFiles.copy(dir);
        Files.delete(export.resolve("Manifest.json"));

        assertEquals(BotLoader.definitions(ExportFiles.ORDER_PIZZA), BotLoader.definitions(export));
    }

    @Test
    void messageGroupListSpelling() {
        Path export = ExportFiles.copy(dir);
        ExportFiles.editAll(export, json -> json.replace("\"messageGroupsList\"", "\"messageGroupList\""));

        assertEquals(BotLoader.definitions(ExportFiles.ORDER_PIZZA), BotLoader.definitions(export));
    }

    @Test
    void messageGroupsSpellingOfTheModelBuildingApi() {
        Path export = ExportFiles.copy(dir);
        ExportFiles.editAll(export, json -> json.replace("\"messageGroupsList\"", "\"messageGroups\""));

        assertEquals(BotLoader.definitions(ExportFiles.ORDER_PIZZA), BotLoader.definitions(export));
    }

    @Test
    void slotValueElicitationSettingSpelling() {
        Path export = ExportFiles.copy(dir);
        ExportFiles.editAll(export, json -> json.replace("\"valueElicitationSetting\"", "\"slotValueElicitationSetting\""));

        assertEquals(BotLoader.definitions(ExportFiles.ORDER_PIZZA), BotLoader.definitions(export));
    }

    @Test
    void theSpellingOfAwsExportFormatPage() throws Exception {
        // That page writes manifest.json, messageGroupList, slotValueElicitationSetting, slotConstraint on the slot
        // itself, intentConfirmationSetting.confirmationPrompt and resolution strategies in upper case.
        Path export = ExportFiles.copy(dir);
        Files.move(export.resolve("Manifest.json"), export.resolve("manifest.json"));
        ExportFiles.editAll(export, json -> json.replace("\"messageGroupsList\"", "\"messageGroupList\"")
                .replace("\"TopResolution\"", "\"TOP_RESOLUTION\"").replace("\"OriginalValue\"", "\"ORIGINAL_VALUE\""));
        ExportFiles.editJson(export, "OrderPizza/BotLocales/en_US/Intents/OrderPizza/Intent.json", intent -> {
            ObjectNode confirmation = (ObjectNode) intent.get("intentConfirmationSetting");
            confirmation.set("confirmationPrompt", confirmation.remove("promptSpecification"));
        });
        for (String slot : List.of("OrderPizza/Slots/Size", "OrderPizza/Slots/Crust", "OrderPizza/Slots/Quantity",
                "OrderPizza/Slots/DeliveryNote", "CheckOrderStatus/Slots/OrderNumber")) {
            ExportFiles.editJson(export, ExportFiles.LOCALE + "Intents/" + slot + "/Slot.json", json -> {
                ObjectNode elicitation = (ObjectNode) json.remove("valueElicitationSetting");
                json.set("slotConstraint", elicitation.remove("slotConstraint"));
                json.set("slotValueElicitationSetting", elicitation);
            });
        }

        assertEquals(BotLoader.definitions(ExportFiles.ORDER_PIZZA), BotLoader.definitions(export));
    }

    @Test
    void aSlotTypeExtendingABuiltInKeepsItsParentAndPattern() {
        SlotTypeDefinition type = BotLoader.definitions(ExportFiles.ORDER_PIZZA).get(0).locales().get(0)
                .slotTypes().get("OrderNumberType");

        assertEquals("AMAZON.AlphaNumeric", type.parentSignature());
        assertEquals("[A-Z]{2}[0-9]{3,5}", type.regexFilter());
        assertEquals(List.of(), type.values());
    }

    @Test
    void aLexShapedBotIdentifierInBotJsonIsTheBotId() {
        Path export = ExportFiles.copy(dir);
        ExportFiles.edit(export, "OrderPizza/Bot.json", json -> json.replace("\"name\"", "\"identifier\": \"PIZZA12345\", \"name\""));

        assertEquals("PIZZA12345", BotLoader.load(export).get(0).botId());
    }

    @Test
    void idsAreDerivedFromNamesDeterministically() {
        // Pinned: the same name gives the same id in every run (clients and registries written for one local Lex
        // keep working against the next), not only twice within one JVM.
        assertEquals("RJCTTZVL55", BotIds.botId("OrderFlowers"));
        assertEquals("8VLXK97UHP", BotIds.aliasId("OrderFlowers", "live"));
        assertFalse(BotIds.botId("OrderFlowers").equals(BotIds.botId("OrderPizza")));
        assertFalse(BotIds.aliasId("OrderFlowers", "live").equals(BotIds.aliasId("OrderPizza", "live")));
        assertEquals(true, BotIds.isLexId(BotIds.aliasId("OrderPizza", "live")));
    }
}
