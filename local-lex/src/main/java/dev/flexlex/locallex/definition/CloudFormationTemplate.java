package dev.flexlex.locallex.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.flexlex.locallex.bot.BotDefinitionException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the {@code AWS::Lex::Bot} resources of a SAM/CloudFormation template (YAML or JSON), and the
 * {@code AWS::Lex::BotAlias} resources that point at them.
 *
 * <p>Short-form intrinsic functions ({@code !Ref X}, {@code !GetAtt X.Id}, {@code !Sub ...}) are read as
 * their plain argument; the long forms ({@code Ref}, {@code Fn::GetAtt}) are understood where a bot is
 * referenced.
 */
final class CloudFormationTemplate {

    private static final YAMLMapper YAML = new YAMLMapper();

    private CloudFormationTemplate() {
    }

    static List<BotDefinition> read(Path file) {
        String fileName = file.getFileName().toString();
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new BotDefinitionException(fileName + ": not a readable YAML/JSON template: " + e.getMessage(), e);
        }
        DefinitionNode resources = new DefinitionNode(fileName, "", root).require("Resources");
        Map<String, JsonNode> bots = new TreeMap<>();
        Map<String, Set<String>> aliasNames = new TreeMap<>();
        resources.json().fields().forEachRemaining(e -> {
            String type = e.getValue().path("Type").asText();
            if (type.equals("AWS::Lex::Bot")) {
                bots.put(e.getKey(), e.getValue());
            }
        });
        resources.json().fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::Lex::BotAlias")) {
                DefinitionNode alias = resources.get(e.getKey()).require("Properties");
                String botLogicalId = logicalId(alias.require("BotId").json());
                if (!bots.containsKey(botLogicalId)) {
                    throw alias.get("BotId").error("refers to '" + botLogicalId + "', which is no AWS::Lex::Bot of this template");
                }
                aliasNames.computeIfAbsent(botLogicalId, k -> new LinkedHashSet<>()).add(alias.requireText("BotAliasName"));
            }
        });
        if (bots.isEmpty()) {
            throw new BotDefinitionException(fileName + ": field Resources has no resource of Type AWS::Lex::Bot");
        }
        List<BotDefinition> definitions = new ArrayList<>();
        for (String logicalId : bots.keySet()) {
            DefinitionNode properties = resources.get(logicalId).require("Properties");
            definitions.add(bot(properties, aliasNames.getOrDefault(logicalId, Set.of())));
        }
        return definitions;
    }

    private static BotDefinition bot(DefinitionNode properties, Set<String> aliasNames) {
        String name = properties.requireText("Name");
        Duration ttl = DefinitionParser.idleSessionTtl(properties);
        List<DefinitionNode> localeNodes = properties.list("BotLocales");
        if (localeNodes.isEmpty()) {
            throw properties.get("BotLocales").error("is missing or empty (BotFileS3Location is not supported)");
        }
        List<LocaleDefinition> locales = new ArrayList<>();
        for (DefinitionNode locale : localeNodes) {
            List<DefinitionParser.IntentNodes> intents = new ArrayList<>();
            for (DefinitionNode intent : locale.list("Intents")) {
                intents.add(new DefinitionParser.IntentNodes(intent, intent.list("Slots")));
            }
            locales.add(DefinitionParser.locale(locale, locale.list("SlotTypes"), intents));
        }
        return new BotDefinition(name, BotIds.botId(name), DefinitionParser.aliasIds(name, aliasNames), ttl, locales);
    }

    /** The logical id in {@code !Ref X}, {@code !GetAtt X.Id}, {@code {Ref: X}} or {@code {Fn::GetAtt: [X, Id]}}. */
    private static String logicalId(JsonNode reference) {
        if (reference.has("Ref")) {
            return reference.get("Ref").asText();
        }
        if (reference.has("Fn::GetAtt")) {
            JsonNode getAtt = reference.get("Fn::GetAtt");
            return getAtt.isArray() ? getAtt.path(0).asText() : getAtt.asText().split("\\.")[0];
        }
        return reference.asText().split("\\.")[0];
    }
}
