package dev.flexlex.localflex.testing;

import com.twilio.http.TwilioRestClient;
import dev.flexlex.localflex.LocalFlexServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One local Flex, one twilio-java client through {@link LocalFlexHttpClient} and one webhook receiver per
 * test class; after the class, every exchange it made is validated against Twilio's OpenAPI specs.
 */
public abstract class LocalFlexTestBase {
    protected static LocalFlexServer flex;
    protected static LocalFlexHttpClient http;
    protected static TwilioRestClient twilio;
    protected static WebhookReceiver receiver;

    @BeforeAll
    static void startLocalFlex() throws IOException {
        flex = LocalFlexServer.builder().port(0).webhookTimeout(Duration.ofMillis(1500)).start();
        http = new LocalFlexHttpClient(flex.baseUrl());
        twilio = new TwilioRestClient.Builder(flex.accountSid(), flex.authToken()).httpClient(http).build();
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void checkContractsAndStop() {
        try {
            List<String> problems = TwilioContract.problems(http.recorded());
            assertEquals(List.of(), problems, "exchanges that do not match Twilio's OpenAPI specs");
        } finally {
            receiver.close();
            flex.close();
        }
    }
}
