package dev.flexlex.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.config.ConfigException;
import dev.flexlex.config.Env;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessConfigTest {
    private static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("BOT_REGISTRY", "{\"bots\":{\"B\":{\"botId\":\"x\",\"botAliasId\":\"y\",\"localeId\":\"en_US\"}}}");
        env.put("OUTBOUND_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/outbound.fifo");
        return env;
    }

    @Test
    void readsEveryVariable() {
        ProcessConfig config = ProcessConfig.from(new Env(complete()));
        assertEquals("https://sqs.eu-west-1.amazonaws.com/123456789012/outbound.fifo", config.outboundQueueUrl());
        assertEquals("x", config.botRegistry().find("B").orElseThrow().botId());
    }

    @Test
    void eachMissingVariableIsNamed() {
        for (String name : new String[] {"AWS_REGION", "BOT_REGISTRY", "OUTBOUND_QUEUE_URL"}) {
            Map<String, String> env = complete();
            env.remove(name);
            assertEquals("environment variable " + name + " is not set",
                    assertThrows(ConfigException.class, () -> ProcessConfig.from(new Env(env))).getMessage());
        }
    }

    @Test
    void theLambdaConstructorFailsFastNamingTheVariable() {
        // The test JVM has no BOT_REGISTRY: the cold start must fail with the variable's name, not later.
        ConfigException e = assertThrows(ConfigException.class, BotTurnHandler::new);
        assertTrue(e.getMessage().startsWith("environment variable "), e.getMessage());
    }

    @Test
    void malformedValuesAreNamed() {
        Map<String, String> env = complete();
        env.put("LEX_ENDPOINT", "localhost:9000");
        assertEquals("environment variable LEX_ENDPOINT must be an absolute http(s) URL",
                assertThrows(ConfigException.class, () -> ProcessConfig.from(new Env(env))).getMessage());
        env.remove("LEX_ENDPOINT");
        env.put("OUTBOUND_QUEUE_URL", "outbound.fifo");
        assertEquals("environment variable OUTBOUND_QUEUE_URL must be an absolute http(s) URL",
                assertThrows(ConfigException.class, () -> ProcessConfig.from(new Env(env))).getMessage());
        env.put("OUTBOUND_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/outbound");
        assertEquals("environment variable OUTBOUND_QUEUE_URL must name a FIFO queue (.fifo)",
                assertThrows(ConfigException.class, () -> ProcessConfig.from(new Env(env))).getMessage());
    }

    @Test
    void aBotsTimeZoneIsReadAndABadOneFailsAtStartUpNamingTheBot() {
        Map<String, String> env = complete();
        env.put("BOT_REGISTRY", "{\"bots\":{\"B\":{\"botId\":\"x\",\"botAliasId\":\"y\",\"localeId\":\"en_US\","
                + "\"timeZone\":\"Europe/Paris\"}}}");
        assertEquals(java.time.ZoneId.of("Europe/Paris"),
                ProcessConfig.from(new Env(env)).botRegistry().find("B").orElseThrow().timeZone());
        env.put("BOT_REGISTRY", "{\"bots\":{\"B\":{\"botId\":\"x\",\"botAliasId\":\"y\",\"localeId\":\"en_US\","
                + "\"timeZone\":\"Paris\"}}}");
        String message = assertThrows(ConfigException.class, () -> ProcessConfig.from(new Env(env))).getMessage();
        assertTrue(message.contains("BOT_REGISTRY") && message.contains("bot 'B' field 'timeZone' must be an IANA time zone"
                + " name such as America/New_York, was 'Paris'"), message);
    }
}
