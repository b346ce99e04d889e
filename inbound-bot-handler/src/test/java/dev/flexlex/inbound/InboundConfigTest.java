package dev.flexlex.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.config.ConfigException;
import dev.flexlex.config.Env;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundConfigTest {
    static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("BOT_REGISTRY", WebhookServiceTest.REGISTRY);
        env.put("TWILIO_SECRET_ID", "flex-lex-bridge/twilio");
        env.put("WEBHOOK_PUBLIC_URL", WebhookServiceTest.URL);
        env.put("INBOUND_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/in.fifo");
        return env;
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = valid();
        env.put("TWILIO_API_BASE_URL", "http://127.0.0.1:9090");
        InboundConfig config = InboundConfig.from(new Env(env));

        assertEquals(WebhookServiceTest.URL, config.webhookPublicUrl());
        assertEquals("bot", config.botAuthor());
        assertEquals("http://127.0.0.1:9090", config.twilio().apiAddress().toString());
    }

    @Test
    void eachMissingOrMalformedVariableIsNamed() {
        for (String name : new String[] {"BOT_REGISTRY", "TWILIO_SECRET_ID", "WEBHOOK_PUBLIC_URL", "INBOUND_QUEUE_URL"}) {
            Map<String, String> env = valid();
            env.remove(name);
            assertTrue(assertThrows(ConfigException.class, () -> InboundConfig.from(new Env(env)))
                    .getMessage().contains(name), name);
        }
        Map<String, String> env = valid();
        env.put("CHAT_PLATFORM", "whatsapp");
        assertTrue(assertThrows(ConfigException.class, () -> InboundConfig.from(new Env(env)))
                .getMessage().contains("CHAT_PLATFORM"));
        Map<String, String> url = valid();
        url.put("WEBHOOK_PUBLIC_URL", "/twilio/webhook");
        assertTrue(assertThrows(ConfigException.class, () -> InboundConfig.from(new Env(url)))
                .getMessage().contains("WEBHOOK_PUBLIC_URL"));
    }
}
