package dev.flexlex.it.lex;

import static dev.flexlex.it.lex.LexSqsFixture.turn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.it.lex.LexSqsFixture.Received;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.NextStep;
import dev.flexlex.process.BotTurnHandler;
import dev.flexlex.process.BotTurnService;
import dev.flexlex.process.TurnPolicy;
import dev.flexlex.process.lex.SdkLexGateway;
import dev.flexlex.queue.SqsQueuePublisher;
import dev.flexlex.retry.Retry;
import dev.flexlex.retry.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.lexruntimev2.model.ResourceNotFoundException;

/**
 * Lex throttling for real: the local Lex caps the test alias at 2 concurrent RecognizeText requests and answers
 * ThrottlingException (429) beyond that. Two turns held inside the local Lex fill the cap deterministically.
 */
@ExtendWith(LexSqsServers.class)
class BotTurnThrottlingIT {
    private static final Logger LOG = LoggerFactory.getLogger(BotTurnThrottlingIT.class);
    private static LexSqsFixture fixture;
    private final ExecutorService threads = Executors.newFixedThreadPool(5);
    private String inbound;
    private String outbound;

    @BeforeAll
    static void servers(LexSqsFixture servers) {
        fixture = servers;
    }

    @BeforeEach
    void queues() {
        inbound = fixture.fifoQueue("inbound");
        outbound = fixture.fifoQueue("outbound");
    }

    @AfterEach
    void release() throws InterruptedException {
        fixture.bot.releaseAll();
        threads.shutdown();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
    }

    private BotTurnHandler handler(int attempts, Sleeper sleeper) {
        return new BotTurnHandler(new BotTurnService(fixture.registry, new SdkLexGateway(fixture.lex),
                new SqsQueuePublisher(fixture.sqs, outbound), new TurnPolicy(),
                new Retry(attempts, Duration.ofMillis(20), 2, Duration.ofMillis(200), sleeper)));
    }

    /** Starts two turns that stay inside the local Lex until released: the alias's cap of 2 is then full. */
    private List<Future<?>> fillTheAlias() throws InterruptedException {
        return holdSlots(2);
    }

    private List<Future<?>> holdSlots(int slots) throws InterruptedException {
        CountDownLatch arrived = fixture.bot.hold(slots);
        List<Future<?>> holders = new ArrayList<>();
        for (String chat : List.of("CHholder1", "CHholder2").subList(0, slots)) {
            holders.add(threads.submit(() -> fixture.heldLex.recognizeText(r -> r.botId(fixture.bot.botId())
                    .botAliasId(LexSqsFixture.ALIAS).localeId("en_US").sessionId(chat + System.nanoTime())
                    .text(HoldingBot.HOLD))));
        }
        assertTrue(arrived.await(10, TimeUnit.SECONDS), "both held turns reached the bot");
        return holders;
    }

    @Test
    void aThrottledTurnIsRetriedWithBackoffAndAnsweredOnce() throws Exception {
        List<Future<?>> holders = fillTheAlias();
        List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
        BotTurnHandler handler = handler(4, delay -> {
            slept.add(delay);
            fixture.bot.releaseAll();
            for (Future<?> holder : holders) {
                try {
                    holder.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("a held turn did not finish", e);
                }
            }
        });
        fixture.send(inbound, turn("CHthrottled", "IM1", "Can I speak to an agent?"));

        LexSqsFixture.Poll poll = fixture.poll(inbound, handler, 10);

        assertEquals(List.of(), poll.failed());
        assertEquals(List.of(Duration.ofMillis(20)), slept, "throttled once, then answered");
        List<Received> replies = fixture.drain(outbound);
        assertEquals(1, replies.size());
        assertEquals(NextStep.AGENT, replies.get(0).reply().nextStep());
        assertEquals("IM1", fixture.session("CHthrottled").sessionState().sessionAttributes().get("bridge.lastTurn"));
    }

    @Test
    void throttledBeyondTheRetriesTheTurnGoesBackToSqsAndSucceedsLater() throws Exception {
        fillTheAlias();
        List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
        fixture.send(inbound, turn("CHpatient", "IM1", "I would like to order some flowers"));
        fixture.send(inbound, turn("CHpatient", "IM2", "tulips"));

        LexSqsFixture.Poll failed = fixture.poll(inbound, handler(3, slept::add), 10);

        assertEquals(2, failed.received());
        assertEquals(2, failed.failed().size(), "the failed turn and the later one of the batch come back");
        assertEquals(List.of(Duration.ofMillis(20), Duration.ofMillis(40)), slept);
        assertEquals(List.of(), fixture.drain(outbound));
        assertThrows(ResourceNotFoundException.class, () -> fixture.session("CHpatient"), "Lex never took the turn");

        fixture.bot.releaseAll();
        LexSqsFixture.Poll later = fixture.poll(inbound, handler(3, slept::add), 10);

        assertEquals(List.of("2", "2"), later.receiveCounts());
        assertEquals(List.of(), later.failed());
        List<Received> replies = fixture.drain(outbound);
        assertEquals(List.of("IM1", "IM2"), replies.stream().map(Received::dedupId).toList());
        assertEquals("tulips", replies.get(1).reply().slots().get("FlowerType"));
    }

    @Test
    void manyChatsInterleavedKeepEachChatsOrder() throws Exception {
        // One of the alias's two slots stays taken: three pollers share the other, so turns get throttled, retried
        // and (when retries run out) sent back through SQS; each chat's order must hold through all of that.
        holdSlots(1);
        String[] flowers = {"roses", "tulips", "lilies"};
        int chats = 8;
        List<String> script = List.of("I would like to order some flowers", "%s", "tomorrow", "10 am", "yes");
        for (int step = 0; step < script.size(); step++) {
            for (int chat = 0; chat < chats; chat++) {
                String text = String.format(script.get(step), flowers[chat % flowers.length]);
                fixture.send(inbound, turn("CHmany" + chat, "IM" + chat + "-" + (step + 1), text));
            }
        }
        AtomicInteger retries = new AtomicInteger();
        BotTurnHandler handler = handler(6, delay -> {
            retries.incrementAndGet();
            Thread.sleep(delay.toMillis());
        });
        int expected = chats * script.size();
        AtomicInteger batchFailures = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(90);
        // Three pollers play three concurrent Lambda instances; one reader takes the replies off the outbound queue
        // (several readers would interleave their lists and blur the order SQS gave them in).
        List<Future<?>> pollers = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            pollers.add(threads.submit(() -> {
                while (!done.get() && System.nanoTime() < deadline) {
                    LexSqsFixture.Poll poll = fixture.poll(inbound, handler, 5);
                    batchFailures.addAndGet(poll.failed().size());
                    if (poll.received() == 0) {
                        Thread.sleep(10);
                    }
                }
                return null;
            }));
        }
        List<Received> replies = new ArrayList<>();
        while (replies.size() < expected && System.nanoTime() < deadline) {
            List<Received> more = fixture.drain(outbound);
            replies.addAll(more);
            if (more.isEmpty()) {
                Thread.sleep(10);
            }
        }
        done.set(true);
        for (Future<?> poller : pollers) {
            poller.get(30, TimeUnit.SECONDS);
        }
        replies.addAll(fixture.drain(outbound));
        LOG.info("interleaved: {} chats x {} turns in {} ms with 3 pollers; {} throttled retries, {} batch item failures",
                chats, script.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), retries.get(),
                batchFailures.get());

        assertEquals(expected, replies.size());
        for (int chat = 0; chat < chats; chat++) {
            String chatSid = "CHmany" + chat;
            List<Received> ofChat = replies.stream().filter(r -> r.groupId().equals(chatSid)).toList();
            List<String> expectedOrder = new ArrayList<>();
            for (int step = 1; step <= script.size(); step++) {
                expectedOrder.add("IM" + chat + "-" + step);
            }
            assertEquals(expectedOrder, ofChat.stream().map(Received::dedupId).toList(), chatSid);
            BotReply last = ofChat.get(ofChat.size() - 1).reply();
            assertEquals(NextStep.CLOSE_CHAT, last.nextStep(), chatSid);
            assertEquals(flowers[chat % flowers.length], last.slots().get("FlowerType"), chatSid);
            assertEquals("IM" + chat + "-5",
                    fixture.session(chatSid).sessionState().sessionAttributes().get("bridge.lastTurn"));
        }
    }
}
