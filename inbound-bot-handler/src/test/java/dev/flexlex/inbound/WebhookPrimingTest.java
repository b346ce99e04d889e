package dev.flexlex.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.config.Env;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.priming.Tripwire;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook's priming: it runs, calls nothing, and the first real webhook answers as it would without it. */
class WebhookPrimingTest {
    /** The function's environment with every endpoint (AWS and Twilio) pointed at the tripwire. */
    static Env env(Tripwire tripwire, ChatPlatformKind platform) {
        Map<String, String> env = new HashMap<>();
        env.put(Env.AWS_REGION, "us-east-1");
        env.put(Env.CHAT_PLATFORM, platform.wireName());
        env.put(Env.BOT_REGISTRY, WebhookServiceTest.REGISTRY);
        env.put("TWILIO_SECRET_ID", "flex-lex-bridge/twilio");
        env.put("TWILIO_API_BASE_URL", tripwire.url());
        env.put(InboundConfig.WEBHOOK_PUBLIC_URL, WebhookServiceTest.URL);
        env.put(InboundConfig.INBOUND_QUEUE_URL, tripwire.url() + "/000000000000/InboundQueue.fifo");
        env.put(Env.SQS_ENDPOINT, tripwire.url());
        env.put(Env.SECRETS_MANAGER_ENDPOINT, tripwire.url());
        return new Env(env);
    }

    @Test
    void primingRunsTheWholePathOfBothPlatformsWithoutOpeningAConnection() throws Exception {
        try (Tripwire tripwire = new Tripwire()) {
            for (ChatPlatformKind platform : ChatPlatformKind.values()) {
                Env env = env(tripwire, platform);
                // run() throws unless the priming webhook was answered 200 (verified, read, enqueued)
                WebhookPriming.run(InboundConfig.from(env), 1);
            }
            assertEquals(0, tripwire.connections());
        }
    }

    @Test
    void theFirstRealWebhookAfterPrimingAnswersAsWithout() throws Exception {
        TwilioWebhookHandlerTest unprimed = new TwilioWebhookHandlerTest();
        JsonNode without = TwilioWebhookHandlerTest.invoke(unprimed.handler(ChatPlatformKind.CONVERSATIONS),
                TwilioWebhookHandlerTest.load("webhook-conversations.json"));

        try (Tripwire tripwire = new Tripwire()) {
            Env env = env(tripwire, ChatPlatformKind.CONVERSATIONS);
            WebhookPriming.run(InboundConfig.from(env), 1);
        }
        TwilioWebhookHandlerTest primed = new TwilioWebhookHandlerTest();
        JsonNode with = TwilioWebhookHandlerTest.invoke(primed.handler(ChatPlatformKind.CONVERSATIONS),
                TwilioWebhookHandlerTest.load("webhook-conversations.json"));

        assertEquals(without.path("statusCode"), with.path("statusCode"));
        assertEquals(without.path("body"), with.path("body"));
        BotTurn before = (BotTurn) unprimed.queue.sent.get(0).record();
        BotTurn after = (BotTurn) primed.queue.sent.get(0).record();
        assertEquals(before.messageSid(), after.messageSid());
        assertEquals(before.botName(), after.botName());
        assertEquals(before.text(), after.text());
        assertEquals(before.customerIdentity(), after.customerIdentity());
        assertEquals(1, primed.queue.sent.size());
    }
}
