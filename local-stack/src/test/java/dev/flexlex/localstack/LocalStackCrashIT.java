package dev.flexlex.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.localstack.faults.CrashPoint;
import dev.flexlex.localstack.testing.FlexHttp;
import dev.flexlex.localstack.testing.OrderFlowersScript;
import dev.flexlex.localstack.testing.WebchatCustomer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Handler JVMs killed with SIGKILL mid-turn, the way Lambda loses an execution environment: at random moments
 * ({@code lambda:crash=P}) and at every targeted point ({@code lambda:crash@POINT=P}), and the three runs
 * (process-bot-turn killed 4 times, outbound-chat-handler 3 times, inbound-bot-handler 3 times, 12 chats each).
 * Every chat must end with exactly one bot answer per customer message, in order, each within
 * {@link #RECOVERY_BOUND}; nothing dead-lettered (a handoff ends with its reply once, one task, the webhook gone). Failed SQS records come back after 2 s instead of the
 * template's visibility timeout (the redelivery is what is tested here, not the timeout's length).
 *
 * <p>The queues allow {@link #MAX_RECEIVES} receives instead of the template's 5. These runs crash a handler every few
 * turns, and a crash fails the whole batch (up to 5 records, as on Lambda), so a record is failed by its batch mates'
 * crashes too, and a cold JVM after a crash may time out once more: at five receives, one CI run dead-lettered a
 * message while every chat had all its answers. That SQS moves a message to the dead-letter
 * queue after {@code maxReceiveCount} failed receives is SQS doing its job, tested in {@code LocalStackFaultsIT}
 * and {@code SqsEventSourceIT}; here it would only hide what this test is about.
 */
class LocalStackCrashIT {
    /** The bound: a turn hit by a crash is answered within 2 minutes. */
    static final Duration RECOVERY_BOUND = Duration.ofMinutes(2);
    static final String HANDOFF = "speak to an agent please";
    static final String HANDOFF_REPLY = "Getting you an agent now.";
    static final int MAX_RECEIVES = 10;
    private static LocalStack stack;
    private static FlexHttp flex;

    @BeforeAll
    static void start() {
        // A lambda:crash@ entry (here with probability 0) starts the proxies the targeted points need.
        stack = LocalStack.start(StackOptions.defaults(Path.of("..")).withPortBase(0)
                .withFaults("lambda:crash@before-lex=0,seed=15").withRedeliveryDelay(Duration.ofSeconds(2))
                .withMaxReceiveCount(MAX_RECEIVES));
        flex = new FlexHttp(stack.info());
        for (String queue : List.of("InboundQueue", "OutboundQueue")) {
            assertTrue(Queues.redrivePolicy(stack, queue).matches(".*\"maxReceiveCount\":\"?" + MAX_RECEIVES + "\"?[,}].*"),
                    queue + " allows " + MAX_RECEIVES + " receives: " + Queues.redrivePolicy(stack, queue));
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void crashesOff() {
        stack.setCrashFaults("");
    }

    @Test
    void fiftyChatsWithCrashesAtEveryPointLoseDoubleAndReorderNothing() throws Exception {
        Map<String, Integer> before = stack.crashes();
        // About 30 crashes in 200 turns and 20 handoffs: every point several times, each costing a new JVM's start.
        // A handoff point is turned off once it has hit: at 0.5 a reply could otherwise crash its five receives in a
        // row and be dead-lettered, which is SQS doing its job, not what this test is about.
        String perTurn = "lambda:crash=0.03,lambda:crash@before-lex=0.025,lambda:crash@after-lex=0.025,"
                + "lambda:crash@after-publish=0.025,lambda:crash@after-enqueue=0.025,lambda:crash@between-parts=0.025";
        stack.setCrashFaults(perTurn + ",lambda:crash@after-webhook-removed=0.5,lambda:crash@after-handoff=0.5");
        AtomicBoolean done = new AtomicBoolean();
        Thread capper = new Thread(() -> {
            boolean removedOff = false;
            boolean handoffOff = false;
            while (!done.get() && !(removedOff && handoffOff)) {
                Map<String, Integer> now = stack.crashes();
                removedOff = removedOff || hits(now, before, CrashPoint.AFTER_WEBHOOK_REMOVED) > 0;
                handoffOff = handoffOff || hits(now, before, CrashPoint.AFTER_HANDOFF) > 0;
                stack.setCrashFaults(perTurn + (removedOff ? "" : ",lambda:crash@after-webhook-removed=0.5")
                        + (handoffOff ? "" : ",lambda:crash@after-handoff=0.5"));
                pause(5);
            }
        });
        capper.start();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < 50; c++) {
            names.add((c % 5 >= 3 ? "Handoff " : "Crash ") + c);
        }
        List<Chat> chats;
        int deadBefore = deadLettered();
        try {
            chats = runChats(names, 10);
        } finally {
            done.set(true);
            capper.join();
            stack.setCrashFaults("");
        }
        Map<String, Integer> after = stack.crashes();
        for (CrashPoint point : CrashPoint.values()) {
            assertTrue(hits(after, before, point) > 0, "no crash at " + point.spelling() + ": " + after);
        }
        assertTrue(after.keySet().stream().anyMatch(k -> k.endsWith(":random")), "no random crash: " + after);
        assertNothingLostDoubledOrReordered(chats, deadBefore);
    }

    private static int hits(Map<String, Integer> now, Map<String, Integer> before, CrashPoint point) {
        String key = point.function() + ":" + point.spelling();
        return now.getOrDefault(key, 0) - before.getOrDefault(key, 0);
    }

    private static int deadLettered() {
        return Queues.depth(stack, "InboundDeadLetterQueue") + Queues.depth(stack, "OutboundDeadLetterQueue");
    }

    @Test
    void processBotTurnKilledFourTimes() throws Exception {
        killedWhileChatting(LocalStack.PROCESS, 4);
    }

    @Test
    void outboundChatHandlerKilledThreeTimes() throws Exception {
        killedWhileChatting(LocalStack.OUTBOUND, 3);
    }

    /** Killed mid-request: the HTTP API answers 5xx, and the local Flex retries the webhook. */
    @Test
    void inboundBotHandlerKilledThreeTimes() throws Exception {
        killedWhileChatting(LocalStack.INBOUND, 3);
    }

    /**
     * The runs: 12 chats ordering flowers (60 messages) while {@code function}'s JVMs are killed
     * {@code kills} times in mid-invocation, at least 300 ms apart.
     */
    private void killedWhileChatting(String function, int kills) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger killed = new java.util.concurrent.atomic.AtomicInteger();
        Thread killer = new Thread(() -> {
            pause(200);
            while (!done.get() && killed.get() < kills) {
                if (stack.function(function).crashOneBusy("test")) {
                    killed.incrementAndGet();
                    pause(300);
                } else {
                    pause(5);
                }
            }
        });
        killer.start();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            names.add(function + " " + c);
        }
        List<Chat> chats;
        int deadBefore = deadLettered();
        try {
            chats = runChats(names, 12);
        } finally {
            done.set(true);
            killer.join();
        }
        assertEquals(kills, killed.get(), function + " killed " + kills + " times while the chats ran");
        assertNothingLostDoubledOrReordered(chats, deadBefore);
    }

    /** One customer's chat and how long each of their messages waited for its answer. */
    private record Chat(String name, WebchatCustomer customer, List<String> said, List<Long> waitedMillis) {
        boolean handoff() {
            return name.startsWith("Handoff");
        }
    }

    /** Runs the chats, {@code concurrency} at a time; each message waits for its answer before the next is sent. */
    private static List<Chat> runChats(List<String> names, int concurrency) throws Exception {
        ExecutorService customers = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Chat>> futures = new ArrayList<>();
            for (String name : names) {
                futures.add(customers.submit(() -> {
                    WebchatCustomer customer = WebchatCustomer.open(flex, stack.info(), name);
                    List<String> lines = name.startsWith("Handoff") ? List.of(HANDOFF) : OrderFlowersScript.CUSTOMER;
                    List<Long> waited = Collections.synchronizedList(new ArrayList<>());
                    for (int i = 0; i < lines.size(); i++) {
                        long start = System.nanoTime();
                        customer.say(lines.get(i));
                        customer.awaitBotLines(i + 1, RECOVERY_BOUND.toMillis() + 30_000);
                        waited.add((System.nanoTime() - start) / 1_000_000);
                    }
                    return new Chat(name, customer, lines, waited);
                }));
            }
            List<Chat> chats = new ArrayList<>();
            for (Future<Chat> future : futures) {
                chats.add(future.get());
            }
            return chats;
        } finally {
            customers.shutdownNow();
        }
    }

    private static void assertNothingLostDoubledOrReordered(List<Chat> chats, int deadBefore) throws Exception {
        // Anything still in flight (a late redelivery) would show up as a doubled line after this.
        Thread.sleep(5_000);
        for (Chat chat : chats) {
            String sid = chat.customer.chatSid();
            assertEquals(chat.said, chat.customer.linesBy(a -> !a.equals("bot")), sid + ": the customer's lines");
            if (chat.handoff()) {
                assertEquals(List.of(HANDOFF_REPLY), chat.customer.botLines(), sid + ": the handoff reply, once");
                assertEquals(1, tasksOf(sid), sid + ": one task for the agent");
                JsonNode webhooks = flex.get("/conversations/v1/Conversations/" + sid + "/Webhooks");
                assertTrue(webhooks.path("webhooks").isEmpty(), sid + ": the bot's webhook is gone: " + webhooks);
            } else {
                OrderFlowersScript.assertBotAnswered(sid, chat.customer.botLines(), chat.said.size());
            }
            for (long waited : chat.waitedMillis) {
                assertTrue(waited <= RECOVERY_BOUND.toMillis(), sid + ": an answer took " + waited + " ms: " + chat.waitedMillis);
            }
        }
        assertEquals(deadBefore, deadLettered(), () -> "nothing dead-lettered: inbound "
                + Queues.describe(stack, "InboundDeadLetterQueue") + ", outbound " + Queues.describe(stack, "OutboundDeadLetterQueue")
                + "; crashes " + stack.crashes());
    }

    private static long tasksOf(String chatSid) {
        JsonNode page = flex.get("/taskrouter/v1/Workspaces/" + stack.info().workspaceSid() + "/Tasks?PageSize=1000");
        long n = 0;
        for (JsonNode task : page.path("tasks")) {
            if (task.path("attributes").asText().contains(chatSid)) {
                n++;
            }
        }
        return n;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
