package dev.flexlex.localstack.browser;

import dev.flexlex.localstack.LocalStack;
import dev.flexlex.localstack.StackOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The original design's three sequences, played in headless Chromium through the two pages on a local stack
 * (ElasticMQ, local Lex, local Flex, the three unmodified handler jars), for both Flex chat platforms:
 * <ol>
 *   <li>start the webchat → the greeting; "Help" → the bot's fallback answer;</li>
 *   <li>a full OrderFlowers order → its closing message, and the chat closes;</li>
 *   <li>"speak to an agent please" → "Getting you an agent now", the bot webhook is gone (read over the Twilio API),
 *       the agent accepts on the agent desk and sees the bot's intent and transcript, "How can I help" reaches the
 *       customer, the customer's answer reaches the agent, and ending the chat closes it and completes the task.</li>
 * </ol>
 * Screenshots of the key moments go to {@code target/screenshots/}.
 */
class WebchatAgentDeskBrowserIT {
    private static final Logger LOG = LoggerFactory.getLogger(WebchatAgentDeskBrowserIT.class);
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @BeforeAll
    static void chromiumInstalled() {
        assertTrue(Chrome.installed(), "the browser tests need " + Chrome.BINARY + " and " + Chrome.DRIVER
                + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conversations", "chat"})
    void threeSequencesThroughThePages(String platform) {
        try (LocalStack stack = LocalStack.start(StackOptions.defaults(PROJECT).withPlatform(platform).withPortBase(0));
             Chrome customerBrowser = Chrome.start(1280, 860);
             Chrome agentBrowser = Chrome.start(1440, 860)) {
            TwilioApi twilio = new TwilioApi(stack.info());

            // 1. greeting, then "Help" gets the fallback answer
            WebchatPage webchat = new WebchatPage(customerBrowser.driver()).open(stack.webchatUrl());
            assertEquals(List.of("OrderFlowers"), webchat.botChoices());
            webchat.start("Ana Lima", "Flowers for Friday", "OrderFlowers");
            assertTrue(webchat.greeting().startsWith("Hi Ana!"), webchat.greeting());
            customerBrowser.screenshot(platform + "-1-greeting");
            List<Long> replyMillis = new ArrayList<>();
            turn(webchat, replyMillis, "Help", "Sorry, I did not understand. You can order flowers or ask for an agent.");
            assertEquals("Order Flowers assistant", webchat.authorOf("bot"));

            // 2. a full order, to its closing message; the bot closes the chat
            turn(webchat, replyMillis, "I would like to order some flowers", "What type of flowers would you like to order?");
            turn(webchat, replyMillis, "roses", "What day do you want the roses to be picked up?");
            turn(webchat, replyMillis, "tomorrow", "At what time do you want the roses to be picked up?");
            turn(webchat, replyMillis, "10 am", "Okay, your roses will be ready for pickup by 10:00 on");
            String closing = turn(webchat, replyMillis, "yes", "Thanks, your order of roses is placed for pickup on");
            assertTrue(closing.endsWith("at 10:00."), closing);
            webchat.waitForNotice("closed");
            assertEquals(6, webchat.count("customer"), "each customer message shown once");
            assertEquals(6, webchat.count("bot"), "one bot reply per customer message");
            customerBrowser.screenshot(platform + "-2-order-placed");

            // 3. hand-off to an agent on the desk
            webchat.startNewChat();
            String chatSid = webchat.start("Ben Okafor", "I need help with an order", "OrderFlowers");
            turn(webchat, replyMillis, "speak to an agent please", "Getting you an agent now");
            replyMillis.sort(null);
            LOG.info("{}: stack up in {} ms; customer message to bot reply on the page (send click to bubble, "
                            + "{} turns): median {} ms, max {} ms", platform, stack.startupTime().toMillis(), replyMillis.size(),
                    replyMillis.get(replyMillis.size() / 2), replyMillis.get(replyMillis.size() - 1));
            webchat.waitForNotice("handoff");
            new WebDriverWait(customerBrowser.driver(), Duration.ofSeconds(30)).withMessage("bot webhook still on the chat")
                    .until(d -> !twilio.webhookUrls(chatSid).contains(stack.info().webhookUrl()));
            customerBrowser.screenshot(platform + "-3-waiting-for-agent");

            AgentDeskPage desk = new AgentDeskPage(agentBrowser.driver()).open(stack.agentDeskUrl());
            desk.goAvailable();
            desk.accept("Ben Okafor");
            desk.waitForMessage("customer", "speak to an agent please");
            desk.waitForMessage("bot", "Getting you an agent now");
            assertEquals("TalkToAgent", desk.info("intent"));
            assertEquals("OrderFlowers", desk.info("bot"));
            assertEquals("I need help with an order", desk.info("question"));
            webchat.minimize();
            desk.reply("Hi Ben, this is your florist at Petal & Stem. How can I help?");
            webchat.waitForUnread(1);
            assertTrue(webchat.title().startsWith("(1) "), webchat.title());
            webchat.restore();
            assertFalse(webchat.unreadBadgeShown(), "opening the chat clears the unread count");
            webchat.waitForMessage("agent", "How can I help");
            webchat.waitForNotice("joined");
            webchat.send("I would like to add a card to my roses");
            desk.waitForMessage("customer", "add a card to my roses");
            customerBrowser.screenshot(platform + "-4-webchat-with-agent");
            agentBrowser.screenshot(platform + "-4-agent-desk");
            assertEquals(1, webchat.count("bot"), "the bot stays quiet once the agent has the chat");

            desk.endChat();
            webchat.waitForNotice("closed");
            new WebDriverWait(agentBrowser.driver(), Duration.ofSeconds(30)).withMessage("task not completed")
                    .until(d -> twilio.taskStatuses(chatSid).equals(List.of("completed")));
            desk.waitForEnded("Ben Okafor");
            agentBrowser.screenshot(platform + "-5-agent-desk-ended");
            assertFalse(desk.slots().containsKey("FlowerType"), "no order slots on a plain hand-off");
        }
    }

    /** The customer sends {@code text} and waits for the bot's reply containing {@code expected}; records how long it took. */
    private static String turn(WebchatPage webchat, List<Long> replyMillis, String text, String expected) {
        long start = System.nanoTime();
        webchat.send(text);
        String reply = webchat.waitForMessage("bot", expected);
        replyMillis.add((System.nanoTime() - start) / 1_000_000);
        return reply;
    }
}
