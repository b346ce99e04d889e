package dev.flexlex.it.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.config.Env;
import dev.flexlex.inbound.InboundConfig;
import dev.flexlex.it.events.EventFiles;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.outbound.OutboundConfig;
import dev.flexlex.process.ProcessConfig;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code events/env.json} (for {@code sam local invoke --env-vars}) fits the template and each function's config. */
class EnvJsonTest {
    /** Variables a local run may add that the deployed template leaves unset. */
    private static final Set<String> LOCAL_ONLY = Set.of("SQS_ENDPOINT", "LEX_ENDPOINT", "SECRETS_MANAGER_ENDPOINT",
            "TWILIO_API_BASE_URL");

    private final Template template = Template.load();
    private final JsonNode envJson = readEnvJson();

    @Test
    void namesTheTemplatesFunctionsAndOnlyVariablesTheyTake() {
        Set<String> functions = new TreeSet<>();
        envJson.fieldNames().forEachRemaining(functions::add);
        assertEquals(new TreeSet<>(SuiteFunction.ids()), functions);

        for (SuiteFunction function : SuiteFunction.values()) {
            Set<String> allowed = new HashSet<>(LOCAL_ONLY);
            template.resource(function.logicalId).path("Properties").path("Environment").path("Variables")
                    .fieldNames().forEachRemaining(allowed::add);
            envJson.get(function.logicalId).fieldNames().forEachRemaining(name ->
                    assertTrue(allowed.contains(name), function.logicalId + " in env.json sets " + name
                            + ", which template.yaml does not give it"));
        }
    }

    @Test
    void everyFunctionsConfigLoadsFromIt() {
        InboundConfig inbound = InboundConfig.from(env(SuiteFunction.INBOUND));
        assertEquals(EventFiles.TEST_WEBHOOK_URL, inbound.webhookPublicUrl(), "the URL the webhook events are signed for");
        assertEquals(ChatPlatformKind.CONVERSATIONS, inbound.chatPlatform());

        ProcessConfig process = ProcessConfig.from(env(SuiteFunction.PROCESS));
        assertTrue(process.botRegistry().resolve(null).isPresent(), "a default bot");

        OutboundConfig outbound = OutboundConfig.from(env(SuiteFunction.OUTBOUND));
        assertEquals(inbound.botAuthor(), outbound.botAuthor());
        assertTrue(outbound.chatServiceSid() != null, "serves the batch's legacy chat reply too");
    }

    /** The function's env.json variables, plus what Lambda sets itself. */
    private Env env(SuiteFunction function) {
        Map<String, String> variables = new HashMap<>();
        envJson.get(function.logicalId).properties().forEach(e -> variables.put(e.getKey(), e.getValue().asText()));
        variables.put(Env.AWS_REGION, "us-east-1");
        return new Env(variables);
    }

    private static JsonNode readEnvJson() {
        try {
            return Json.mapper().readTree(EventFiles.DIR.resolve("env.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read events/env.json", e);
        }
    }
}
