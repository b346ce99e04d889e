package dev.flexlex.priming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.aws.AwsClients;
import dev.flexlex.config.ConfigException;
import dev.flexlex.config.Env;
import dev.flexlex.queue.SqsQueuePublisher;
import dev.flexlex.twilio.SecretsManagerTwilioCredentials;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class PrimingTest {
    @Test
    void primeAtInitIsTrueOrFalseAndAnythingElseFailsNamingTheVariable() {
        assertFalse(Priming.atInit(new Env(Map.of())));
        assertFalse(Priming.atInit(new Env(Map.of(Priming.PRIME_AT_INIT, "false"))));
        assertTrue(Priming.atInit(new Env(Map.of(Priming.PRIME_AT_INIT, "true"))));
        ConfigException e = assertThrows(ConfigException.class,
                () -> Priming.register("f", new Env(Map.of(Priming.PRIME_AT_INIT, "yes")), rounds -> { }));
        assertTrue(e.getMessage().contains(Priming.PRIME_AT_INIT), e.getMessage());
    }

    @Test
    void runsOnceAtInitWhenAskedAndNotAgainBeforeACheckpoint() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Priming priming = Priming.register("f", new Env(Map.of(Priming.PRIME_AT_INIT, "true")), rounds -> {
            assertEquals("true", MDC.get(Priming.MDC_KEY));
            MDC.put("chatSid", "CH-of-the-priming-path");
            runs.incrementAndGet();
        });

        priming.beforeCheckpoint(null);

        assertEquals(1, runs.get());
        assertTrue(priming.done());
        assertNull(MDC.get(Priming.MDC_KEY));
        assertNull(MDC.get("chatSid"), "the priming path's ids are not left for the first invocation's log lines");
    }

    @Test
    void withoutPrimeAtInitItWaitsForTheCheckpoint() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Priming priming = Priming.register("f", new Env(Map.of()), rounds -> runs.incrementAndGet());
        assertEquals(0, runs.get());

        priming.beforeCheckpoint(null);
        priming.beforeCheckpoint(null);

        assertEquals(1, runs.get());
    }

    @Test
    void primingRoundsArePassedToThePathAndDefaultToOne() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        Priming.register("f", new Env(Map.of(Priming.PRIME_AT_INIT, "true")), asked::set);
        assertEquals(1, asked.get());

        Priming.register("f", new Env(Map.of(Priming.PRIME_AT_INIT, "true", Priming.PRIMING_ROUNDS, "500")), asked::set);
        assertEquals(500, asked.get());
    }

    @Test
    void primingRoundsThatAreNotAWholeNumberInRangeFailNamingTheVariableAndNothingRuns() {
        for (String bad : new String[] {"0", "-3", "2.5", "many", "100001"}) {
            AtomicInteger runs = new AtomicInteger();
            ConfigException e = assertThrows(ConfigException.class, () -> Priming.register("f",
                    new Env(Map.of(Priming.PRIME_AT_INIT, "true", Priming.PRIMING_ROUNDS, bad)), r -> runs.incrementAndGet()));
            assertTrue(e.getMessage().contains(Priming.PRIMING_ROUNDS) && e.getMessage().contains("1 to 100000"),
                    e.getMessage());
            assertEquals(0, runs.get(), bad);
        }
    }

    @Test
    void aFailingPrimingIsLoggedNotThrown() throws Exception {
        Priming priming = Priming.register("f", new Env(Map.of()), rounds -> {
            throw new IllegalStateException("boom");
        });

        priming.beforeCheckpoint(null);

        assertTrue(priming.done());
        assertNull(MDC.get(Priming.MDC_KEY));
    }

    @Test
    void theCannedClientAnswersSqsAndSecretsCallsThroughTheRealSdkClientsAndNoSocketIsOpened() throws Exception {
        try (Tripwire tripwire = new Tripwire()) {
            CannedAwsHttpClient http = new CannedAwsHttpClient();
            AwsClients aws = tripwire.awsClientsThrough(http);

            new SqsQueuePublisher(aws.sqs(), tripwire.url() + "/000000000000/q.fifo").publish("g", "d", Map.of("a", 1));
            SecretsManagerTwilioCredentials credentials = new SecretsManagerTwilioCredentials(aws.secretsManager(),
                    PrimingKit.SECRET_ID);
            assertEquals(PrimingKit.ACCOUNT_SID, credentials.accountSid());
            assertEquals(PrimingKit.AUTH_TOKEN, credentials.authToken());

            assertEquals(2, http.calls());
            assertEquals(0, tripwire.connections());
        }
    }
}
