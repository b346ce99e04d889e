package dev.flexlex.locallex.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexlex.locallex.bot.BotDefinitionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a Lex V2 export in the {@code LexJson} format, zipped or unpacked, in the layout the Lex console
 * exports:
 * <pre>
 * Manifest.json
 * &lt;BotName&gt;/Bot.json
 * &lt;BotName&gt;/BotLocales/&lt;locale&gt;/BotLocale.json
 * &lt;BotName&gt;/BotLocales/&lt;locale&gt;/Intents/&lt;Intent&gt;/Intent.json
 * &lt;BotName&gt;/BotLocales/&lt;locale&gt;/Intents/&lt;Intent&gt;/Slots/&lt;Slot&gt;/Slot.json
 * &lt;BotName&gt;/BotLocales/&lt;locale&gt;/SlotTypes/&lt;SlotType&gt;/SlotType.json
 * </pre>
 * The archive may wrap all of it in one more folder. {@code Manifest.json} may also be spelled
 * {@code manifest.json}, and its {@code metadata} block {@code metaData}.
 */
final class LexExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String sourceName;
    private final Map<String, byte[]> files;

    private LexExport(String sourceName, Map<String, byte[]> files) {
        this.sourceName = sourceName;
        this.files = files;
    }

    static List<BotDefinition> read(Path source) {
        return new LexExport(source.getFileName().toString(), Files.isDirectory(source) ? folder(source) : zip(source)).bots();
    }

    private List<BotDefinition> bots() {
        checkManifest();
        List<String> botFiles = files.keySet().stream().filter(p -> p.endsWith("/Bot.json") || p.equals("Bot.json")).toList();
        if (botFiles.isEmpty()) {
            throw new BotDefinitionException(sourceName + ": no <BotName>/Bot.json in this export");
        }
        List<BotDefinition> bots = new ArrayList<>();
        for (String botFile : botFiles) {
            bots.add(bot(botFile, botFile.substring(0, botFile.length() - "Bot.json".length())));
        }
        return bots;
    }

    private void checkManifest() {
        files.keySet().stream()
                .filter(p -> p.equals("Manifest.json") || p.equals("manifest.json")
                        || p.endsWith("/Manifest.json") || p.endsWith("/manifest.json"))
                .findFirst()
                .ifPresent(manifestFile -> {
                    DefinitionNode metadata = node(manifestFile).get("metadata", "metaData");
                    metadata.optionalText("fileFormat").filter(format -> !format.equals("LexJson")).ifPresent(format -> {
                        throw metadata.get("fileFormat").error("must be LexJson, was '" + format + "'");
                    });
                    metadata.optionalText("resourceType").filter(type -> !type.equalsIgnoreCase("Bot")).ifPresent(type -> {
                        throw metadata.get("resourceType").error("must be Bot (local-lex loads whole bots), was '" + type + "'");
                    });
                });
    }

    private BotDefinition bot(String botFile, String botDir) {
        DefinitionNode bot = node(botFile);
        String name = bot.requireText("name", "botName");
        String botId = bot.optionalText("botId", "identifier").filter(BotIds::isLexId).orElse(BotIds.botId(name));
        Duration ttl = DefinitionParser.idleSessionTtl(bot);
        List<LocaleDefinition> locales = new ArrayList<>();
        for (String localeDir : children(botDir + "BotLocales/")) {
            locales.add(locale(localeDir));
        }
        if (locales.isEmpty()) {
            throw new BotDefinitionException(display(botDir + "BotLocales/") + ": no <locale>/BotLocale.json for bot " + name);
        }
        return new BotDefinition(name, botId, DefinitionParser.aliasIds(name, List.of()), ttl, locales);
    }

    private LocaleDefinition locale(String localeDir) {
        List<DefinitionNode> slotTypes = new ArrayList<>();
        for (String typeDir : children(localeDir + "SlotTypes/")) {
            slotTypes.add(node(typeDir + "SlotType.json"));
        }
        List<DefinitionParser.IntentNodes> intents = new ArrayList<>();
        for (String intentDir : children(localeDir + "Intents/")) {
            List<DefinitionNode> slots = new ArrayList<>();
            for (String slotDir : children(intentDir + "Slots/")) {
                slots.add(node(slotDir + "Slot.json"));
            }
            intents.add(new DefinitionParser.IntentNodes(node(intentDir + "Intent.json"), slots));
        }
        return DefinitionParser.locale(node(localeDir + "BotLocale.json"), slotTypes, intents);
    }

    /** The sub-folders of {@code dir} (each with a trailing slash), in name order. */
    private List<String> children(String dir) {
        Set<String> children = new TreeSet<>();
        for (String path : files.keySet()) {
            if (path.startsWith(dir)) {
                int slash = path.indexOf('/', dir.length());
                if (slash > 0) {
                    children.add(path.substring(0, slash + 1));
                }
            }
        }
        return new ArrayList<>(children);
    }

    private DefinitionNode node(String path) {
        byte[] bytes = files.get(path);
        if (bytes == null) {
            throw new BotDefinitionException(display(path) + ": file is missing from the export");
        }
        try {
            JsonNode json = JSON.readTree(bytes);
            if (json == null || !json.isObject()) {
                throw new BotDefinitionException(display(path) + ": must hold a JSON object");
            }
            return new DefinitionNode(display(path), "", json);
        } catch (IOException e) {
            throw new BotDefinitionException(display(path) + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private String display(String path) {
        return sourceName + "/" + path;
    }

    private static Map<String, byte[]> folder(Path root) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new BotDefinitionException(root.getFileName() + ": cannot read the export folder: " + e.getMessage(), e);
        }
        return unwrap(files);
    }

    private static Map<String, byte[]> zip(Path archive) {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory()) {
                    files.put(entry.getName().replace('\\', '/'), zip.getInputStream(entry).readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new BotDefinitionException(archive.getFileName() + ": not a readable zip archive: " + e.getMessage(), e);
        }
        return unwrap(files);
    }

    /** Drops one wrapping folder when the manifest sits inside it (a folder zipped as a whole). */
    private static Map<String, byte[]> unwrap(Map<String, byte[]> files) {
        for (String path : files.keySet()) {
            String lower = path.toLowerCase();
            int slash = path.indexOf('/');
            if (slash > 0 && path.indexOf('/', slash + 1) < 0 && lower.endsWith("/manifest.json")) {
                String prefix = path.substring(0, slash + 1);
                Map<String, byte[]> inner = new TreeMap<>();
                files.forEach((p, b) -> {
                    if (p.startsWith(prefix)) {
                        inner.put(p.substring(prefix.length()), b);
                    }
                });
                return inner;
            }
        }
        return files;
    }
}
