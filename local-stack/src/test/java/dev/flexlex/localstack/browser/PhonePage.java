package dev.flexlex.localstack.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;

/** The customer phone page, as a customer texting the shop uses it. Every wait is on page state. */
final class PhonePage {
    private final WebDriver driver;
    private final WebDriverWait wait;

    PhonePage(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WebchatPage.WAIT);
        // the page redraws a sent message once it is delivered: an element found just before is found again
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    PhonePage open(String url) {
        driver.get(url);
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        return this;
    }

    /** Picks the channel ({@code sms}, {@code whatsapp}) and the phone number to text from. */
    PhonePage textWith(String channel, String phoneNumber) {
        driver.findElement(By.id("channel-" + channel)).click();
        WebElement number = driver.findElement(By.id("phone-number"));
        number.sendKeys(Keys.chord(Keys.CONTROL, "a"), phoneNumber, Keys.TAB);
        wait.until(d -> d.findElement(By.tagName("body")).getDomAttribute("class").equals("channel-" + channel));
        return this;
    }

    String phoneNumber() {
        return driver.findElement(By.id("phone-number")).getDomProperty("value");
    }

    /** The shop's address the thread shows ("SMS · +1…"). */
    String shopAddress() {
        return driver.findElement(By.id("to-address")).getText();
    }

    /** Sends a text and waits until the page says it was delivered to the contact centre. */
    void send(String text) {
        int before = count("sent");
        driver.findElement(By.id("composer-input")).sendKeys(text);
        driver.findElement(By.id("composer-send")).click();
        wait.withMessage(() -> "'" + text + "' not delivered").until(d -> {
            List<WebElement> metas = d.findElements(By.cssSelector(".msg.sent .meta"));
            return metas.size() > before && metas.get(metas.size() - 1).getText().endsWith("Delivered");
        });
    }

    /** Waits for a text from the shop (bot or agent) containing {@code text}; returns it whole. */
    String waitForReply(String text) {
        return wait.withMessage(() -> "no text from the shop containing '" + text + "'; thread: " + thread())
                .until(d -> d.findElements(By.cssSelector(".msg.received .bubble")).stream().map(WebElement::getText)
                        .filter(t -> t.contains(text)).findFirst().orElse(null));
    }

    /** Messages of a kind ({@code sent}, {@code received}) in the thread. */
    int count(String kind) {
        return driver.findElements(By.cssSelector(".msg." + kind)).size();
    }

    /** The conversation the last text went to (Twilio's SID, set by the page after sending). */
    String conversationSid() {
        return driver.findElement(By.id("thread")).getDomAttribute("data-conversation-sid");
    }

    String thread() {
        StringBuilder out = new StringBuilder();
        for (WebElement m : driver.findElements(By.cssSelector("#thread .msg"))) {
            out.append(m.getDomAttribute("data-kind")).append(": ").append(m.findElement(By.className("bubble")).getText()).append('\n');
        }
        return out.toString();
    }
}
