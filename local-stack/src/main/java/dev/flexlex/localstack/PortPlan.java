package dev.flexlex.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The stack's ports on 127.0.0.1, in order from the base: SQS, Lex, Flex, Secrets Manager, the webhook's HTTP API,
 * the pages, and the Lambda Runtime APIs of the three functions. Every port is checked before anything starts, so a
 * taken one fails at once with a message naming it.
 */
public record PortPlan(int sqs, int lex, int flex, int secrets, int httpApi, int pages, int runtimeInbound,
                       int runtimeProcess, int runtimeOutbound) {
    public static final int SIZE = 9;

    /** Ports from {@code base} (checked free), or, with base 0, free ports the system picks. */
    public static PortPlan from(int base) {
        int[] ports = new int[SIZE];
        java.util.Set<Integer> chosen = new java.util.HashSet<>();
        for (int i = 0; i < SIZE; i++) {
            int port = base == 0 ? freePort() : base + i;
            while (base == 0 && !chosen.add(port)) {
                port = freePort();
            }
            ports[i] = port;
        }
        String[] pieces = {"ElasticMQ (SQS)", "local Lex", "local Flex", "Secrets Manager", "HTTP API (webhook)",
                "pages", "Lambda Runtime API (inbound)", "Lambda Runtime API (process)", "Lambda Runtime API (outbound)"};
        for (int i = 0; i < SIZE; i++) {
            if (!isFree(ports[i])) {
                throw new StackStartException("port " + ports[i] + " on 127.0.0.1 (for " + pieces[i]
                        + ") is taken; stop what uses it or pick other ports with --port-base (the stack uses "
                        + ports[0] + ".." + (ports[0] + SIZE - 1) + " from the base)");
            }
        }
        return new PortPlan(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6], ports[7], ports[8]);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackStartException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
