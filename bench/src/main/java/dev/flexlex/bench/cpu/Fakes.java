package dev.flexlex.bench.cpu;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.chat.ChatMessage;
import dev.flexlex.chat.ChatPlatform;
import dev.flexlex.chat.Handoff;
import dev.flexlex.chat.HandoffAttributes;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.process.lex.LexGateway;
import dev.flexlex.process.lex.LexMessage;
import dev.flexlex.process.lex.LexState;
import dev.flexlex.queue.QueuePublisher;
import dev.flexlex.registry.BotConfig;
import dev.flexlex.twilio.TwilioCredentials;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory stand-ins for the ports, so the CPU benchmarks measure our code and no I/O. */
final class Fakes {
    /** The documented test signing key of {@code events/} (not a credential). */
    static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    static final String AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
    static final String WEBHOOK_URL = "https://abc123defg.execute-api.us-east-1.amazonaws.com/twilio/webhook";

    private Fakes() {
    }

    static TwilioCredentials credentials() {
        return new TwilioCredentials() {
            @Override
            public String accountSid() {
                return ACCOUNT_SID;
            }

            @Override
            public String authToken() {
                return AUTH_TOKEN;
            }
        };
    }

    /** Serializes the record as the SQS publisher does (the JSON is the cost), then drops it. */
    static final class SerializingQueue implements QueuePublisher {
        int lastLength;

        @Override
        public void publish(String groupId, String dedupId, Object record) {
            lastLength = Json.write(record).length();
        }
    }

    /**
     * Lex answering with a recorded turn: what the local Lex's OrderFlowers bot answers to "I would like to order
     * flowers" at the start of a session (ElicitSlot FlowerType), and no stored session before it.
     */
    static final class RecordedLex implements LexGateway {
        private final LexState answer;

        RecordedLex(String messageSid) {
            this.answer = new LexState(List.of(LexMessage.plainText("What type of flowers would you like to order?")),
                    "OrderFlowers", "InProgress", Map.of(),
                    Map.of("bridge.lastTurn", messageSid, "bridge.fallbackCount", "0"), "ElicitSlot");
        }

        @Override
        public Optional<LexState> getSession(BotConfig bot, String sessionId) {
            return Optional.empty();
        }

        @Override
        public LexState recognizeText(BotConfig bot, String sessionId, String text, Map<String, String> attributes) {
            return answer;
        }
    }

    /**
     * A chat that accepts every post and handoff and remembers nothing (a fresh chat on every call). The handoff
     * builds the task attributes as the real adapters do; only the HTTP call is left out.
     */
    static final class AcceptingChat implements ChatPlatform {
        private final ChatPlatformKind kind;
        int calls;

        AcceptingChat(ChatPlatformKind kind) {
            this.kind = kind;
        }

        @Override
        public ChatPlatformKind kind() {
            return kind;
        }

        @Override
        public ObjectNode fetchAttributes(String chatSid) {
            calls++;
            return Json.mapper().createObjectNode();
        }

        @Override
        public String postMessage(String chatSid, String body, String attributesJson) {
            calls += attributesJson.length();
            return "IM00000000000000000000000000000099";
        }

        @Override
        public List<ChatMessage> recentMessages(String chatSid, int limit) {
            calls++;
            return List.of();
        }

        @Override
        public boolean removeBotWebhook(String chatSid, String webhookSid) {
            calls++;
            return true;
        }

        @Override
        public Optional<String> findHandoff(String chatSid) {
            calls++;
            return Optional.empty();
        }

        @Override
        public String handOff(String chatSid, Handoff handoff) {
            calls += HandoffAttributes.build(kind, chatSid, handoff).toString().length();
            return "KD00000000000000000000000000000001";
        }

        @Override
        public boolean restoreBot(String chatSid) {
            calls++;
            return true;
        }

        @Override
        public void close(String chatSid, String webhookSid) {
            calls++;
        }
    }
}
