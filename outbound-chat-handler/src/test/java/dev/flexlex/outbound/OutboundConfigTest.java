package dev.flexlex.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.config.ConfigException;
import dev.flexlex.config.Env;
import dev.flexlex.model.ChatPlatformKind;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundConfigTest {
    static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("TWILIO_SECRET_ID", "flex-lex-bridge/twilio");
        env.put("TASKROUTER_WORKSPACE_SID", "WS00000000000000000000000000000001");
        env.put("TASKROUTER_WORKFLOW_SID", "WW00000000000000000000000000000001");
        return env;
    }

    @Test
    void defaults() {
        OutboundConfig config = OutboundConfig.from(new Env(valid()));

        assertEquals(ChatPlatformKind.CONVERSATIONS, config.chatPlatform());
        assertEquals("chat", config.routing().taskChannel());
        assertEquals("bot", config.botAuthor());
        assertNull(config.chatServiceSid());
        assertTrue(config.twilio().apiAddress().isTwilio());
    }

    @Test
    void eachMissingOrMalformedVariableIsNamed() {
        for (String name : new String[] {"TWILIO_SECRET_ID", "TASKROUTER_WORKSPACE_SID", "TASKROUTER_WORKFLOW_SID"}) {
            Map<String, String> env = valid();
            env.remove(name);
            ConfigException e = assertThrows(ConfigException.class, () -> OutboundConfig.from(new Env(env)));
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        Map<String, String> badSid = valid();
        badSid.put("TASKROUTER_WORKFLOW_SID", "WS00000000000000000000000000000001");
        assertTrue(assertThrows(ConfigException.class, () -> OutboundConfig.from(new Env(badSid)))
                .getMessage().contains("TASKROUTER_WORKFLOW_SID"));
        Map<String, String> badBase = valid();
        badBase.put("TWILIO_API_BASE_URL", "localhost:8080");
        assertTrue(assertThrows(ConfigException.class, () -> OutboundConfig.from(new Env(badBase)))
                .getMessage().contains("TWILIO_API_BASE_URL"));
    }

    @Test
    void programmableChatNeedsItsService() {
        Map<String, String> env = valid();
        env.put("CHAT_PLATFORM", "chat");
        assertTrue(assertThrows(ConfigException.class, () -> OutboundConfig.from(new Env(env)))
                .getMessage().contains("TWILIO_CHAT_SERVICE_SID"));

        env.put("TWILIO_CHAT_SERVICE_SID", "IS00000000000000000000000000000002");
        assertEquals("IS00000000000000000000000000000002", OutboundConfig.from(new Env(env)).chatServiceSid());
    }

    @Test
    void theHandoffFailedMessageDefaultsAndIsChecked() {
        assertEquals(HandoffPolicy.DEFAULT_FAILURE_NOTICE,
                OutboundConfig.from(new Env(valid())).handoffPolicy().failureNotice());

        Map<String, String> env = valid();
        env.put("HANDOFF_FAILED_MESSAGE", "Our agents are busy; I'm still here.");
        assertEquals("Our agents are busy; I'm still here.", OutboundConfig.from(new Env(env)).handoffPolicy().failureNotice());

        env.put("HANDOFF_FAILED_MESSAGE", "x".repeat(1601));
        assertTrue(assertThrows(ConfigException.class, () -> OutboundConfig.from(new Env(env)))
                .getMessage().contains("HANDOFF_FAILED_MESSAGE"));
    }
}
