package dev.flexlex.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.localstack.testing.FlexHttp;
import dev.flexlex.localstack.testing.OrderFlowersScript;
import dev.flexlex.localstack.testing.WebchatCustomer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack under load, over HTTP only: 50 webchats at once, each customer sending the five OrderFlowers messages
 * without waiting for the bot, interleaved with the other chats. Each chat gets exactly one bot answer per message,
 * in order, and nothing is left on the queues or in their dead-letter queues.
 */
class LocalStackConcurrencyIT {
    private static final int CHATS = 50;
    private static LocalStack stack;
    private static FlexHttp flex;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(StackOptions.defaults(Path.of("..")).withPortBase(0));
        flex = new FlexHttp(stack.info());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void fiftyConcurrentChatsKeepTheirOrderAndGetOneAnswerPerMessage() throws Exception {
        ExecutorService customers = Executors.newFixedThreadPool(CHATS);
        List<Future<WebchatCustomer>> chats = new ArrayList<>();
        for (int c = 0; c < CHATS; c++) {
            String name = "Customer " + c;
            chats.add(customers.submit(() -> {
                WebchatCustomer customer = WebchatCustomer.open(flex, stack.info(), name);
                for (String line : OrderFlowersScript.CUSTOMER) {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(0, 40));
                    customer.say(line);
                }
                return customer;
            }));
        }
        List<WebchatCustomer> opened = new ArrayList<>();
        for (Future<WebchatCustomer> chat : chats) {
            opened.add(chat.get());
        }
        customers.shutdown();
        int turns = OrderFlowersScript.CUSTOMER.size();
        for (WebchatCustomer customer : opened) {
            List<String> bot = customer.awaitBotLines(turns, 120_000);
            OrderFlowersScript.assertBotAnswered(customer.chatSid(), bot, turns);
            assertEquals(OrderFlowersScript.CUSTOMER, customer.linesBy(a -> !a.equals("bot")), customer.chatSid());
        }
        Thread.sleep(1_000);
        for (WebchatCustomer customer : opened) {
            assertEquals(turns, customer.botLines().size(), customer.chatSid() + ": no late extra answer");
        }
        assertTrue(Queues.depth(stack, "InboundDeadLetterQueue") == 0 && Queues.depth(stack, "OutboundDeadLetterQueue") == 0,
                "nothing in the dead-letter queues");
    }
}
