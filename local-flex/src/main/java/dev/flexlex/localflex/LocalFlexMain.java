package dev.flexlex.localflex;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-flex.jar --port N [--account-sid AC… --auth-token T] [--faults SPEC]}: starts the
 * local Flex, prints its base URL, credentials and default SIDs, and runs until killed. Bad arguments:
 * usage on stderr and exit code 2.
 */
public final class LocalFlexMain {
    static final String USAGE = "usage: java -jar local-flex.jar --port N [--account-sid AC<32 hex> --auth-token TOKEN] [--faults SPEC]\n"
            + "  SPEC example: conversations:500=0.2,taskrouter:429=0.1,*:500after=0.1,*:latency=50ms,seed=7";

    private LocalFlexMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalFlexServer.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local-flex: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        LocalFlexServer server = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "local-flex-shutdown"));
        describe(server, System.out);
        new CountDownLatch(1).await();
    }

    static LocalFlexServer.Builder parse(String[] args) {
        LocalFlexServer.Builder builder = LocalFlexServer.builder();
        boolean portSeen = false;
        String sid = null;
        String token = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> {
                    try {
                        builder.port(Integer.parseInt(value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port must be a number, got '" + value + "'");
                    }
                    portSeen = true;
                }
                case "--account-sid" -> sid = value;
                case "--auth-token" -> token = value;
                case "--faults" -> builder.faults(FaultSpec.parse(value));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (!portSeen) {
            throw new IllegalArgumentException("--port is required (0 picks a free port)");
        }
        if ((sid == null) != (token == null)) {
            throw new IllegalArgumentException("--account-sid and --auth-token go together");
        }
        if (sid != null) {
            new Account(sid, token);
            builder.accountSid(sid).authToken(token);
        }
        return builder;
    }

    static void describe(LocalFlexServer server, PrintStream out) {
        out.println("local-flex listening on " + server.baseUrl());
        out.println("  account SID        " + server.accountSid());
        out.println("  auth token         " + server.authToken());
        out.println("  Flex Chat Service  " + server.chatServiceSid());
        out.println("  workspace          " + server.workspaceSid());
        out.println("  workflow           " + server.workflowSid());
        out.println("  task queue         " + server.taskQueueSid());
        out.println("  worker             " + server.workerSid());
        out.println("  task channel chat  " + server.taskChannelSid("chat"));
        out.println("  faults             " + server.faults());
        out.println("  inbound SMS/WhatsApp (local-only)  POST " + server.baseUrl() + "/local/v1/Inbound (From, To, Body)");
        out.flush();
    }
}
