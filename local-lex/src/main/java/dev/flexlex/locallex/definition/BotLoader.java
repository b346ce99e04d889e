package dev.flexlex.locallex.definition;

import dev.flexlex.locallex.bot.BotDefinitionException;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.engine.DefinedBot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Loads bots from a bot definition: a SAM/CloudFormation template ({@code .yaml}, {@code .yml},
 * {@code .json}, {@code .template}) with one or more {@code AWS::Lex::Bot} resources, or a Lex V2 export in
 * the {@code LexJson} format, as a {@code .zip} or an unpacked folder.
 *
 * <p>Ids, chosen to be simple and predictable:
 * <ul>
 *   <li>bot id: an export's {@code Bot.json} {@code identifier}/{@code botId} when it is a Lex-shaped id
 *       (10 characters {@code [0-9A-Z]}); otherwise derived from the bot's name
 *       ({@link BotIds#botId(String)}: the last 10 base-36 digits of SHA-256("bot:" + name), upper case), so
 *       the same name always gets the same id;</li>
 *   <li>alias ids: every bot answers the test alias {@code TSTALIASID}; a template's
 *       {@code AWS::Lex::BotAlias} resources pointing at the bot add {@link BotIds#aliasId(String, String)}
 *       (SHA-256 of "alias:" + bot name + "/" + alias name, likewise);</li>
 *   <li>locales: the bot's {@code BotLocales}.</li>
 * </ul>
 * Where AWS's documents spell a field differently, every spelling is read: {@code Manifest.json} /
 * {@code manifest.json}, {@code metadata} / {@code metaData}, {@code messageGroupsList} /
 * {@code messageGroupList} / {@code messageGroups}, {@code valueElicitationSetting} /
 * {@code slotValueElicitationSetting}, {@code slotConstraint} inside that setting or on the slot,
 * {@code intentConfirmationSetting.promptSpecification} / {@code confirmationPrompt}, resolution strategies
 * {@code TOP_RESOLUTION} / {@code TopResolution}, a locale's {@code localeId} / {@code identifier}.
 * Custom slot types need values, or a supported built-in {@code parentSlotTypeSignature} (with an optional
 * {@code regexFilter}); composite and grammar slot types, code hooks and conditional branches are not read.
 *
 * <p>A malformed definition fails here with a {@link BotDefinitionException} naming the file and the field;
 * nothing of a source is loaded unless all of it is.
 */
public final class BotLoader {

    private BotLoader() {
    }

    /** The bots of {@code source}, relative dates resolved with the system clock. */
    public static List<LexBot> load(Path source) {
        return load(source, Clock.systemUTC());
    }

    /** The bots of {@code source}, with the clock that "today" and "tomorrow" are resolved against. */
    public static List<LexBot> load(Path source, Clock clock) {
        return definitions(source).stream().map(definition -> (LexBot) new DefinedBot(definition, clock)).toList();
    }

    /** The parsed definitions of {@code source}, without an engine. */
    public static List<BotDefinition> definitions(Path source) {
        if (!Files.exists(source)) {
            throw new BotDefinitionException(source + ": no such file or folder");
        }
        String name = source.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(source) || name.endsWith(".zip")) {
            return LexExport.read(source);
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json") || name.endsWith(".template")) {
            return CloudFormationTemplate.read(source);
        }
        throw new BotDefinitionException(source.getFileName()
                + ": not a bot definition (expected a .yaml/.yml/.json/.template template, a .zip export or an export folder)");
    }
}
