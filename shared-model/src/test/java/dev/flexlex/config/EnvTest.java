package dev.flexlex.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.model.ChatPlatformKind;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

    @Test
    void requiredNamesTheMissingVariable() {
        Env env = new Env(Map.of("BLANK", "  "));
        assertEquals("environment variable OUTBOUND_QUEUE_URL is not set",
                assertThrows(ConfigException.class, () -> env.required("OUTBOUND_QUEUE_URL")).getMessage());
        assertEquals("environment variable BLANK is not set",
                assertThrows(ConfigException.class, () -> env.required("BLANK")).getMessage());
        assertEquals("environment variable AWS_REGION is not set",
                assertThrows(ConfigException.class, env::awsRegion).getMessage());
    }

    @Test
    void chatPlatformDefaultsToConversationsAndRejectsOthers() {
        assertEquals(ChatPlatformKind.CONVERSATIONS, new Env(Map.of()).chatPlatform());
        assertEquals(ChatPlatformKind.CHAT, new Env(Map.of("CHAT_PLATFORM", "chat")).chatPlatform());
        ConfigException e = assertThrows(ConfigException.class,
                () -> new Env(Map.of("CHAT_PLATFORM", "sms")).chatPlatform());
        assertTrue(e.getMessage().startsWith("environment variable CHAT_PLATFORM is malformed"), e.getMessage());
    }

    @Test
    void botRegistryErrorsNameTheVariableAndTheField() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new Env(Map.of("BOT_REGISTRY", "{\"bots\":{\"B\":{\"botId\":\"x\"}}}")).botRegistry());
        assertEquals("environment variable BOT_REGISTRY is malformed: bot 'B' field 'botAliasId' is missing or not a"
                + " non-blank string", e.getMessage());
        assertThrows(ConfigException.class, () -> new Env(Map.of()).botRegistry());
    }

    @Test
    void urisMustBeAbsoluteHttp() {
        Env env = new Env(Map.of("GOOD", "http://127.0.0.1:9324", "REL", "queue/x", "FTP", "ftp://h/x", "BAD", "http://a b"));
        assertEquals(URI.create("http://127.0.0.1:9324"), env.optionalUri("GOOD").orElseThrow());
        assertFalse(env.optionalUri("UNSET").isPresent());
        assertEquals("environment variable REL must be an absolute http(s) URL",
                assertThrows(ConfigException.class, () -> env.optionalUri("REL")).getMessage());
        assertThrows(ConfigException.class, () -> env.requiredUri("FTP"));
        assertEquals("environment variable BAD is not a valid URL",
                assertThrows(ConfigException.class, () -> env.requiredUri("BAD")).getMessage());
    }

    @Test
    void parserFailuresNameTheVariable() {
        Env env = new Env(Map.of("N", "ten"));
        assertEquals("environment variable N is malformed: For input string: \"ten\"",
                assertThrows(ConfigException.class, () -> env.required("N", Integer::parseInt)).getMessage());
        assertEquals(Integer.valueOf(10), new Env(Map.of("N", " 10 ")).required("N", Integer::valueOf));
    }
}
