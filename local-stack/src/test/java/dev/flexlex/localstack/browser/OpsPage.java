package dev.flexlex.localstack.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** The operations page, as an operator reads it. Every wait is on page state. */
final class OpsPage {
    static final Duration WAIT = Duration.ofSeconds(60);

    private final WebDriver driver;

    OpsPage(WebDriver driver) {
        this.driver = driver;
    }

    OpsPage open(String url) {
        driver.get(url);
        new WebDriverWait(driver, WAIT).until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        return this;
    }

    /** Waits until {@code condition} holds on the page, naming {@code what} if it never does. */
    void waitUntil(String what, Predicate<OpsPage> condition) {
        new WebDriverWait(driver, WAIT).withMessage(() -> what + "; the page shows: " + summary())
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> condition.test(this));
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    double number(String id) {
        String t = text(id).replace(",", "").replace(" ms", "").strip();
        return t.equals("–") || t.isEmpty() ? Double.NaN : Double.parseDouble(t.replace(" s", ""));
    }

    /** A queue's available and in-flight counts. */
    int[] queue(String queue) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#queues tr[data-queue='" + queue + "']"));
        if (rows.isEmpty()) {
            return null;
        }
        return new int[]{Integer.parseInt(rows.get(0).findElement(By.className("visible")).getText()),
                Integer.parseInt(rows.get(0).findElement(By.className("in-flight")).getText())};
    }

    int instances(String function) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#functions tr[data-function='" + function + "'] .instances"));
        return rows.isEmpty() ? -1 : Integer.parseInt(rows.get(0).getText());
    }

    /** The histogram's counts, bucket by bucket. */
    long latencyValues() {
        return driver.findElements(By.cssSelector("#latency-histogram [data-bucket]")).stream()
                .mapToLong(e -> Long.parseLong(e.getText())).sum();
    }

    /** The rows of one dead-letter queue's table, as their text. */
    List<String> deadLetters(String dlq) {
        return driver.findElements(By.cssSelector(".dlq-block[data-dlq='" + dlq + "'] tbody tr")).stream()
                .map(WebElement::getText).toList();
    }

    void redrive(String dlq) {
        driver.findElement(By.cssSelector("button.redrive[data-dlq='" + dlq + "']")).click();
    }

    String redriveResult() {
        WebElement note = driver.findElement(By.id("redrive-result"));
        return note.isDisplayed() ? note.getText() : "";
    }

    /** The recent-errors table, row by row. */
    List<String> errors() {
        return driver.findElements(By.cssSelector("#errors tr")).stream().map(WebElement::getText).toList();
    }

    /** All the page's text, for failure messages and for the leak check. */
    String summary() {
        return driver.findElement(By.tagName("main")).getText();
    }
}
