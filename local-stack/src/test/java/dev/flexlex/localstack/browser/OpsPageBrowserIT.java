package dev.flexlex.localstack.browser;

import dev.flexlex.localflex.FaultSpec;
import dev.flexlex.localstack.LocalStack;
import dev.flexlex.localstack.StackOptions;
import dev.flexlex.localstack.testing.FlexHttp;
import dev.flexlex.localstack.testing.WebchatCustomer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations page ({@code /ops/}) in headless Chromium on a local stack: after a chat's turns it shows the turns
 * and the reply latency the handlers wrote as EMF lines, every queue's depth and each function's instances; a reply
 * that Twilio keeps refusing is dead-lettered after five receives and listed by its ids (never its text), and the
 * redrive button moves it back to the outbound queue, after which the customer gets the answer. Failed SQS records
 * come back after 1 s (not the queues' 66 s) so that the five receives take seconds.
 */
class OpsPageBrowserIT {
    private static final Logger LOG = LoggerFactory.getLogger(OpsPageBrowserIT.class);
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final String DLQ = "OutboundDeadLetterQueue";

    @BeforeAll
    static void chromiumInstalled() {
        assertTrue(Chrome.installed(), "the browser tests need " + Chrome.BINARY + " and " + Chrome.DRIVER
                + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
    }

    private static HttpResponse<String> post(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError("POST " + url + " failed", e);
        }
    }

    @Test
    void showsTheStackLiveAndRedrivesADeadLetteredReply() {
        try (LocalStack stack = LocalStack.start(StackOptions.defaults(PROJECT).withPortBase(0)
                .withRedeliveryDelay(Duration.ofSeconds(1)));
             Chrome browser = Chrome.start(1440, 1500)) {
            FlexHttp flex = new FlexHttp(stack.info());
            WebchatCustomer customer = WebchatCustomer.open(flex, stack.info(), "Ops Test");
            List<String> lines = List.of("I want to order flowers", "roses", "tomorrow");
            for (String line : lines) {
                customer.say(line);
            }
            assertEquals(3, customer.awaitBotLines(3, 60_000).size());

            OpsPage ops = new OpsPage(browser.driver()).open(stack.opsUrl());
            ops.waitUntil("four queues listed", p -> p.queue("InboundQueue") != null && p.queue("OutboundQueue") != null
                    && p.queue("InboundDeadLetterQueue") != null && p.queue(DLQ) != null);
            ops.waitUntil("the queues drained", p -> p.queue("InboundQueue")[0] == 0 && p.queue("OutboundQueue")[0] == 0);
            for (String function : LocalStack.FUNCTIONS) {
                ops.waitUntil(function + " has an instance", p -> p.instances(function) >= 1);
            }

            // A reply Twilio refuses (400) five times goes to the dead-letter queue: from just after the customer's
            // message is in, every POST to Conversations is refused (the webhook's reads still work).
            customer.say("5 pm");
            stack.flex().setFaults(FaultSpec.parse("conversations:400=1"));
            ops.waitUntil("the reply dead-lettered", p -> p.queue(DLQ)[0] == 1 && p.deadLetters(DLQ).size() == 1);
            String row = ops.deadLetters(DLQ).get(0);
            assertTrue(row.contains(customer.chatSid()), row);
            assertTrue(row.contains("OutboundQueue.fifo"), row);
            assertFalse(ops.summary().contains("5 pm"), "no customer text on the page");
            assertFalse(ops.summary().contains("Ops Test"), "no customer name on the page");
            assertFalse(ops.summary().contains("ready for pickup"), "no reply text on the page");
            assertEquals(3, customer.botLines().size(), "nothing posted meanwhile");
            ops.waitUntil("the failed posts among the recent errors, by ids",
                    p -> p.errors().stream().anyMatch(e -> e.contains("OutboundChatHandlerFunction") && e.contains(customer.chatSid())));
            browser.screenshot("ops-1-dead-lettered");

            // Bad redrive requests: a clear 404, and nothing moves.
            String base = stack.opsUrl().replace("/ops/", "");
            for (String queue : List.of("OutboundQueue", "Nope")) {
                HttpResponse<String> refused = post(base + "/api/ops/dead-letters/" + queue + "/redrive");
                assertEquals(404, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("no dead-letter queue " + queue), refused.body());
            }
            assertEquals(404, post(base + "/api/ops/state").statusCode(), "state is GET only");
            assertEquals(1, ops.deadLetters(DLQ).size());
            assertEquals(3, customer.botLines().size());

            // Twilio answers again; the redrive button moves the reply back and the customer gets it.
            stack.flex().setFaults(FaultSpec.none());
            ops.redrive(DLQ);
            ops.waitUntil("the redrive reported", p -> p.redriveResult().contains("1 of 1 message(s) moved back to OutboundQueue"));
            ops.waitUntil("the dead-letter queue empty", p -> p.queue(DLQ)[0] == 0 && p.queue(DLQ)[1] == 0);
            List<String> bot = customer.awaitBotLines(4, 60_000);
            assertEquals(4, bot.size(), "the redriven reply reached the customer");
            assertTrue(bot.get(3).startsWith("Okay, your roses will be ready for pickup by"), bot.get(3));
            ops.waitUntil("the dead-letter list empty", p -> p.deadLetters(DLQ).isEmpty());

            // The handlers' EMF lines: four turns, four replies posted (the redriven one included).
            ops.waitUntil("four turns counted", p -> p.number("turns-total") >= 4);
            ops.waitUntil("four reply latencies", p -> p.latencyValues() >= 4 && p.number("latency-count") >= 4);
            assertTrue(ops.number("latency-p50") > 0, ops.text("latency-p50"));
            LOG.info("ops page: turns {} (rate {}/s), latency p50 {} p99 {}; errors: {}", ops.text("turns-total"),
                    ops.text("turns-rate"), ops.text("latency-p50"), ops.text("latency-p99"), ops.errors());
            browser.screenshot("ops-2-redriven");
        }
    }
}
