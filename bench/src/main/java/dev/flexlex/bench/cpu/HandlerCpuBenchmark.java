package dev.flexlex.bench.cpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.bench.Events;
import dev.flexlex.inbound.ChatFacts;
import dev.flexlex.inbound.TwilioSignatureVerifier;
import dev.flexlex.inbound.TwilioWebhookHandler;
import dev.flexlex.inbound.WebhookService;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.outbound.BotReplyHandler;
import dev.flexlex.outbound.BotReplyService;
import dev.flexlex.outbound.ReplyDelivery;
import dev.flexlex.process.BotTurnHandler;
import dev.flexlex.process.BotTurnService;
import dev.flexlex.process.TurnPolicy;
import dev.flexlex.registry.BotRegistry;
import dev.flexlex.retry.Retry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CPU per message of each handler, from the Lambda event's JSON bytes to the response's JSON bytes (the handlers are
 * stream handlers: reading the event and writing the response is their work, not the runtime's), with in-memory fakes
 * for all I/O (so SQS, Lex and Twilio time is not included; serializing what would be sent is):
 * <ul>
 *   <li>{@code inboundWebhook}: base64 decode, form parse, X-Twilio-Signature (HMAC-SHA1), field checks, bot
 *       resolution, {@code BotTurn} JSON — on {@code events/webhook-conversations.json};</li>
 *   <li>{@code processTurn}: {@code BotTurn} JSON read, GetSession (none), attribute merge, a recorded Lex answer,
 *       the turn policy, {@code BotReply} JSON — on the first record of {@code events/sqs-bot-turns.json};</li>
 *   <li>{@code outboundHandoff}: {@code BotReply} JSON read, redelivery check, reply rendering and tagging, webhook
 *       removal, handoff lookup and task attributes — on the handoff record of {@code events/sqs-bot-replies.json}.</li>
 * </ul>
 * Logging goes through the handlers' own SLF4J provider; run with {@code LOG_LEVEL=WARN} so stdout is not measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandlerCpuBenchmark {
    static final String REGISTRY = "{\"defaultBot\":\"OrderFlowers\",\"bots\":{\"OrderFlowers\":{\"botId\":\"BOTID12345\","
            + "\"botAliasId\":\"TSTALIASID\",\"localeId\":\"en_US\",\"agentIntents\":[\"TalkToAgent\"],"
            + "\"closingIntents\":[\"OrderFlowers\"],\"fallbackLimit\":2}}}";

    private static final ChatFacts KNOWN_CHAT = new ChatFacts(null, "Ada", "customer-42");

    private TwilioWebhookHandler inbound;
    private byte[] webhook;
    private BotTurnHandler process;
    private byte[] turn;
    private BotReplyHandler outbound;
    private byte[] handoff;

    @Setup
    public void setUp() {
        inbound = new TwilioWebhookHandler(new WebhookService(ChatPlatformKind.CONVERSATIONS,
                new TwilioSignatureVerifier(Fakes.WEBHOOK_URL, Fakes.credentials()), BotRegistry.parse(REGISTRY),
                // From memory, as the cached REST fetch answers every message of a chat after its first.
                (platform, serviceSid, chatSid) -> KNOWN_CHAT, new Fakes.SerializingQueue(), "bot",
                Clock.systemUTC()));
        webhook = Events.text("webhook-conversations.json").getBytes(StandardCharsets.UTF_8);
        process = new BotTurnHandler(new BotTurnService(BotRegistry.parse(REGISTRY),
                new Fakes.RecordedLex("IM00000000000000000000000000000001"), new Fakes.SerializingQueue(), new TurnPolicy(),
                new Retry(1, Duration.ZERO, 2, Duration.ZERO, d -> { })));
        turn = sqsRecord("sqs-bot-turns.json", 0);
        outbound = new BotReplyHandler(new BotReplyService(Map.of(ChatPlatformKind.CHAT,
                new ReplyDelivery(new Fakes.AcceptingChat(ChatPlatformKind.CHAT)))));
        handoff = sqsRecord("sqs-bot-replies.json", 1);
        // Fail here, not with a silently cheaper path, if a sample stops being what the benchmark claims.
        check(tree(inboundWebhook()).path("statusCode").asInt() == 200, "webhook not accepted");
        check(tree(processTurn()).path("batchItemFailures").isEmpty(), "turn failed");
        check(tree(outboundHandoff()).path("batchItemFailures").isEmpty(), "handoff failed");
    }

    /** One record of an {@code events/} SQS event, as the JSON of a one-record event. */
    static byte[] sqsRecord(String file, int index) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.putArray("Records").add(Events.tree(file).path("Records").get(index));
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode tree(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The handler's Lambda entry point on the event's bytes; the response's bytes. */
    private static byte[] invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark sample broken: " + what);
        }
    }

    @Benchmark
    public byte[] inboundWebhook() {
        return invoke(inbound, webhook);
    }

    @Benchmark
    public byte[] processTurn() {
        return invoke(process, turn);
    }

    @Benchmark
    public byte[] outboundHandoff() {
        return invoke(outbound, handoff);
    }
}
