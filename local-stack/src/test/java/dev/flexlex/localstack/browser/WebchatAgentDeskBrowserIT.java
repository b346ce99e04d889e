package dev.flexlex.localstack.browser;

import dev.flexlex.localstack.LocalStack;
import dev.flexlex.localstack.StackOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
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
            TwilioLookups twilio = new TwilioLookups(stack.info());

            // 1. greeting, then "Help" gets the fallback answer
            WebchatPage webchat = new WebchatPage(customerBrowser.driver()).open(stack.webchatUrl());
            assertEquals(List.of("OrderFlowers"), webchat.botChoices());
            webchat.start("Ana Lima", "Flowers for Friday", "OrderFlowers");
            assertTrue(webchat.greeting().startsWith("Hi Ana!"), webchat.greeting());
            customerBrowser.screenshot(platform + "-1-greeting");
            webchat.send("Help");
            webchat.waitForMessage("bot", "Sorry, I did not understand. You can order flowers or ask for an agent.");
            assertEquals("Order Flowers assistant", webchat.authorOf("bot"));

            // 2. a full order, to its closing message; the bot closes the chat
            webchat.send("I would like to order some flowers");
            webchat.waitForMessage("bot", "What type of flowers would you like to order?");
            webchat.send("roses");
            webchat.waitForMessage("bot", "What day do you want the roses to be picked up?");
            webchat.send("tomorrow");
            webchat.waitForMessage("bot", "At what time do you want the roses to be picked up?");
            webchat.send("10 am");
            webchat.waitForMessage("bot", "Okay, your roses will be ready for pickup by 10:00 on");
            webchat.send("yes");
            String closing = webchat.waitForMessage("bot", "Thanks, your order of roses is placed for pickup on");
            assertTrue(closing.endsWith("at 10:00."), closing);
            webchat.waitForNotice("closed");
            assertEquals(6, webchat.count("customer"), "each customer message shown once");
            assertEquals(6, webchat.count("bot"), "one bot reply per customer message");
            customerBrowser.screenshot(platform + "-2-order-placed");

            // 3. hand-off to an agent on the desk
            webchat.startNewChat();
            String chatSid = webchat.start("Ben Okafor", "I need help with an order", "OrderFlowers");
            webchat.send("speak to an agent please");
            webchat.waitForMessage("bot", "Getting you an agent now");
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
            desk.reply("Hi Ben, this is your florist at Petal & Stem. How can I help?");
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
}
