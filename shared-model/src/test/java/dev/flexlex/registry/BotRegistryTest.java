package dev.flexlex.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BotRegistryTest {
    static final String ORDER_FLOWERS = "{\"defaultBot\":\"OrderFlowers\",\"bots\":{\"OrderFlowers\":{"
            + "\"botId\":\"BOT1\",\"botAliasId\":\"TSTALIASID\",\"localeId\":\"en_US\","
            + "\"agentIntents\":[\"TalkToAgent\"],\"closingIntents\":[\"OrderFlowers\"],\"fallbackLimit\":3}}}";

    @Test
    void parsesEveryField() {
        BotRegistry registry = BotRegistry.parse(ORDER_FLOWERS);
        BotConfig bot = registry.find("OrderFlowers").orElseThrow();
        assertEquals(new BotConfig("OrderFlowers", "BOT1", "TSTALIASID", "en_US", Set.of("TalkToAgent"),
                Set.of("OrderFlowers"), 3), bot);
        assertEquals(bot, registry.defaultBot().orElseThrow());
        assertTrue(bot.isAgentIntent("TalkToAgent"));
        assertFalse(bot.isAgentIntent(null));
        assertTrue(bot.isClosingIntent("OrderFlowers"));
    }

    @Test
    void defaultsFallbackLimitAndIntentsAndDefaultBot() {
        BotRegistry registry = BotRegistry.parse(
                "{\"bots\":{\"B\":{\"botId\":\"x\",\"botAliasId\":\"y\",\"localeId\":\"en_GB\"}}}");
        BotConfig bot = registry.find("B").orElseThrow();
        assertEquals(2, bot.fallbackLimit());
        assertEquals(Set.of(), bot.agentIntents());
        assertTrue(registry.defaultBot().isEmpty());
        assertTrue(registry.resolve("Unknown").isEmpty());
        assertEquals(bot, registry.resolve("B").orElseThrow());
    }

    @Test
    void aTimeZoneIsAnIanaNameAndOptional() {
        BotConfig zoned = BotRegistry.parse("{\"bots\":{\"B\":{\"botId\":\"x\",\"botAliasId\":\"y\","
                + "\"localeId\":\"en_US\",\"timeZone\":\"Pacific/Auckland\"}}}").find("B").orElseThrow();
        assertEquals(java.time.ZoneId.of("Pacific/Auckland"), zoned.timeZone());
        assertEquals(null, BotRegistry.parse(ORDER_FLOWERS).find("OrderFlowers").orElseThrow().timeZone(),
                "none given: none sent, Lex's default applies");
        for (String bad : List.of("\"Mars/Olympus_Mons\"", "\"+02:00\"", "\"EST\"", "\"\"", "5")) {
            assertEquals("bot 'B' field 'timeZone' must be an IANA time zone name such as America/New_York, was "
                    + (bad.startsWith("\"") ? "'" + bad.substring(1, bad.length() - 1) + "'" : bad),
                    assertThrows(BotRegistryException.class, () -> BotRegistry.parse("{\"bots\":{\"B\":{\"botId\":\"x\","
                            + "\"botAliasId\":\"y\",\"localeId\":\"en_US\",\"timeZone\":" + bad + "}}}")).getMessage());
        }
    }

    @Test
    void resolveFallsBackToTheDefaultBot() {
        BotRegistry registry = BotRegistry.parse(ORDER_FLOWERS);
        assertEquals("OrderFlowers", registry.resolve("NoSuchBot").orElseThrow().name());
        assertEquals("OrderFlowers", registry.resolve(null).orElseThrow().name());
    }

    @Test
    void errorsNameTheBotAndField() {
        assertMessage("bot 'B' field 'botAliasId' is missing or not a non-blank string",
                "{\"bots\":{\"B\":{\"botId\":\"x\",\"localeId\":\"en_US\"}}}");
        assertMessage("bot 'B' field 'fallbackLimit' must be an integer >= 1",
                "{\"bots\":{\"B\":{\"botId\":\"x\",\"botAliasId\":\"y\",\"localeId\":\"en_US\",\"fallbackLimit\":0}}}");
        assertMessage("bot 'B' field 'agentIntents' must be an array of intent names",
                "{\"bots\":{\"B\":{\"botId\":\"x\",\"botAliasId\":\"y\",\"localeId\":\"en_US\",\"agentIntents\":\"T\"}}}");
        assertMessage("bot 'B' field 'closingIntents' must contain only intent names",
                "{\"bots\":{\"B\":{\"botId\":\"x\",\"botAliasId\":\"y\",\"localeId\":\"en_US\",\"closingIntents\":[1]}}}");
        assertMessage("bot 'B' must be a JSON object", "{\"bots\":{\"B\":[]}}");
        assertMessage("bot registry field 'defaultBot' must name one of the bots [B]",
                "{\"defaultBot\":\"C\",\"bots\":{\"B\":{\"botId\":\"x\",\"botAliasId\":\"y\",\"localeId\":\"en_US\"}}}");
        assertMessage("bot registry field 'bots' must be a non-empty object", "{\"bots\":{}}");
        assertMessage("bot registry must be a JSON object", "[]");
        assertMessage("bot registry is empty", "");
        assertTrue(assertThrows(BotRegistryException.class, () -> BotRegistry.parse("{oops"))
                .getMessage().startsWith("bot registry is not valid JSON"));
    }

    private static void assertMessage(String expected, String json) {
        assertEquals(expected, assertThrows(BotRegistryException.class, () -> BotRegistry.parse(json)).getMessage());
    }
}
