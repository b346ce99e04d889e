package dev.flexlex.locallex.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.flexlex.locallex.bot.LexBot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void loadsEveryBotOfATemplateWithItsLocalesAndAliases(@TempDir Path dir) throws Exception {
        String yaml = """
                Resources:
                  Alpha:
                    Type: AWS::Lex::Bot
                    Properties:
                      Name: !Sub Alpha
                      RoleArn: !GetAtt Role.Arn
                      IdleSessionTTLInSeconds: 120
                      BotLocales:
                        - LocaleId: en_US
                          NluConfidenceThreshold: 0.6
                          Intents: [{Name: Hello, SampleUtterances: [{Utterance: hello}]}]
                        - LocaleId: en_GB
                          Intents: [{Name: Hello, SampleUtterances: [{Utterance: good morning}]}]
                  AlphaAliasLive:
                    Type: AWS::Lex::BotAlias
                    Properties: {BotId: !Ref Alpha, BotAliasName: live, BotVersion: !GetAtt Version.BotVersion}
                  AlphaAliasBeta:
                    Type: AWS::Lex::BotAlias
                    Properties: {BotId: {"Fn::GetAtt": [Alpha, Id]}, BotAliasName: beta}
                  Beta:
                    Type: AWS::Lex::Bot
                    Properties:
                      Name: Beta
                      BotLocales: [{LocaleId: de_DE, Intents: [{Name: Hallo, SampleUtterances: [{Utterance: hallo}]}]}]
                """;
        List<LexBot> bots = BotLoader.load(Files.writeString(dir.resolve("bots.yml"), yaml));

        assertEquals(List.of("Alpha", "Beta"), bots.stream().map(LexBot::name).toList());
        assertEquals(Set.of("en_US", "en_GB"), bots.get(0).localeIds());
        assertEquals(Duration.ofSeconds(120), bots.get(0).idleSessionTtl());
        assertEquals(Set.of("TSTALIASID", BotIds.aliasId("Alpha", "live"), BotIds.aliasId("Alpha", "beta")), bots.get(0).aliasIds());
        assertEquals(Set.of("TSTALIASID"), bots.get(1).aliasIds());
        assertEquals(Duration.ofSeconds(300), bots.get(1).idleSessionTtl(), "Lex's default TTL");
        List<LocaleDefinition> alpha = BotLoader.definitions(dir.resolve("bots.yml")).get(0).locales();
        assertEquals(0.6, alpha.get(0).nluConfidenceThreshold());
        assertEquals(0.4, alpha.get(1).nluConfidenceThreshold(), "the default threshold");
        assertEquals(List.of("Hello", "FallbackIntent"), alpha.get(1).intents().stream().map(IntentDefinition::name).toList(),
                "a locale without a fallback intent gets one, as in Lex");
    }

    @Test
    void aJsonTemplateLoadsLikeItsYaml(@TempDir Path dir) throws Exception {
        Object tree = new YAMLMapper().readValue(TEMPLATE.toFile(), Object.class);
        Path json = dir.resolve("template.json");
        new ObjectMapper().writeValue(json.toFile(), tree);

        assertEquals(BotLoader.definitions(TEMPLATE), BotLoader.definitions(json));
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
