package dev.flexlex.localflex;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import dev.flexlex.localflex.testing.LocalFlexHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Fail the next request matching …" ({@link TargetedFault}) and the request record, through twilio-java. */
class TargetedFaultsTest {
    static LocalFlexServer flex;
    static TwilioRestClient twilio;

    @BeforeAll
    static void start() {
        flex = LocalFlexServer.builder().port(0).recordRequests(true).start();
        twilio = new TwilioRestClient.Builder(flex.accountSid(), flex.authToken())
                .httpClient(new LocalFlexHttpClient(flex.baseUrl())).build();
    }

    @AfterAll
    static void stop() {
        flex.close();
    }

    @AfterEach
    void noFaults() {
        flex.setFaults(FaultSpec.none());
    }

    static List<String> bodies(String chat) {
        ResourceSet<Message> messages = Message.reader(chat).read(twilio);
        return StreamSupport.stream(messages.spliterator(), false).map(Message::getBody).toList();
    }

    static Message post(String chat, String body) {
        return Message.creator(chat).setAuthor("bot").setBody(body).create(twilio);
    }

    @Test
    void aStatusFailsOnlyTheMatchingRequestOnceAndNothingIsDone() {
        String chat = Conversation.creator().create(twilio).getSid();
        flex.setFaults(FaultSpec.parse("next:POST /conversations/v1/Conversations/*/Messages=503"));

        assertEquals(chat, Conversation.fetcher(chat).fetch(twilio).getSid(), "a GET of the chat is not matched");
        ApiException e = assertThrows(ApiException.class, () -> post(chat, "one"));
        assertEquals(503, e.getStatusCode());
        assertEquals(20503, e.getCode());
        assertEquals(List.of(), bodies(chat), "nothing was posted");

        post(chat, "two");
        assertEquals(List.of("two"), bodies(chat), "used up after one request");
    }

    @Test
    void afterActsFirstAndTheCountSaysHowManyRequestsFail() {
        String chat = Conversation.creator().create(twilio).getSid();
        flex.setFaults(FaultSpec.parse("next:POST /conversations/v1/Conversations/" + chat + "/Messages=500after*2"));

        assertEquals(500, assertThrows(ApiException.class, () -> post(chat, "one")).getStatusCode());
        assertEquals(500, assertThrows(ApiException.class, () -> post(chat, "two")).getStatusCode());
        post(chat, "three");

        assertEquals(List.of("one", "two", "three"), bodies(chat), "each failed post took effect");
    }

    @Test
    void faultsForTheSameRequestApplyInTheOrderGiven() {
        String chat = Conversation.creator().create(twilio).getSid();
        flex.setFaults(FaultSpec.parse("next:GET /conversations/v1/Conversations/" + chat + "=503,"
                + "next:GET /conversations/v1/Conversations/*=429"));

        assertEquals(503, assertThrows(ApiException.class, () -> Conversation.fetcher(chat).fetch(twilio)).getStatusCode());
        assertEquals(429, assertThrows(ApiException.class, () -> Conversation.fetcher(chat).fetch(twilio)).getStatusCode());
        assertEquals(chat, Conversation.fetcher(chat).fetch(twilio).getSid());
    }

    @Test
    void aDroppedConnectionGetsNoAnswerAndDropAfterActsFirst() {
        String chat = Conversation.creator().create(twilio).getSid();
        flex.setFaults(FaultSpec.parse("next:POST /conversations/v1/Conversations/*/Messages=drop,"
                + "next:POST /conversations/v1/Conversations/*/Messages=dropafter"));

        RuntimeException dropped = assertThrows(RuntimeException.class, () -> post(chat, "one"));
        assertTrue(!(dropped instanceof ApiException), "no HTTP answer at all: " + dropped);
        assertEquals(List.of(), bodies(chat));
        RuntimeException droppedAfter = assertThrows(RuntimeException.class, () -> post(chat, "two"));
        assertTrue(!(droppedAfter instanceof ApiException), "no HTTP answer at all: " + droppedAfter);
        assertEquals(List.of("two"), bodies(chat));
    }

    @Test
    void anEmbeddedCallerMayGiveTheErrorBody() {
        String chat = Conversation.creator().create(twilio).getSid();
        flex.setFaults(FaultSpec.of(new TargetedFault("POST", "/conversations/v1/Conversations/*/Messages", 400,
                "{\"code\":50377,\"message\":\"closed\",\"more_info\":\"https://www.twilio.com/docs/errors/50377\","
                        + "\"status\":400}", false, 1)));

        ApiException e = assertThrows(ApiException.class, () -> post(chat, "one"));

        assertEquals(400, e.getStatusCode());
        assertEquals(50377, e.getCode());
    }

    @Test
    void everyRequestIsRecordedAsSentFaultedOrNot() {
        String chat = Conversation.creator().create(twilio).getSid();
        flex.setFaults(FaultSpec.parse("next:POST /conversations/v1/Conversations/*/Messages=500"));
        flex.clearRequests();

        assertThrows(ApiException.class, () -> post(chat, "Hi there"));
        Message.reader(chat).setOrder(Message.OrderType.DESC).limit(30).read(twilio);

        List<RecordedRequest> requests = flex.requests();
        assertEquals(List.of("POST conversations/v1/Conversations/" + chat + "/Messages",
                "GET conversations/v1/Conversations/" + chat + "/Messages"),
                requests.stream().map(RecordedRequest::line).toList());
        assertEquals(Map.of("Author", "bot", "Body", "Hi there"), requests.get(0).form());
        assertTrue(requests.get(0).contentType().startsWith("application/x-www-form-urlencoded"));
        assertTrue(requests.get(0).authorization().startsWith("Basic "));
        assertEquals(List.of("desc"), requests.get(1).query().get("Order"));
        assertEquals(List.of("30"), requests.get(1).query().get("PageSize"));
    }

    @Test
    void withoutRecordingAskingForTheRequestsFailsClearly() {
        try (LocalFlexServer plain = LocalFlexServer.builder().port(0).start()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, plain::requests);
            assertTrue(e.getMessage().contains("recordRequests(true)"), e.getMessage());
        }
    }

    @Test
    void skipLetsMatchingRequestsThroughFirstAndFailNextAddsWithoutReArming() {
        String chat = Conversation.creator().create(twilio).getSid();
        flex.setFaults(FaultSpec.parse("next:POST /conversations/v1/Conversations/*/Messages=500+1"));

        post(chat, "one");
        assertEquals(500, assertThrows(ApiException.class, () -> post(chat, "two")).getStatusCode());
        flex.failNext(new TargetedFault("POST", "/conversations/v1/Conversations/*/Messages", 429, null, false, 1));
        assertEquals(429, assertThrows(ApiException.class, () -> post(chat, "three")).getStatusCode());
        post(chat, "four");

        assertEquals(List.of("one", "four"), bodies(chat), "the used-up fault was not re-armed by failNext");
    }
}
