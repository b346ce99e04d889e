package dev.flexlex.it.template;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a CloudFormation/SAM YAML template into a JSON tree, turning the short-form tags into their long form
 * ({@code !Ref X} → {@code {"Ref":"X"}}, {@code !GetAtt A.B} → {@code {"Fn::GetAtt":["A","B"]}},
 * {@code !Sub s} → {@code {"Fn::Sub":s}}, {@code !Condition C} → {@code {"Condition":"C"}}), so tests can
 * walk the template as CloudFormation sees it. Plain Jackson trees drop the tags.
 */
public final class CloudFormationYaml {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLFactory YAML = new YAMLFactory(new ObjectMapper());

    private CloudFormationYaml() {
    }

    public static JsonNode read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file); YAMLParser parser = YAML.createParser(reader)) {
            if (parser.nextToken() == null) {
                throw new IOException(file + " is empty");
            }
            return readValue(parser);
        }
    }

    private static JsonNode readValue(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonNode value = switch (parser.currentToken()) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected " + parser.currentToken() + " at " + parser.currentLocation());
        };
        return tag == null || tag.startsWith("tag:yaml.org") ? value : longForm(tag, value);
    }

    private static ObjectNode readObject(YAMLParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            object.set(name, readValue(parser));
        }
        return object;
    }

    private static ArrayNode readArray(YAMLParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(parser));
        }
        return array;
    }

    private static JsonNode longForm(String tag, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        switch (tag) {
            case "Ref" -> node.set("Ref", value);
            case "Condition" -> node.set("Condition", value);
            case "GetAtt" -> {
                if (value.isTextual()) {
                    String text = value.asText();
                    int dot = text.indexOf('.');
                    ArrayNode parts = node.putArray("Fn::GetAtt");
                    parts.add(dot < 0 ? text : text.substring(0, dot));
                    if (dot >= 0) {
                        parts.add(text.substring(dot + 1));
                    }
                } else {
                    node.set("Fn::GetAtt", value);
                }
            }
            default -> node.set("Fn::" + tag, value);
        }
        return node;
    }
}
