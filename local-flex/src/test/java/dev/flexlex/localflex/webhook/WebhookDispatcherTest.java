package dev.flexlex.localflex.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.security.RequestValidator;
import dev.flexlex.localflex.testing.WebhookReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Twilio's webhook connection overrides and their defaults
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides). Each test sends the event under test
 * and then a second event of the same chat to a healthy target: events of one chat go out one after another, so
 * when the second arrives every attempt of the first has been made — no waiting on the clock.
 */
class WebhookDispatcherTest {
    private static final String TOKEN = "dispatcher-test-token";
    private static final String CHAT = "CH00000000000000000000000000000001";

    private WebhookReceiver receiver;
    private WebhookDispatcher dispatcher;

    @BeforeEach
    void start() throws IOException {
        receiver = new WebhookReceiver();
        dispatcher = new WebhookDispatcher(TOKEN, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        dispatcher.close();
        receiver.close();
    }

    @Test
    void byDefaultA5xxIsNotRetried() throws Exception {
        receiver.answer(503);

        send("IM1", receiver.url("/hook"), 1);
        List<String> calls = callsUntil("IM2");

        assertEquals(List.of("IM1/0", "IM2/0"), calls, "a 503 is not a connection failure: Twilio's default rp=ct");
        assertEquals(1, dispatcher.undelivered());
    }

    @Test
    void rp5xxRetriesA5xxUpToTheDefaultRetryCount() throws Exception {
        receiver.answer(503, 500);

        send("IM1", receiver.url("/hook#rp=5xx"), 1);

        assertEquals(List.of("IM1/0", "IM1/1", "IM2/0"), callsUntil("IM2"), "one retry: rc's default, a conversation webhook's count");
        assertEquals(1, dispatcher.undelivered());
    }

    @Test
    void rpAllWithRc3RetriesUntilAnAttemptSucceeds() throws Exception {
        receiver.answer(500, 404, 502);

        send("IM1", receiver.url("/hook#rc=3&rp=all"), 0);

        assertEquals(List.of("IM1/0", "IM1/1", "IM1/2", "IM1/3", "IM2/0"), callsUntil("IM2"));
        assertEquals(0, dispatcher.undelivered());
    }

    @Test
    void rcOfTheFragmentWinsOverTheProductsRetryCount() throws Exception {
        receiver.answer(500, 500);

        send("IM1", receiver.url("/hook#rc=0&rp=5xx"), 3);

        assertEquals(List.of("IM1/0", "IM2/0"), callsUntil("IM2"));
    }

    @Test
    void aRefusedConnectionIsRetriedOnceByDefault() throws Exception {
        long before = dispatcher.attempts();

        send("IM1", "http://127.0.0.1:" + closedPort() + "/hook", 1);
        assertEquals(List.of("IM2/0"), callsUntil("IM2"));

        assertEquals(3, dispatcher.attempts() - before, "two attempts at the closed port (rc=1, rp=ct), one for IM2");
        assertEquals(1, dispatcher.undelivered());
    }

    @Test
    void aDroppedConnectionIsNotRetriedByDefault() throws Exception {
        try (DroppingTarget target = new DroppingTarget(1)) {
            send("IM1", target.url("/hook"), 1);
            callsUntil("IM2");

            assertEquals(1, target.requests(), "connected, then no response: rt, which rp=ct does not retry");
            assertEquals(1, dispatcher.undelivered());
        }
    }

    @Test
    void aDroppedConnectionIsRetriedWhenTheFragmentNamesRt() throws Exception {
        try (DroppingTarget target = new DroppingTarget(1)) {
            send("IM1", target.url("/hook#rc=2&rp=ct,rt,5xx"), 0);
            callsUntil("IM2");

            assertEquals(2, target.requests(), "the reset attempt, then the retry that was answered 200");
            assertEquals(0, dispatcher.undelivered());
        }
    }

    @Test
    void totalTimeEndsTheRetriesBeforeTheRetryCountDoes() throws Exception {
        receiver.answer(-2000, -2000, -2000, -2000, -2000, -2000);
        long before = dispatcher.attempts();

        send("IM1", receiver.url("/slow#rt=300&tt=1000&rc=5&rp=rt"), 0);
        List<String> calls = callsUntil("IM2");

        long attemptsOfIm1 = dispatcher.attempts() - before - 1;
        assertTrue(attemptsOfIm1 <= 4, "each attempt waits at least rt=300 ms, so tt=1000 ms allows at most 4, not rc+1=6: "
                + attemptsOfIm1);
        assertTrue(calls.contains("IM1/1"), "a read timeout was retried: " + calls);
        assertEquals(1, dispatcher.undelivered());
    }

    @Test
    void anUnknownRetryPolicyIsTwilioError11243AndNothingIsSent() throws Exception {
        send("IM1", receiver.url("/hook#rp=sometimes"), 1);

        assertEquals(List.of("IM2/0"), callsUntil("IM2"));
        assertEquals(1, dispatcher.undelivered());
    }

    @Test
    void aValueOutsideTwiliosRangeMeansNothingIsSent() throws Exception {
        send("IM1", receiver.url("/hook#ct=50"), 1);
        send("IM2", receiver.url("/hook#rc=6"), 1);
        send("IM3", receiver.url("/hook#tt=abc"), 1);

        assertEquals(List.of("IM4/0"), callsUntil("IM4"));
        assertEquals(3, dispatcher.undelivered());
    }

    @Test
    void theFragmentIsNeitherSentNorSigned() throws Exception {
        String configured = receiver.url("/hook?bot=OrderFlowers#rc=2&rp=ct,rt,5xx");
        send("IM1", configured, 0);

        WebhookReceiver.Call call = receiver.next();
        assertEquals(receiver.url("/hook?bot=OrderFlowers"), call.url());
        RequestValidator validator = new RequestValidator(TOKEN);
        assertTrue(validator.validate(call.url(), call.params(), call.signature()),
                "twilio-java validates the URL as requested, without the fragment");
        assertFalse(validator.validate(configured, call.params(), call.signature()),
                "handed the configured URL with its fragment, twilio-java's validator refuses: the app must drop it");
    }

    private void send(String messageSid, String url, int productRetries) {
        dispatcher.send(new WebhookDispatcher.Delivery(CHAT, url, "POST",
                Map.of("MessageSid", messageSid, "EventType", "onMessageAdded"), productRetries, "WH" + messageSid));
    }

    /**
     * Sends {@code last} to a healthy target after the events under test and returns every call the receiver saw
     * up to it, as {@code MessageSid/RetryCount}.
     */
    private List<String> callsUntil(String last) throws InterruptedException {
        send(last, receiver.url("/after"), 0);
        List<String> seen = new java.util.ArrayList<>();
        while (true) {
            WebhookReceiver.Call call = receiver.next();
            seen.add(call.params().get("MessageSid") + "/" + call.params().get("RetryCount"));
            if (last.equals(call.params().get("MessageSid"))) {
                return seen;
            }
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Reads each request's head; resets the first {@code drops} connections, answers 200 on the others. */
    private static final class DroppingTarget implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger requests = new AtomicInteger();

        DroppingTarget(int drops) throws IOException {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        readHead(socket.getInputStream());
                        if (requests.incrementAndGet() <= drops) {
                            socket.setSoLinger(true, 0);
                            continue;
                        }
                        OutputStream out = socket.getOutputStream();
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "dropping-target");
            thread.setDaemon(true);
            thread.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getLocalPort() + path;
        }

        int requests() {
            return requests.get();
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            int b;
            while (matched < end.length && (b = in.read()) >= 0) {
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
