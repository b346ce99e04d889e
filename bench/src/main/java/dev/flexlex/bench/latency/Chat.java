package dev.flexlex.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One customer in one Conversation: posts a message with {@code X-Twilio-Webhook-Enabled: true} (so the chat's
 * webhook fires, as for a webchat message) and waits for the bot's answer by reading the newest message of the
 * transcript: every {@code pollMillis}, or every tenth of the time waited so far when that is longer, so the
 * reading is late by about 5% of the latency whatever the design, and the polling itself (a load on the local
 * Flex, shared by both designs) stays small.
 */
final class Chat {
    private final FlexRest flex;
    final String sid;
    private final String identity;

    Chat(FlexRest flex, String sid, String identity) {
        this.flex = flex;
        this.sid = sid;
        this.identity = identity;
    }

    /** A Flex webchat on the stack's address configuration, whose webhook is the stack's HTTP API. */
    static Chat webchat(FlexRest flex, dev.flexlex.localstack.StackInfo info, String name) {
        JsonNode chat = flex.post("/flex-api/v2/WebChats", FlexRest.form("AddressSid", info.addressSid(),
                "CustomerFriendlyName", name, "ChatFriendlyName", "Chat with " + name,
                "PreEngagementData", "{\"friendlyName\":\"" + name + "\",\"bot\":\"OrderFlowers\"}"));
        return new Chat(flex, chat.path("conversation_sid").asText(), chat.path("identity").asText());
    }

    /** Sends {@code text} and returns the milliseconds until a bot message newer than it is in the chat. */
    double turn(String text, long pollMillis, long timeoutMillis) throws InterruptedException {
        long start = System.nanoTime();
        JsonNode sent = flex.post("/conversations/v1/Conversations/" + sid + "/Messages",
                FlexRest.form("Author", identity, "Body", text), "X-Twilio-Webhook-Enabled", "true");
        int index = sent.path("index").asInt();
        long deadline = start + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            JsonNode newest = flex.get("/conversations/v1/Conversations/" + sid + "/Messages?Order=desc&PageSize=1")
                    .path("messages").path(0);
            if (newest.path("index").asInt(-1) > index && "bot".equals(newest.path("author").asText())) {
                return (System.nanoTime() - start) / 1e6;
            }
            Thread.sleep(Math.max(pollMillis, (System.nanoTime() - start) / 10_000_000));
        }
        throw new NoAnswerException("no bot answer in chat " + sid + " within " + timeoutMillis + " ms");
    }

    /** The bot did not answer in time. */
    static final class NoAnswerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoAnswerException(String message) {
            super(message);
        }
    }
}
