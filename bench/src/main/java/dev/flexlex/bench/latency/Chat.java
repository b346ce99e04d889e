package dev.flexlex.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One customer in one Conversation: posts a message with {@code X-Twilio-Webhook-Enabled: true} (so the chat's
 * webhook fires, as for a webchat message) and waits for the bot's answer by reading the newest message of the
 * transcript every {@code pollMillis}.
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
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException("no bot answer in chat " + sid + " within " + timeoutMillis + " ms");
    }
}
