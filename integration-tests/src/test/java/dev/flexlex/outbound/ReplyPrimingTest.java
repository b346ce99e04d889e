package dev.flexlex.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flexlex.config.Env;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.priming.Tripwire;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reply poster's priming: it runs, calls nothing, and the first real batch is delivered as without it (against
 * the local Flex, with {@link BotReplyHandlerTest}).
 */
class ReplyPrimingTest {
    static Env env(Tripwire tripwire, ChatPlatformKind platform) {
        Map<String, String> env = new HashMap<>();
        env.put(Env.AWS_REGION, "us-east-1");
        env.put(Env.CHAT_PLATFORM, platform.wireName());
        env.put("TWILIO_SECRET_ID", "flex-lex-bridge/twilio");
        env.put("TWILIO_API_BASE_URL", tripwire.url());
        env.put(Env.SECRETS_MANAGER_ENDPOINT, tripwire.url());
        env.put(OutboundConfig.TASKROUTER_WORKSPACE_SID, "WS00000000000000000000000000000001");
        env.put(OutboundConfig.TASKROUTER_WORKFLOW_SID, "WW00000000000000000000000000000001");
        env.put(OutboundConfig.TWILIO_CHAT_SERVICE_SID, "IS00000000000000000000000000000002");
        return new Env(env);
    }

    @Test
    void primingPostsAReplyOnEachPlatformWithoutOpeningAConnection() throws Exception {
        try (Tripwire tripwire = new Tripwire()) {
            for (ChatPlatformKind platform : ChatPlatformKind.values()) {
                Env env = env(tripwire, platform);
                // run() throws unless the priming record was delivered (secret read, message posted)
                ReplyPriming.run(OutboundConfig.from(env), 1);
            }
            assertEquals(0, tripwire.connections());
        }
    }

    @Test
    void theFirstRealBatchAfterPrimingIsDeliveredAsWithout() throws Exception {
        try (Tripwire tripwire = new Tripwire()) {
            Env env = env(tripwire, ChatPlatformKind.CONVERSATIONS);
            ReplyPriming.run(OutboundConfig.from(env), 1);
        }
        BotReplyHandlerTest real = new BotReplyHandlerTest();
        real.start();
        try {
            // the same assertions as without priming
            real.theEventsBatchPostsTheQuestionAndHandsTheSecondChatToAnAgent();
        } finally {
            real.stop();
        }
    }
}
