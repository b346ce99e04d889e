package dev.flexlex.it.template;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /**
     * A function property as SAM deploys it: the function's own value, else the one in {@code Globals.Function}; for
     * a map present in both, SAM merges the two, the function's keys winning.
     */
    JsonNode functionProperty(String logicalId, String name) {
        JsonNode own = resource(logicalId).path("Properties").get(name);
        JsonNode global = root.path("Globals").path("Function").get(name);
        if (own != null && global != null && own.isObject() && global.isObject()) {
            ObjectNode merged = global.deepCopy();
            merged.setAll((ObjectNode) own);
            return merged;
        }
        return own != null ? own : global;
    }

    /** The logical id of the {@code AWS::IAM::Role} a function names with {@code Role: !GetAtt X.Arn}, or null (SAM's). */
    String roleOf(String logicalId) {
        JsonNode role = resource(logicalId).path("Properties").get("Role");
        return role == null ? null : target(role, "Arn");
    }

    /**
     * Every IAM policy statement a function is given in this template: written inline in its {@code Policies}, or in
     * the inline policies of the role it names.
     */
    List<JsonNode> inlineStatements(String logicalId) {
        List<JsonNode> statements = new ArrayList<>();
        for (JsonNode policy : resource(logicalId).path("Properties").path("Policies")) {
            policy.path("Statement").forEach(statements::add);
        }
        String role = roleOf(logicalId);
        if (role != null) {
            for (JsonNode policy : resource(role).path("Properties").path("Policies")) {
                policy.path("PolicyDocument").path("Statement").forEach(statements::add);
            }
        }
        return statements;
    }
}
