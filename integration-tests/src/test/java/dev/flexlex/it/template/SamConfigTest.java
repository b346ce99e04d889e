package dev.flexlex.it.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code samconfig.toml}: {@code sam deploy} works without {@code --guided} after the first deploy, with safe
 * defaults, and the file names no account, region, bucket or secret.
 */
class SamConfigTest {
    private static final Path FILE = Template.FILE.resolveSibling("samconfig.toml");

    private final Template template = Template.load();

    @Test
    void deployHasWhatSamDeployWouldOtherwiseAskFor() throws Exception {
        JsonNode config = new TomlMapper().readTree(FILE.toFile());
        assertEquals("0.1", config.path("version").asText());
        assertFalse(config.path("default").path("global").path("parameters").path("stack_name").asText().isBlank(),
                "a stack name, so sam deploy need not ask");
        JsonNode deploy = config.path("default").path("deploy").path("parameters");
        assertTrue(deploy.path("resolve_s3").asBoolean(), "SAM makes its own artifact bucket: no bucket name here");
        assertTrue(deploy.path("confirm_changeset").asBoolean(), "a running contact centre is changed only after a yes");
        assertFalse(deploy.path("fail_on_empty_changeset").asBoolean(true), "an unchanged commit deploys as a no-op");
        assertTrue(config.path("default").path("validate").path("parameters").path("lint").asBoolean());

        boolean namedIam = template.resourcesOfType("AWS::IAM::Role").values().stream()
                .anyMatch(role -> role.path("Properties").has("RoleName"));
        assertEquals(namedIam ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM", deploy.path("capabilities").asText(),
                "the capability the template's IAM roles need");
        assertFalse(deploy.has("parameter_overrides"), "per-deployment SIDs are given once on the command line, not committed");
    }

    @Test
    void namesNoAccountRegionOrSecret() throws Exception {
        String text = Files.readString(FILE);
        assertFalse(Pattern.compile("\\b\\d{12}\\b").matcher(text).find(), "no AWS account id");
        assertFalse(text.contains("arn:"), "no ARN");
        assertFalse(Pattern.compile("(?m)^\\s*(region|s3_bucket|profile)\\s*=").matcher(text).find(),
                "region, bucket and profile come from the user's AWS settings");
        assertFalse(Pattern.compile("(?i)(auth_?token|secret\\s*=|password)").matcher(text).find(), "no secret");
    }
}
