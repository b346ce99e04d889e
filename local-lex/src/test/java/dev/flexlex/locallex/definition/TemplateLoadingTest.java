package dev.flexlex.locallex.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.locallex.bot.LexBot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateLoadingTest {

    static final Path TEMPLATE = Path.of("../template.yaml");

    @Test
    void loadsTheOrderFlowersBotOfTheProjectTemplate() {
        List<LexBot> bots = BotLoader.load(TEMPLATE);

        assertEquals(1, bots.size());
        LexBot bot = bots.get(0);
        assertEquals("OrderFlowers", bot.name());
        assertEquals(BotIds.botId("OrderFlowers"), bot.botId());
        assertTrue(bot.botId().matches("[0-9A-Z]{10}"), bot.botId());
        assertEquals(Set.of("TSTALIASID", BotIds.aliasId("OrderFlowers", "live")), bot.aliasIds());
        assertEquals(Set.of("en_US"), bot.localeIds());
        assertEquals(Duration.ofMinutes(5), bot.idleSessionTtl());
    }

    @Test
    void readsIntentsSlotsInPriorityOrderPromptsAndSlotTypes() {
        BotDefinition bot = BotLoader.definitions(TEMPLATE).get(0);
        LocaleDefinition locale = bot.locales().get(0);

        assertEquals(0.40, locale.nluConfidenceThreshold());
        assertEquals(List.of("OrderFlowers", "TalkToAgent", "FallbackIntent"),
                locale.intents().stream().map(IntentDefinition::name).toList());
        IntentDefinition order = locale.intent("OrderFlowers").orElseThrow();
        assertEquals(List.of("FlowerType", "PickupDate", "PickupTime"), order.slots().stream().map(SlotDefinition::name).toList());
        assertEquals(List.of("FlowerTypes", "AMAZON.Date", "AMAZON.Time"),
                order.slots().stream().map(SlotDefinition::slotTypeName).toList());
        assertEquals("What type of flowers would you like to order?", order.slots().get(0).prompt().messages().get(0).content());
        assertEquals(2, order.slots().get(0).prompt().maxRetries());
        assertEquals("Okay, I will not place your order.", order.declinationResponse().messages().get(0).content());
        assertTrue(locale.intent("FallbackIntent").orElseThrow().isFallback());
        SlotTypeDefinition flowers = locale.slotTypes().get("FlowerTypes");
        assertEquals(SlotTypeDefinition.Resolution.TOP_RESOLUTION, flowers.resolution());
        assertEquals(List.of("roses", "lilies", "tulips"), flowers.values().stream().map(SlotTypeDefinition.Value::value).toList());
        assertEquals(List.of("rose", "red roses"), flowers.values().get(0).synonyms());
    }
}
