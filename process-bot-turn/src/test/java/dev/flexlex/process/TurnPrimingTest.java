package dev.flexlex.process;

import static dev.flexlex.process.Fixtures.turn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flexlex.config.Env;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.Json;
import dev.flexlex.priming.Tripwire;
import dev.flexlex.queue.SqsEventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The turn processor's priming: it runs, calls nothing, and the first real turn is processed as without it. */
class TurnPrimingTest {
    static ProcessConfig config(Tripwire tripwire) {
        return ProcessConfig.from(new Env(Map.of(
                Env.AWS_REGION, "us-east-1",
                Env.BOT_REGISTRY, Json.write(Map.of("defaultBot", "OrderFlowers", "bots", Map.of("OrderFlowers", Map.of(
                        "botId", "BOTID12345", "botAliasId", "TSTALIASID", "localeId", "en_US")))),
                ProcessConfig.OUTBOUND_QUEUE_URL, tripwire.url() + "/000000000000/OutboundQueue.fifo",
                Env.LEX_ENDPOINT, tripwire.url(),
                Env.SQS_ENDPOINT, tripwire.url())));
    }

    @Test
    void primingRunsGetSessionRecognizeTextAndSendMessageWithoutOpeningAConnection() throws Exception {
        try (Tripwire tripwire = new Tripwire()) {
            // run() throws unless the priming record was processed (Lex read and written, reply published)
            TurnPriming.run(config(tripwire), 1);
            assertEquals(0, tripwire.connections());
        }
    }

    @Test
    void theFirstRealTurnAfterPrimingIsProcessedAsWithout() throws Exception {
        List<BotReply> without = firstTurn();
        try (Tripwire tripwire = new Tripwire()) {
            TurnPriming.run(config(tripwire), 1);
        }
        assertEquals(without, firstTurn());
    }

    private static List<BotReply> firstTurn() {
        RecordingPublisher outbound = new RecordingPublisher();
        BotTurnHandler handler = Fixtures.handler(new FakeLexGateway(), outbound,
                Fixtures.recordingRetry(Fixtures.sleeps()));
        assertEquals(List.of(), SqsEventJson.failures((in, out) -> handler.handleRequest(in, out, null),
                SqsEventJson.event(SqsEventJson.record("m1", Json.write(turn("CH1", "IM1", "I want flowers")), 1))));
        List<BotReply> replies = new ArrayList<>();
        outbound.published.forEach(p -> replies.add(p.reply()));
        return replies;
    }
}
