package dev.flexlex.it.template;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The project's {@code template.yaml}, read once, with small look-ups for the tests. */
final class Template {
    /** Surefire runs with the module directory as working directory; the template sits at the project root. */
    static final Path FILE = Path.of(System.getProperty("flexlex.template", "../template.yaml"));

    private static Template loaded;

    final JsonNode root;

    private Template(JsonNode root) {
        this.root = root;
    }

    static synchronized Template load() {
        if (loaded == null) {
            try {
                loaded = new Template(CloudFormationYaml.read(FILE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
            }
        }
        return loaded;
    }

    JsonNode resources() {
        return root.path("Resources");
    }

    JsonNode resource(String logicalId) {
        JsonNode resource = resources().get(logicalId);
        assertNotNull(resource, "template.yaml has no resource " + logicalId);
        return resource;
    }

    /** Logical id → resource, for every resource of the given type, in template order. */
    Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        resources().properties().forEach(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    /** The logical id a {@code {"Ref": id}} or {@code {"Fn::GetAtt": [id, attribute]}} points at. */
    static String target(JsonNode reference, String expectedAttribute) {
        assertNotNull(reference, "expected a reference, found nothing");
        if (expectedAttribute == null) {
            assertTrue(reference.has("Ref"), "expected a !Ref, got " + reference);
            return reference.get("Ref").asText();
        }
        JsonNode getAtt = reference.get("Fn::GetAtt");
        assertNotNull(getAtt, "expected a !GetAtt ..." + expectedAttribute + ", got " + reference);
        assertTrue(expectedAttribute.equals(getAtt.get(1).asText()),
                "expected attribute " + expectedAttribute + ", got " + reference);
        return getAtt.get(0).asText();
    }

    /** Every IAM policy statement written inline in a function's {@code Policies}. */
    static List<JsonNode> inlineStatements(JsonNode function) {
        List<JsonNode> statements = new ArrayList<>();
        for (JsonNode policy : function.path("Properties").path("Policies")) {
            policy.path("Statement").forEach(statements::add);
        }
        return statements;
    }
}
