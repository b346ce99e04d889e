package dev.flexlex.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.localflex.FaultSpec;
import dev.flexlex.localstack.testing.FlexHttp;
import dev.flexlex.localstack.testing.OrderFlowersScript;
import dev.flexlex.localstack.testing.WebchatCustomer;
import dev.flexlex.outbound.HandoffPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack with faults on, over HTTP only. The bot alias is capped at 2 concurrent turns ({@code lex:cap=2}, so
 * Lex throttles), failed SQS records come back after 1 s instead of the queues' 66 s visibility timeout.
 */
class LocalStackFaultsIT {
    private static LocalStack stack;
    private static FlexHttp flex;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(StackOptions.defaults(Path.of("..")).withPortBase(0).withFaults("lex:cap=2")
                .withRedeliveryDelay(Duration.ofSeconds(1)));
        flex = new FlexHttp(stack.info());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void faultsOff() {
        stack.flex().setFaults(FaultSpec.none());
    }

    /**
     * Faults from each chat's very first message on: the webhook function's read of the chat is retried inside the
     * function, so a transient Twilio error there no longer drops the customer's first message.
     */
    @Test
    void twilioErrorsBeforeAndAfterTheActionAndLexThrottlingLoseAndDoubleNothing() throws Exception {
        ExecutorService customers = Executors.newFixedThreadPool(10);
        stack.flex().setFaults(FaultSpec.parse(
                "conversations:500=0.02,conversations:500after=0.02,conversations:429=0.02,seed=11"));
        List<Future<WebchatCustomer>> chats = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            String name = "Faulty " + c;
            chats.add(customers.submit(() -> {
                WebchatCustomer customer = WebchatCustomer.open(flex, stack.info(), name);
                for (String line : OrderFlowersScript.CUSTOMER) {
                    customer.say(line);
                }
                return customer;
            }));
        }
        int turns = OrderFlowersScript.CUSTOMER.size();
        List<WebchatCustomer> opened = new ArrayList<>();
        for (Future<WebchatCustomer> chat : chats) {
            opened.add(chat.get());
        }
        customers.shutdown();
        for (WebchatCustomer customer : opened) {
            OrderFlowersScript.assertBotAnswered(customer.chatSid(), customer.awaitBotLines(turns, 120_000), turns);
        }
        stack.flex().setFaults(FaultSpec.none());
        Thread.sleep(2_000);
        for (WebchatCustomer customer : opened) {
            OrderFlowersScript.assertBotAnswered(customer.chatSid(), customer.botLines(), turns);
            assertEquals(OrderFlowersScript.CUSTOMER, customer.linesBy(a -> !a.equals("bot")), customer.chatSid());
        }
        assertEquals(0, Queues.depth(stack, "InboundDeadLetterQueue"), "no turn dead-lettered");
        assertEquals(0, Queues.depth(stack, "OutboundDeadLetterQueue"), "no reply dead-lettered");
    }

    @Test
    void aReplyThatKeepsFailingReachesTheDeadLetterQueueOnlyAfterMaxReceiveCount() throws Exception {
        WebchatCustomer customer = WebchatCustomer.open(flex, stack.info(), "Stuck");
        Map<String, Integer> before = stack.receiveCounts(LocalStack.OUTBOUND);
        customer.say("I would like to order some flowers");
        // From now on every POST to Conversations is refused (400): the customer's message is in, the webhook's reads
        // still work, but the bot's reply can never be posted.
        stack.flex().setFaults(FaultSpec.parse("conversations:400=1"));

        long deadline = System.currentTimeMillis() + 120_000;
        // ElasticMQ moves the message to the DLQ and off the queue in two steps; wait for both, then check both.
        while ((Queues.depth(stack, "OutboundDeadLetterQueue") == 0 || Queues.depth(stack, "OutboundQueue") > 0)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertEquals(1, Queues.depth(stack, "OutboundDeadLetterQueue"), "the reply is dead-lettered");
        assertEquals(0, Queues.depth(stack, "OutboundQueue"), "and no longer on the outbound queue");
        List<Integer> counts = stack.receiveCounts(LocalStack.OUTBOUND).entrySet().stream()
                .filter(e -> !before.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        assertEquals(List.of(5), counts, "received exactly maxReceiveCount (5) times before the DLQ");
        assertEquals(List.of(), customer.botLines(), "nothing was posted");
        assertEquals(0, Queues.depth(stack, "InboundDeadLetterQueue"));
        assertTrue(stack.instanceCount(LocalStack.OUTBOUND) >= 1);
    }

    /** A handoff that keeps failing is not dead-lettered: the chat goes back to the bot and the customer is told. */
    @Test
    void aHandoffThatKeepsFailingGivesTheChatBackToTheBot() throws Exception {
        WebchatCustomer customer = WebchatCustomer.open(flex, stack.info(), "Unlucky");
        int deadLettersBefore = Queues.depth(stack, "OutboundDeadLetterQueue");
        // The handoff (TaskRouter / Flex interactions) fails every time; posting the reply itself still works.
        stack.flex().setFaults(FaultSpec.parse("taskrouter:500=1,flex-api:500=1"));
        customer.say("speak to an agent please");

        assertEquals(List.of("Getting you an agent now.", HandoffPolicy.DEFAULT_FAILURE_NOTICE),
                customer.awaitBotLines(2, 60_000), "the reply, then the notice that no agent could be reached");
        stack.flex().setFaults(FaultSpec.none());
        customer.say("I would like to order some flowers");
        assertEquals(3, customer.awaitBotLines(3, 60_000).size(), "the bot answers the chat again (its webhook is back)");
        assertEquals(deadLettersBefore, Queues.depth(stack, "OutboundDeadLetterQueue"), "nothing dead-lettered");
        assertEquals(0, Queues.depth(stack, "InboundDeadLetterQueue"));
    }
}
