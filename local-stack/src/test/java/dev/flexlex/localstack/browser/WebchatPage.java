package dev.flexlex.localstack.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

/** The customer webchat page, as a customer uses it. Every wait is on page state. */
final class WebchatPage {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final WebDriverWait wait;

    WebchatPage(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT);
    }

    WebchatPage open(String url) {
        driver.get(url);
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        return this;
    }

    List<String> botChoices() {
        return new Select(driver.findElement(By.id("pe-bot"))).getOptions().stream().map(o -> o.getDomAttribute("value")).toList();
    }

    /** Fills the pre-engagement form and starts the chat; returns the chat SID the page shows. */
    String start(String name, String question, String bot) {
        driver.findElement(By.id("pe-name")).sendKeys(name);
        driver.findElement(By.id("pe-question")).sendKeys(question);
        new Select(driver.findElement(By.id("pe-bot"))).selectByValue(bot);
        driver.findElement(By.id("pe-start")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("composer-input")));
        return driver.findElement(By.id("webchat")).getDomAttribute("data-chat-sid");
    }

    /** After a closed chat: "Start a new chat" brings the pre-engagement form back. */
    void startNewChat() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-chat"))).click();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pe-name")));
    }

    /** Minimises the widget to its launcher button. */
    void minimize() {
        driver.findElement(By.id("wc-minimize")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("launcher")));
    }

    /** Opens the widget again from its launcher. */
    void restore() {
        driver.findElement(By.id("launcher")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("composer-input")));
    }

    /** Waits until the launcher's unread badge shows {@code count}. */
    void waitForUnread(int count) {
        new WebDriverWait(driver, WAIT).withMessage(() -> "launcher badge never showed " + count).until(d -> {
            WebElement badge = d.findElement(By.id("launcher-badge"));
            return badge.isDisplayed() && badge.getText().equals(String.valueOf(count));
        });
    }

    boolean unreadBadgeShown() {
        return driver.findElement(By.id("launcher-badge")).isDisplayed();
    }

    String title() {
        return driver.getTitle();
    }

    String greeting() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".msg.greeting .body"))).getText();
    }

    void send(String text) {
        WebElement input = driver.findElement(By.id("composer-input"));
        input.sendKeys(text);
        driver.findElement(By.id("composer-send")).click();
    }

    /** Waits until the chat shows a message by {@code role} (bot, agent, customer) containing {@code text}. */
    String waitForMessage(String role, String text) {
        By by = By.cssSelector(".msg[data-role='" + role + "'][data-index] .body");
        return new WebDriverWait(driver, WebchatPage.WAIT).withMessage(() -> "no " + role + " message containing '" + text + "'; messages: " + transcript())
                .until(d -> d.findElements(by).stream().map(WebElement::getText).filter(t -> t.contains(text)).findFirst().orElse(null));
    }

    /** How many delivered messages (with a Twilio index) the chat shows by {@code role}. */
    int count(String role) {
        return driver.findElements(By.cssSelector(".msg[data-role='" + role + "'][data-index]")).size();
    }

    /** Waits for a notice: {@code handoff}, {@code joined} or {@code closed}. */
    String waitForNotice(String kind) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-notice='" + kind + "']"))).getText();
    }

    /** The author name shown on the latest message group of {@code role}. */
    String authorOf(String role) {
        List<WebElement> authors = driver.findElements(By.cssSelector(".msg[data-role='" + role + "'] .author"));
        return authors.isEmpty() ? null : authors.get(authors.size() - 1).getText();
    }

    String transcript() {
        StringBuilder out = new StringBuilder();
        for (WebElement m : driver.findElements(By.cssSelector(".msg, .notice"))) {
            out.append('[').append(m.getDomAttribute("data-role")).append("] ").append(m.getText().replace('\n', ' ')).append(" | ");
        }
        return out.toString();
    }
}
