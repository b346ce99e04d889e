package dev.flexlex.process;

import dev.flexlex.model.BotTurn;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.process.lex.LexGateway;
import dev.flexlex.queue.QueuePublisher;
import dev.flexlex.registry.BotRegistry;
import dev.flexlex.retry.Retry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

final class Fixtures {
    static final BotRegistry REGISTRY = BotRegistry.parse("{\"defaultBot\":\"OrderFlowers\",\"bots\":{"
            + "\"OrderFlowers\":{\"botId\":\"BOTID00001\",\"botAliasId\":\"TSTALIASID\",\"localeId\":\"en_US\","
            + "\"agentIntents\":[\"TalkToAgent\"],\"closingIntents\":[\"OrderFlowers\"],\"fallbackLimit\":2}}}");

    private Fixtures() {
    }

    static BotTurn turn(String chatSid, String messageSid, String text) {
        return new BotTurn(1, ChatPlatformKind.CONVERSATIONS, chatSid, messageSid, "WH1", "customer-1", "Ada",
                "OrderFlowers", text, Instant.parse("2026-11-25T22:00:00Z"));
    }

    /** Lex retries whose sleeper records the delays instead of sleeping (bounded by attempts only). */
    static Retry recordingRetry(List<Duration> slept) {
        return new Retry(4, Duration.ofMillis(200), 2, Duration.ofSeconds(2), slept::add);
    }

    /** The handler over the service on our own fakes. */
    static BotTurnHandler handler(LexGateway lex, QueuePublisher outbound, Retry retry) {
        return new BotTurnHandler(new BotTurnService(REGISTRY, lex, outbound, new TurnPolicy(), retry));
    }

    static List<Duration> sleeps() {
        return new ArrayList<>();
    }
}
