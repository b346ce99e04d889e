package dev.flexlex.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-stack/target/local-stack.jar [--platform conversations|chat] [--port-base P]
 * [--ready-file PATH] [--faults SPEC]}: starts the {@link LocalStack}, prints where to click and runs until Ctrl-C or
 * SIGTERM, then stops every piece (handler JVMs included). Bad arguments: usage on stderr, exit 2. A piece that
 * cannot start (a taken port, a missing jar): the reason on stderr, exit 1. The banner and errors go to the console
 * (this is a command a person runs); the pieces log through SLF4J.
 */
public final class LocalStackMain {
    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        StackOptions options;
        try {
            options = StackArguments.parse(args, Path.of(""));
        } catch (IllegalArgumentException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.err.print(StackArguments.USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(StackArguments.USAGE);
            return;
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (StackStartException e) {
            System.err.println("local-stack: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.print(banner(stack));
        System.out.flush();
        stopped.await();
    }

    static String banner(LocalStack stack) {
        StackInfo info = stack.info();
        return """

                Flex Lex Bridge local stack is up (%s, started in %.1f s).

                  Customer webchat:  %s
                  Customer phone:    %s
                  Agent desk:        %s
                  Operations:        %s

                  Twilio API (local Flex)  %s   account %s / token %s
                  Lex V2 runtime           %s
                  SQS (ElasticMQ)          %s
                  Webhook (HTTP API)       %s

                Open the webchat, pick the bot and say hello (or text the shop from the phone page); say "speak to an
                agent please" and accept the chat on the agent desk. Ctrl-C stops everything.
                """.formatted(info.platform(), stack.startupTime().toMillis() / 1000.0, stack.webchatUrl(),
                stack.phoneUrl(), stack.agentDeskUrl(), stack.opsUrl(), info.flexBaseUrl(), info.accountSid(), info.authToken(), info.lexBaseUrl(),
                info.sqsBaseUrl(), info.webhookUrl());
    }
}
