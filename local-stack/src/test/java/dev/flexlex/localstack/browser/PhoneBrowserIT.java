package dev.flexlex.localstack.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.localstack.LocalStack;
import dev.flexlex.localstack.StackOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer phone page ({@code /phone/}) in headless Chromium on a local stack (Conversations platform, the
 * stack's own {@code sms} and {@code whatsapp} address configurations wired to the bot webhook): an SMS order to its
 * closing message, and SMS and WhatsApp handoffs where the agent desk shows the channel and the customer's address
 * and the agent's reply reaches the phone. Screenshots go to {@code target/screenshots/} ({@code phone-*}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneBrowserIT {
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    private LocalStack stack;
    private TwilioApi twilio;

    @BeforeAll
    void startStack() {
        assertTrue(Chrome.installed(), "the browser tests need " + Chrome.BINARY + " and " + Chrome.DRIVER
                + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
        stack = LocalStack.start(StackOptions.defaults(PROJECT).withPortBase(0));
        twilio = new TwilioApi(stack.info());
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anSmsOrderToCompletion() {
        try (Chrome browser = Chrome.start(1280, 860)) {
            PhonePage phone = new PhonePage(browser.driver()).open(stack.phoneUrl());
            assertTrue(phone.phoneNumber().matches("\\+120255501[0-9]{2}"), "a made-up number by default: " + phone.phoneNumber());
            phone.textWith("sms", "+12025550101");
            assertEquals("SMS · " + LocalStack.SMS_NUMBER, phone.shopAddress());

            phone.send("I would like to order flowers");
            phone.waitForReply("What type of flowers would you like to order?");
            String conversationSid = phone.conversationSid();
            assertNotNull(conversationSid, "the page names the conversation its text went to");
            JsonNode participant = twilio.get("/conversations/v1/Conversations/" + conversationSid + "/Participants")
                    .path("participants").get(0);
            assertEquals("+12025550101", participant.path("messaging_binding").path("address").asText());
            assertEquals(LocalStack.SMS_NUMBER, participant.path("messaging_binding").path("proxy_address").asText());
            assertTrue(twilio.webhookUrls(conversationSid).contains(stack.info().webhookUrl()),
                    "the sms address's auto-created webhook is the bot webhook");

            phone.send("roses");
            phone.waitForReply("What day do you want the roses to be picked up?");
            phone.send("tomorrow");
            phone.waitForReply("At what time do you want the roses to be picked up?");
            browser.screenshot("phone-1-sms-order");
            phone.send("10 am");
            phone.waitForReply("Okay, your roses will be ready for pickup by 10:00 on");
            phone.send("yes");
            String closing = phone.waitForReply("Thanks, your order of roses is placed for pickup on");
            assertTrue(closing.endsWith("at 10:00."), closing);
            new WebDriverWait(browser.driver(), WebchatPage.WAIT).withMessage("the bot did not close the conversation")
                    .until(d -> "closed".equals(twilio.get("/conversations/v1/Conversations/" + conversationSid).path("state").asText()));
            assertEquals(5, phone.count("sent"));
            assertEquals(5, phone.count("received"), "one bot reply per text: " + phone.thread());
            browser.screenshot("phone-2-sms-order-placed");
        }
    }

    @Test
    void anSmsHandoffReachesTheAgentWhoseReplyReachesThePhone() {
        handoff("sms", "+12025550102", "SMS");
    }

    @Test
    void aWhatsAppHandoffShowsItsChannelOnTheDesk() {
        handoff("whatsapp", "+12025550103", "WhatsApp");
    }

    private void handoff(String channel, String number, String label) {
        String address = channel.equals("sms") ? number : "whatsapp:" + number;
        try (Chrome customerBrowser = Chrome.start(1280, 860); Chrome agentBrowser = Chrome.start(1440, 860)) {
            PhonePage phone = new PhonePage(customerBrowser.driver()).open(stack.phoneUrl()).textWith(channel, number);
            phone.send("Help");
            phone.waitForReply("Sorry, I did not understand. You can order flowers or ask for an agent.");
            phone.send("speak to an agent please");
            phone.waitForReply("Getting you an agent now");
            String conversationSid = phone.conversationSid();
            new WebDriverWait(customerBrowser.driver(), Duration.ofSeconds(30)).withMessage("bot webhook still on the conversation")
                    .until(d -> !twilio.webhookUrls(conversationSid).contains(stack.info().webhookUrl()));

            AgentDeskPage desk = new AgentDeskPage(agentBrowser.driver()).open(stack.agentDeskUrl());
            desk.goAvailable();
            String customer = desk.acceptOn(channel);
            assertEquals(label, desk.channelTag(customer));
            assertEquals(label, desk.info("channel"));
            assertEquals(address, desk.info("address"), "the customer's address from the task attributes");
            desk.waitForMessage("customer", "speak to an agent please");
            desk.waitForMessage("bot", "Getting you an agent now");
            assertEquals("TalkToAgent", desk.info("intent"));
            JsonNode attributes = taskAttributes(conversationSid);
            assertEquals(channel, attributes.path("channelType").asText(), attributes.toString());
            assertEquals(address, attributes.path("customerAddress").asText(), attributes.toString());

            desk.reply("Hi, this is your florist at Petal & Stem. How can I help?");
            phone.waitForReply("this is your florist at Petal & Stem");
            phone.send("Can I add a card to my roses?");
            desk.waitForMessage("customer", "add a card to my roses");
            customerBrowser.screenshot("phone-3-" + channel + "-with-agent");
            agentBrowser.screenshot("phone-4-" + channel + "-agent-desk");
            assertEquals(3, phone.count("received"), "fallback, handoff, agent: the bot stays quiet once the agent has it: "
                    + phone.thread());

            desk.endChat();
            new WebDriverWait(agentBrowser.driver(), Duration.ofSeconds(30)).withMessage("task not completed")
                    .until(d -> twilio.taskStatuses(conversationSid).equals(List.of("completed")));
        }
    }

    private JsonNode taskAttributes(String conversationSid) {
        List<JsonNode> found = twilio.taskAttributes(conversationSid);
        assertEquals(1, found.size(), "one task for conversation " + conversationSid + ": " + found);
        return found.get(0);
    }
}
