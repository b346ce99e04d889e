package dev.flexlex.localstack.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The agent desk page, as an agent uses it. Every wait is on page state. */
final class AgentDeskPage {
    private final WebDriver driver;
    private final WebDriverWait wait;

    AgentDeskPage(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    AgentDeskPage open(String url) {
        driver.get(url);
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        return this;
    }

    void goAvailable() {
        WebElement toggle = driver.findElement(By.id("activity-toggle"));
        if (!"true".equals(toggle.getDomAttribute("data-available"))) {
            toggle.click();
        }
        wait.until(d -> "true".equals(d.findElement(By.id("activity-toggle")).getDomAttribute("data-available")));
    }

    private By task(String customer) {
        return By.cssSelector(".task[data-customer='" + customer + "']");
    }

    /** Waits for an incoming (pending) chat from {@code customer}, then accepts it on its card. */
    void accept(String customer) {
        By pending = By.cssSelector(".task.pending[data-customer='" + customer + "'] .btn.accept");
        clickInTaskList(pending, WebchatPage.WAIT, "no incoming chat from " + customer);
        wait.until(d -> d.findElements(By.cssSelector(".task.accepted.selected[data-customer='" + customer + "']")).size() == 1);
    }

    /**
     * Waits for an incoming chat on {@code channel} (the task's {@code channelType}: {@code sms}, {@code whatsapp})
     * and accepts it; returns the customer's name as the desk shows it.
     */
    String acceptOn(String channel) {
        By pending = By.cssSelector(".task.pending[data-channel='" + channel + "']");
        String customer = new WebDriverWait(driver, WebchatPage.WAIT).withMessage(() -> "no incoming " + channel + " chat")
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(pending).stream().findFirst().map(e -> e.getDomAttribute("data-customer")).orElse(null));
        accept(customer);
        return customer;
    }

    /** The channel tag of the customer's task card, as written (the page shows it in capitals). */
    String channelTag(String customer) {
        return wait.ignoring(StaleElementReferenceException.class).until(d -> d.findElement(
                By.cssSelector(".task[data-customer='" + customer + "'] .channel-tag")).getDomProperty("textContent"));
    }

    void select(String customer) {
        clickInTaskList(task(customer), Duration.ofSeconds(30), "no task of " + customer);
    }

    /**
     * Clicks {@code by} once it is clickable. The desk redraws its task list whenever a task changes, so an element
     * found just before a redraw is stale by the click: it is found again until one click lands.
     */
    private void clickInTaskList(By by, Duration timeout, String missing) {
        new WebDriverWait(driver, timeout).withMessage(() -> missing).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
                    if (element == null) {
                        return false;
                    }
                    element.click();
                    return true;
                });
    }

    /** Waits until the open chat shows a message by {@code role} containing {@code text}. */
    String waitForMessage(String role, String text) {
        By by = By.cssSelector("#conv-messages .msg[data-role='" + role + "'] .bubble");
        return new WebDriverWait(driver, WebchatPage.WAIT).withMessage(() -> "no " + role + " message containing '" + text + "' on the desk")
                .until(d -> d.findElements(by).stream().map(WebElement::getText).filter(t -> t.contains(text)).findFirst().orElse(null));
    }

    void waitForDivider(String kind) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#conv-messages [data-divider='" + kind + "']")));
    }

    void reply(String text) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("reply-input"))).sendKeys(text);
        driver.findElement(By.id("reply-send")).click();
    }

    void endChat() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("end-chat"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("end-chat")));
    }

    String info(String field) {
        return driver.findElement(By.id("info-" + field)).getText();
    }

    Map<String, String> slots() {
        Map<String, String> slots = new LinkedHashMap<>();
        for (WebElement row : driver.findElements(By.cssSelector("#info-slots tbody tr[data-slot]"))) {
            slots.put(row.getDomAttribute("data-slot"), row.findElements(By.tagName("td")).get(1).getText());
        }
        return slots;
    }

    int unread(String customer) {
        var badges = driver.findElements(By.cssSelector(".task[data-customer='" + customer + "'] .unread"));
        return badges.isEmpty() ? 0 : Integer.parseInt(badges.get(0).getText());
    }

    /** Waits until the customer's chat is gone from the open list (task completed). */
    void waitForEnded(String customer) {
        wait.until(d -> d.findElements(By.cssSelector(".task.ended[data-customer='" + customer + "']")).size() == 1);
    }
}
