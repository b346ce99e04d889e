package dev.flexlex.localstack.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.flexlex.localflex.LocalFlexServer;
import dev.flexlex.localstack.StackInfo;
import dev.flexlex.localstack.pages.PagesServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An image response card in the webchat (the OrderFlowers bot has none, so the card is posted the way the bridge
 * posts one: tagged attributes with each button's text and value): its buttons show their text, a click sends the
 * value as the customer's message through Twilio while the chat shows the customer what they clicked, and the card's
 * buttons are spent.
 */
class ResponseCardBrowserIT {

    @BeforeAll
    static void chromiumInstalled() {
        assertTrue(Chrome.installed(), "the browser tests need " + Chrome.BINARY + " and " + Chrome.DRIVER);
    }

    @Test
    void aCardButtonSendsItsValueAsTheCustomer() throws Exception {
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/webhook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        try (LocalFlexServer flex = LocalFlexServer.builder().port(0).start()) {
            String webhookUrl = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/webhook";
            StackInfo bare = info(flex, null, webhookUrl);
            String address = new TwilioApi(bare).post("/conversations/v1/Configuration/Addresses", Map.of("Type", "chat",
                    "Address", "webchat", "AutoCreation.Enabled", "true", "AutoCreation.Type", "webhook",
                    "AutoCreation.WebhookUrl", webhookUrl, "AutoCreation.WebhookFilters", "onMessageAdded")).path("sid").asText();
            StackInfo info = info(flex, address, webhookUrl);
            TwilioApi twilio = new TwilioApi(info);
            try (PagesServer pages = PagesServer.start(0, info); Chrome browser = Chrome.start(1280, 860)) {
                WebchatPage webchat = new WebchatPage(browser.driver()).open(pages.webchatUrl());
                String chatSid = webchat.start("Ana Lima", "", "OrderFlowers");
                String identity = (String) ((JavascriptExecutor) browser.driver())
                        .executeScript("return JSON.parse(sessionStorage.getItem('petal-stem-webchat')).identity");
                twilio.post(twilio.messagesPath(chatSid), Map.of("Author", "bot",
                        "Body", "Which flowers?\nRed roses | Yellow tulips",
                        "Attributes", "{\"flexLex\":{\"turn\":\"IM0\",\"part\":1,\"parts\":1,"
                                + "\"contentType\":\"ImageResponseCard\",\"buttons\":[{\"text\":\"Red roses\",\"value\":\"roses\"},"
                                + "{\"text\":\"Yellow tulips\",\"value\":\"tulips\"}]}}"));
                assertEquals("Which flowers?", webchat.waitForMessage("bot", "Which flowers?"), "choices shown as buttons, not text");
                WebDriverWait wait = new WebDriverWait(browser.driver(), WebchatPage.WAIT);
                List<WebElement> buttons = browser.driver().findElements(By.cssSelector(".card-button"));
                assertEquals(List.of("Red roses", "Yellow tulips"), buttons.stream().map(WebElement::getText).toList(),
                        "each button shows Lex's button text");
                browser.screenshot("card-buttons");
                buttons.get(1).click();
                assertEquals("Yellow tulips", webchat.waitForMessage("customer", "Yellow tulips"),
                        "the customer sees what they clicked");
                wait.until(ExpectedConditions.attributeToBeNotEmpty(buttons.get(0), "disabled"));
                JsonNode messages = twilio.get(twilio.messagesPath(chatSid)).path("messages");
                JsonNode last = messages.get(messages.size() - 1);
                assertEquals("tulips", last.path("body").asText(), "the bot is sent the button's value");
                assertEquals(identity, last.path("author").asText(), "sent as the customer");
                assertEquals(1, browser.driver().findElements(By.cssSelector(".msg[data-role='customer']")).size(),
                        "one customer message shown, no pending copy left");
                assertEquals(2, messages.size(), "one card, one answer");
            }
        } finally {
            webhook.stop(0);
        }
    }

    private static StackInfo info(LocalFlexServer flex, String addressSid, String webhookUrl) {
        return new StackInfo("conversations", flex.baseUrl(), flex.accountSid(), flex.authToken(), flex.chatServiceSid(),
                flex.chatServiceSid(), null, addressSid, flex.workspaceSid(), flex.workflowSid(), flex.workerSid(),
                flex.taskQueueSid(), "http://127.0.0.1:1", "http://127.0.0.1:2", webhookUrl, List.of("OrderFlowers"));
    }
}
