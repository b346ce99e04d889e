package dev.flexlex.locallex.definition;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.locallex.bot.BotDefinitionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed definition fails at load, naming the file and the field. */
class MalformedDefinitionTest {

    private static final String SIZE_SLOT = ExportFiles.LOCALE + "Intents/OrderPizza/Slots/Size/Slot.json";
    private static final String ORDER_INTENT = ExportFiles.LOCALE + "Intents/OrderPizza/Intent.json";

    @TempDir
    Path dir;

    @Test
    void slotWithoutSlotType() {
        failsNaming(SIZE_SLOT, json -> json.replace("\"slotTypeName\": \"PizzaSize\",", ""),
                "OrderPizza/" + SIZE_SLOT + ": field slotTypeName is missing");
    }

    @Test
    void slotOfAnUndefinedSlotType() {
        failsNaming(SIZE_SLOT, json -> json.replace("\"PizzaSize\"", "\"PizzaSizes\""),
                SIZE_SLOT + ": field slotTypeName names slot type 'PizzaSizes', which the locale does not define");
    }

    @Test
    void slotOfAnUnsupportedBuiltInType() {
        failsNaming(SIZE_SLOT, json -> json.replace("\"PizzaSize\"", "\"AMAZON.Country\""),
                SIZE_SLOT + ": field slotTypeName names built-in slot type 'AMAZON.Country'");
    }

    @Test
    void requiredSlotWithoutPrompt() {
        failsNaming(SIZE_SLOT, json -> json.replaceFirst("\"promptSpecification\": \\{", "\"promptSpecificationX\": {"),
                SIZE_SLOT + ": field valueElicitationSetting.promptSpecification is missing (a Required slot needs a prompt)");
    }

    @Test
    void slotConstraintOutsideTheEnum() {
        failsNaming(SIZE_SLOT, json -> json.replace("\"Required\"", "\"Sometimes\""),
                SIZE_SLOT + ": field valueElicitationSetting.slotConstraint must be Required or Optional, was 'Sometimes'");
    }

    @Test
    void maxRetriesThatIsNoNumber() {
        failsNaming(SIZE_SLOT, json -> json.replace("\"maxRetries\": 2", "\"maxRetries\": \"many\""),
                SIZE_SLOT + ": field valueElicitationSetting.promptSpecification.maxRetries must be an integer, was 'many'");
    }

    @Test
    void messageWithoutContent() {
        failsNaming(SIZE_SLOT, json -> json.replace("\"plainTextMessage\": {", "\"plainTextMessageX\": {"),
                SIZE_SLOT + ": field valueElicitationSetting.promptSpecification.messageGroupsList[0].message has none of");
    }

    @Test
    void intentThatIsNotJson() {
        failsNaming(ORDER_INTENT, json -> json.substring(0, json.length() / 2), ORDER_INTENT + ": not valid JSON");
    }

    @Test
    void slotPriorityNamingAnUndefinedSlot() {
        failsNaming(ORDER_INTENT, json -> json.replace("\"slotName\": \"Crust\"", "\"slotName\": \"Topping\""),
                ORDER_INTENT + ": field slotPriorities[1].slotName names slot 'Topping', which the intent does not define");
    }

    @Test
    void unknownResolutionStrategy() {
        String file = ExportFiles.LOCALE + "SlotTypes/PizzaSize/SlotType.json";
        failsNaming(file, json -> json.replace("\"TopResolution\"", "\"Best\""),
                file + ": field valueSelectionSetting.resolutionStrategy must be ORIGINAL_VALUE or TOP_RESOLUTION, was 'Best'");
    }

    @Test
    void slotTypeWithoutValues() {
        String file = ExportFiles.LOCALE + "SlotTypes/PizzaSize/SlotType.json";
        failsNaming(file, json -> json.replace("\"slotTypeValues\"", "\"slotTypeValuesX\""),
                file + ": field slotTypeValues is missing or empty");
    }

    @Test
    void slotTypeExtendingAnUnsupportedBuiltIn() {
        String file = ExportFiles.LOCALE + "SlotTypes/OrderNumberType/SlotType.json";
        failsNaming(file, json -> json.replace("\"AMAZON.AlphaNumeric\"", "\"AMAZON.City\""),
                file + ": field parentSlotTypeSignature names 'AMAZON.City', which local-lex does not support");
    }

    @Test
    void slotTypeWithABrokenRegexFilter() {
        String file = ExportFiles.LOCALE + "SlotTypes/OrderNumberType/SlotType.json";
        failsNaming(file, json -> json.replace("[A-Z]{2}[0-9]{3,5}", "[A-Z"),
                file + ": field valueSelectionSetting.regexFilter.pattern is not a valid pattern");
    }

    @Test
    void localeWithoutLocaleId() {
        String file = ExportFiles.LOCALE + "BotLocale.json";
        failsNaming(file, json -> json.replace("\"identifier\": \"en_US\",", ""), file + ": field localeId is missing");
    }

    @Test
    void localeIdOfAnotherShape() {
        String file = ExportFiles.LOCALE + "BotLocale.json";
        failsNaming(file, json -> json.replace("\"en_US\"", "\"en-US\""),
                file + ": field identifier must look like en_US or es_419, was 'en-US'");
    }

    @Test
    void manifestOfAnotherFormat() {
        failsNaming("Manifest.json", json -> json.replace("LexJson", "TSV"),
                "Manifest.json: field metadata.fileFormat must be LexJson, was 'TSV'");
    }

    @Test
    void manifestOfALocaleExport() {
        failsNaming("Manifest.json", json -> json.replace("\"BOT\"", "\"BotLocale\""),
                "Manifest.json: field metadata.resourceType must be Bot (local-lex loads whole bots), was 'BotLocale'");
    }

    @Test
    void exportWithoutBotJson() throws Exception {
        Path export = ExportFiles.copy(dir);
        Files.delete(export.resolve("OrderPizza/Bot.json"));

        failsWith(export, "OrderPizza: no <BotName>/Bot.json in this export");
    }

    @Test
    void zipThatIsNoZip() throws Exception {
        Path zip = Files.writeString(dir.resolve("broken.zip"), "not a zip at all");

        failsWith(zip, "broken.zip: not a readable zip archive");
    }

    @Test
    void missingSourceOrUnknownKind() throws Exception {
        failsWith(dir.resolve("nothing-here.yaml"), "nothing-here.yaml: no such file or folder");
        failsWith(Files.writeString(dir.resolve("bot.txt"), "x"), "bot.txt: not a bot definition");
    }

    @Test
    void templateWithoutLexBot() throws Exception {
        failsWith(template("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n"),
                "template.yaml: field Resources has no resource of Type AWS::Lex::Bot");
    }

    @Test
    void templateBotWithoutName() throws Exception {
        failsWith(template("Resources:\n  Bot:\n    Type: AWS::Lex::Bot\n    Properties:\n      RoleArn: !GetAtt Role.Arn\n"),
                "template.yaml: field Resources.Bot.Properties.Name is missing");
    }

    @Test
    void templateBotWithoutLocales() throws Exception {
        failsWith(template("Resources:\n  Bot:\n    Type: AWS::Lex::Bot\n    Properties:\n      Name: B\n"),
                "template.yaml: field Resources.Bot.Properties.BotLocales is missing or empty");
    }

    @Test
    void templateAliasOfAnUnknownBot() throws Exception {
        String yaml = Files.readString(Path.of("../template.yaml"))
                .replace("BotId: !Ref OrderFlowersBot\n      BotAliasName", "BotId: !Ref OtherBot\n      BotAliasName");
        failsWith(template(yaml), "template.yaml: field Resources.OrderFlowersBotAlias.Properties.BotId refers to 'OtherBot'");
    }

    @Test
    void templateIntentSlotOfUndefinedType() throws Exception {
        String yaml = Files.readString(Path.of("../template.yaml")).replace("SlotTypeName: FlowerTypes", "SlotTypeName: Flowers");
        failsWith(template(yaml), "template.yaml: field Resources.OrderFlowersBot.Properties.BotLocales[0].Intents[0].Slots[0]"
                + ".SlotTypeName names slot type 'Flowers', which the locale does not define");
    }

    @Test
    void templateWithAnIntentDefinedTwice() throws Exception {
        String yaml = Files.readString(Path.of("../template.yaml")).replace("- Name: TalkToAgent", "- Name: OrderFlowers");
        failsWith(template(yaml), "template.yaml: field Resources.OrderFlowersBot.Properties.BotLocales[0].Intents "
                + "defines an intent name twice: [OrderFlowers, OrderFlowers, FallbackIntent]");
    }

    @Test
    void templateThatIsNoYaml() throws Exception {
        failsWith(template("Resources: [unclosed\n  - {"), "template.yaml: not a readable YAML/JSON template");
    }

    private Path template(String yaml) throws Exception {
        return Files.writeString(dir.resolve("template.yaml"), yaml);
    }

    private void failsNaming(String file, UnaryOperator<String> change, String expected) {
        Path export = ExportFiles.copy(dir);
        ExportFiles.edit(export, file, change);
        failsWith(export, expected);
    }

    private static void failsWith(Path source, String expected) {
        BotDefinitionException e = assertThrows(BotDefinitionException.class, () -> BotLoader.load(source));
        assertTrue(e.getMessage().contains(expected), "expected «" + expected + "» in «" + e.getMessage() + "»");
    }
}
