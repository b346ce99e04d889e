package dev.flexlex.localflex;

import com.twilio.exception.ApiException;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.taskrouter.v1.Workspace;
import dev.flexlex.localflex.testing.LocalFlexTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each fault mode, switched on and off at run time through {@link LocalFlexServer#setFaults}. */
class FaultsTest extends LocalFlexTestBase {

    @AfterEach
    void noFaults() {
        flex.setFaults(FaultSpec.none());
    }

    private static long conversations() {
        return StreamSupport.stream(Conversation.reader().read(twilio).spliterator(), false).count();
    }

    @Test
    void throttlingAnswers429ForTheNamedProductOnlyAndDoesNothing() {
        long before = conversations();
        flex.setFaults(FaultSpec.parse("conversations:429=1"));

        ApiException e = assertThrows(ApiException.class, () -> Conversation.creator().create(twilio));
        assertEquals(429, e.getStatusCode());
        assertEquals(20429, e.getCode());
        assertEquals(flex.workspaceSid(), Workspace.fetcher(flex.workspaceSid()).fetch(twilio).getSid());

        flex.setFaults(FaultSpec.none());
        assertEquals(before, conversations());
    }

    @Test
    void plain500DoesNothing() {
        long before = conversations();
        flex.setFaults(FaultSpec.parse("*:500=1"));

        ApiException e = assertThrows(ApiException.class, () -> Conversation.creator().create(twilio));
        assertEquals(500, e.getStatusCode());

        flex.setFaults(FaultSpec.none());
        assertEquals(before, conversations());
    }

    @Test
    void fiveHundredAfterActsThenFails() {
        String sid = Conversation.creator().create(twilio).getSid();
        flex.setFaults(FaultSpec.parse("conversations:500after=1"));

        ApiException e = assertThrows(ApiException.class,
                () -> Message.creator(sid).setAuthor("bot").setBody("posted despite the 500").create(twilio));
        assertEquals(500, e.getStatusCode());

        flex.setFaults(FaultSpec.none());
        List<String> bodies = new ArrayList<>();
        Message.reader(sid).read(twilio).forEach(m -> bodies.add(m.getBody()));
        assertEquals(List.of("posted despite the 500"), bodies);
    }

    @Test
    void latencyIsAddedToEveryCall() {
        String sid = Conversation.creator().create(twilio).getSid();
        flex.setFaults(FaultSpec.parse("*:latency=300ms"));

        long start = System.nanoTime();
        Conversation.fetcher(sid).fetch(twilio);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(tookMillis >= 300, "call took " + tookMillis + " ms, expected at least the 300 ms latency");
    }

    @Test
    void fractionsAreDrawnFromTheSeedSoRunsRepeat() {
        String sid = Conversation.creator().create(twilio).getSid();
        FaultSpec spec = FaultSpec.parse("conversations:500=0.5,seed=42");

        flex.setFaults(spec);
        List<Integer> first = outcomes(sid, 20);
        flex.setFaults(spec);
        List<Integer> second = outcomes(sid, 20);

        assertEquals(first, second);
        assertTrue(first.contains(200) && first.contains(500), "a 0.5 fraction gave " + first);
    }

    private static List<Integer> outcomes(String sid, int calls) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            try {
                Conversation.fetcher(sid).fetch(twilio);
                out.add(200);
            } catch (ApiException e) {
                out.add(e.getStatusCode());
            }
        }
        return out;
    }

    @Test
    void builderTakesTheSameSpec() {
        try (LocalFlexServer faulty = LocalFlexServer.builder().faults(FaultSpec.parse("taskrouter:429=1")).start()) {
            assertEquals("taskrouter:429=1", faulty.faults().toString());
            com.twilio.http.TwilioRestClient client = new com.twilio.http.TwilioRestClient.Builder(faulty.accountSid(), faulty.authToken())
                    .httpClient(new dev.flexlex.localflex.testing.LocalFlexHttpClient(faulty.baseUrl())).build();
            ApiException e = assertThrows(ApiException.class, () -> Workspace.fetcher(faulty.workspaceSid()).fetch(client));
            assertEquals(429, e.getStatusCode());
            assertTrue(Conversation.creator().create(client).getSid().startsWith("CH"));
        }
    }
}
