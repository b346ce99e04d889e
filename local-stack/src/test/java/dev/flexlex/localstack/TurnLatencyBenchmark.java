package dev.flexlex.localstack;

import dev.flexlex.localstack.testing.FlexHttp;
import dev.flexlex.localstack.testing.OrderFlowersScript;
import dev.flexlex.localstack.testing.WebchatCustomer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Not a test: prints the stack's start time and the time from a customer message (the REST post to the local Flex)
 * to the bot's reply being readable in the chat, over 200 messages (40 chats, the five OrderFlowers turns each, one
 * message in flight at a time, the reply watched by polling the transcript every 5 ms).
 * Run from {@code local-stack/} after {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt}:
 * {@code java -cp "$(cat cp.txt):target/classes:target/test-classes" dev.flexlex.localstack.TurnLatencyBenchmark [messages]}.
 */
public final class TurnLatencyBenchmark {
    private TurnLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long t0 = System.nanoTime();
        try (LocalStack stack = LocalStack.start(StackOptions.defaults(Path.of("..")).withPortBase(0))) {
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            FlexHttp flex = new FlexHttp(stack.info());
            int turns = OrderFlowersScript.CUSTOMER.size();
            // Warm-up chat, not measured: the handler JVMs' first invocations load and JIT their classes.
            runChat(WebchatCustomer.open(flex, stack.info(), "warm-up"), turns, new ArrayList<>());
            List<Double> millis = new ArrayList<>();
            for (int chat = 0; millis.size() < messages; chat++) {
                runChat(WebchatCustomer.open(flex, stack.info(), "bench " + chat), Math.min(turns, messages - millis.size()),
                        millis);
            }
            Collections.sort(millis);
            System.out.printf("local stack start: %.1f s%n", startSeconds);
            System.out.printf("customer message -> bot reply over %d messages: median %.0f ms, p90 %.0f ms, p99 %.0f ms,"
                    + " max %.0f ms%n", millis.size(), pct(millis, 50), pct(millis, 90), pct(millis, 99),
                    millis.get(millis.size() - 1));
        }
    }

    private static void runChat(WebchatCustomer customer, int turns, List<Double> millis) throws InterruptedException {
        for (int i = 0; i < turns; i++) {
            long sent = System.nanoTime();
            customer.say(OrderFlowersScript.CUSTOMER.get(i));
            while (customer.botLines().size() <= i) {
                Thread.sleep(5);
            }
            millis.add((System.nanoTime() - sent) / 1e6);
        }
    }

    private static double pct(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
