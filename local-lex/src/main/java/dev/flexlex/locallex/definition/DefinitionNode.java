package dev.flexlex.locallex.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.flexlex.locallex.bot.BotDefinitionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node of a definition file that knows where it sits (file and field path), so every error names both.
 *
 * <p>Field names are looked up in the camelCase spelling of the model-building API and in CloudFormation's
 * PascalCase spelling; several names may be given where AWS's documents disagree (e.g.
 * {@code messageGroupsList} / {@code messageGroupList} / {@code messageGroups}).
 */
final class DefinitionNode {

    private final String file;
    private final String path;
    private final JsonNode node;

    DefinitionNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node == null ? MissingNode.getInstance() : node;
    }

    String file() {
        return file;
    }

    String path() {
        return path;
    }

    JsonNode json() {
        return node;
    }

    boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    /** The first of the given fields that is present (camelCase or PascalCase), else a missing node. */
    DefinitionNode get(String... names) {
        for (String name : names) {
            for (String spelling : List.of(name, capitalize(name))) {
                JsonNode child = node.get(spelling);
                if (child != null && !child.isNull()) {
                    return new DefinitionNode(file, join(spelling), child);
                }
            }
        }
        return new DefinitionNode(file, join(names[0]), null);
    }

    DefinitionNode require(String... names) {
        DefinitionNode child = get(names);
        if (!child.isPresent()) {
            throw child.error("is missing");
        }
        return child;
    }

    String requireText(String... names) {
        DefinitionNode child = require(names);
        if (!child.node.isValueNode() || child.node.asText().isBlank()) {
            throw child.error("must be a non-empty string");
        }
        return child.node.asText();
    }

    Optional<String> optionalText(String... names) {
        DefinitionNode child = get(names);
        if (!child.isPresent()) {
            return Optional.empty();
        }
        if (!child.node.isValueNode()) {
            throw child.error("must be a string");
        }
        return Optional.of(child.node.asText());
    }

    int optionalInt(int fallback, String... names) {
        DefinitionNode child = get(names);
        if (!child.isPresent()) {
            return fallback;
        }
        if (!child.node.canConvertToInt() && !(child.node.isTextual() && child.node.asText().matches("\\d{1,9}"))) {
            throw child.error("must be an integer, was '" + child.node.asText() + "'");
        }
        return child.node.asInt();
    }

    double optionalDouble(double fallback, String... names) {
        DefinitionNode child = get(names);
        if (!child.isPresent()) {
            return fallback;
        }
        if (child.node.isNumber()) {
            return child.node.asDouble();
        }
        try {
            return Double.parseDouble(child.node.asText());
        } catch (NumberFormatException e) {
            throw child.error("must be a number, was '" + child.node.asText() + "'");
        }
    }

    boolean optionalBoolean(boolean fallback, String... names) {
        DefinitionNode child = get(names);
        if (!child.isPresent()) {
            return fallback;
        }
        String text = child.node.asText();
        if (child.node.isBoolean() || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return child.node.isBoolean() ? child.node.booleanValue() : Boolean.parseBoolean(text);
        }
        throw child.error("must be true or false, was '" + text + "'");
    }

    /** The elements of an optional list field; an absent field is an empty list, a non-list an error. */
    List<DefinitionNode> list(String... names) {
        DefinitionNode child = get(names);
        List<DefinitionNode> elements = new ArrayList<>();
        if (!child.isPresent()) {
            return elements;
        }
        if (!child.node.isArray()) {
            throw child.error("must be a list");
        }
        for (int i = 0; i < child.node.size(); i++) {
            elements.add(new DefinitionNode(file, child.path + "[" + i + "]", child.node.get(i)));
        }
        return elements;
    }

    BotDefinitionException error(String problem) {
        return new BotDefinitionException(file + ": field " + path + " " + problem);
    }

    private String join(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
