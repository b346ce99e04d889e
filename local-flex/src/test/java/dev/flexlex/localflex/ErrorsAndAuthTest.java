package dev.flexlex.localflex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.conversation.Webhook;
import com.twilio.rest.flexapi.v1.Interaction;
import com.twilio.rest.flexapi.v2.WebChannels;
import com.twilio.rest.taskrouter.v1.workspace.Task;
import dev.flexlex.localflex.testing.LocalFlexHttpClient;
import dev.flexlex.localflex.testing.LocalFlexTestBase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Auth failures and bad input: Twilio's status, code and error body, and nothing half-created. */
class ErrorsAndAuthTest extends LocalFlexTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient RAW = HttpClient.newHttpClient();

    private static long conversations() {
        return StreamSupport.stream(Conversation.reader().read(twilio).spliterator(), false).count();
    }

    private static HttpResponse<String> raw(String method, String path, String contentType, String body, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(flex.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (auth) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (flex.accountSid() + ":" + flex.authToken()).getBytes(StandardCharsets.UTF_8)));
        }
        return RAW.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertTwilioError(HttpResponse<String> response, int status, int code) throws Exception {
        assertEquals(status, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(code, body.get("code").asInt());
        assertEquals(status, body.get("status").asInt());
        assertEquals("https://www.twilio.com/docs/errors/" + code, body.get("more_info").asText());
        assertTrue(body.get("message").asText().length() > 3);
    }

    @Test
    void wrongCredentialsGet401WithCode20003() throws Exception {
        TwilioRestClient wrong = new TwilioRestClient.Builder(flex.accountSid(), "not-the-token")
                .httpClient(new LocalFlexHttpClient(flex.baseUrl())).build();
        ApiException e = assertThrows(ApiException.class, () -> Conversation.creator().create(wrong));
        assertEquals(401, e.getStatusCode());
        assertEquals(20003, e.getCode());

        HttpResponse<String> anonymous = raw("GET", "/conversations/v1/Conversations", null, null, false);
        assertTwilioError(anonymous, 401, 20003);
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    }

    @Test
    void invalidAttributesAre400AndCreateNothing() {
        long before = conversations();
        ApiException e = assertThrows(ApiException.class, () -> Conversation.creator().setAttributes("{oops").create(twilio));
        assertEquals(400, e.getStatusCode());
        assertEquals(20001, e.getCode());
        assertTrue(e.getMessage().contains("Attributes"));
        assertEquals(before, conversations());
    }

    @Test
    void aClosedConversationIsFinal() {
        ApiException closedAtBirth = assertThrows(ApiException.class,
                () -> Conversation.creator().setState(Conversation.State.CLOSED).create(twilio));
        assertEquals(50384, closedAtBirth.getCode());
        String sid = Conversation.creator().create(twilio).getSid();
        Conversation.updater(sid).setState(Conversation.State.CLOSED).update(twilio);

        ApiException post = assertThrows(ApiException.class, () -> com.twilio.rest.conversations.v1.conversation.Message
                .creator(sid).setAuthor("bot").setBody("too late").create(twilio));
        ApiException reopen = assertThrows(ApiException.class,
                () -> Conversation.updater(sid).setState(Conversation.State.ACTIVE).update(twilio));

        assertEquals(400, post.getStatusCode());
        assertEquals(50377, post.getCode());
        assertEquals(50377, reopen.getCode());
        assertEquals(Conversation.State.CLOSED, Conversation.fetcher(sid).fetch(twilio).getState());
        assertEquals(false, com.twilio.rest.conversations.v1.conversation.Message.reader(sid).read(twilio).iterator().hasNext());
    }

    @Test
    void badWebChatInputIs400AndCreatesNoConversation() {
        AddressConfiguration sms = AddressConfiguration.creator(AddressConfiguration.Type.SMS, "+15005559901").create(twilio);
        AddressConfiguration chat = AddressConfiguration.creator(AddressConfiguration.Type.CHAT, "bad-webchat").create(twilio);
        long before = conversations();

        ApiException badJson = assertThrows(ApiException.class, () -> WebChannels.creator(chat.getSid())
                .setPreEngagementData("not json").create(twilio));
        ApiException notChat = assertThrows(ApiException.class, () -> WebChannels.creator(sms.getSid()).create(twilio));
        ApiException unknown = assertThrows(ApiException.class, () -> WebChannels.creator("IG00000000000000000000000000000000").create(twilio));

        assertEquals(400, badJson.getStatusCode());
        assertEquals(400, notChat.getStatusCode());
        assertEquals(400, unknown.getStatusCode());
        assertEquals(before, conversations());
    }

    @Test
    void interactionWithUnknownWorkspaceIs400AndCreatesNoTask() {
        String conversationSid = Conversation.creator().create(twilio).getSid();
        long tasksBefore = StreamSupport.stream(Task.reader(flex.workspaceSid()).read(twilio).spliterator(), false).count();
        Map<String, Object> channel = Map.of("type", "web", "properties", Map.of("media_channel_sid", conversationSid));

        ApiException e = assertThrows(ApiException.class, () -> Interaction.creator(channel)
                .setRouting(Map.of("properties", Map.of("workspace_sid", "WS00000000000000000000000000000000",
                        "task_channel_unique_name", "chat"))).create(twilio));
        ApiException noMedia = assertThrows(ApiException.class, () -> Interaction.creator(
                Map.of("type", "web", "properties", Map.of("media_channel_sid", "CH00000000000000000000000000000000"))).create(twilio));

        assertEquals(400, e.getStatusCode());
        assertEquals(400, noMedia.getStatusCode());
        assertEquals(tasksBefore, StreamSupport.stream(Task.reader(flex.workspaceSid()).read(twilio).spliterator(), false).count());
    }

    @Test
    void webhookWithoutUrlAndDuplicateParticipantAreRejected() {
        String sid = Conversation.creator().create(twilio).getSid();
        ApiException noUrl = assertThrows(ApiException.class, () -> Webhook.creator(sid, Webhook.Target.WEBHOOK).create(twilio));
        assertEquals(400, noUrl.getStatusCode());
        assertTrue(noUrl.getMessage().contains("Configuration.Url"));
        assertEquals(false, Webhook.reader(sid).read(twilio).iterator().hasNext());

        Participant.creator(sid).setIdentity("ada").create(twilio);
        ApiException duplicate = assertThrows(ApiException.class, () -> Participant.creator(sid).setIdentity("ada").create(twilio));
        assertEquals(409, duplicate.getStatusCode());
        assertEquals(50433, duplicate.getCode());
        assertEquals(1, StreamSupport.stream(Participant.reader(sid).read(twilio).spliterator(), false).count());
    }

    @Test
    void malformedBodiesUnknownPathsAndBadPagingGetTwilioErrors() throws Exception {
        long before = conversations();
        assertTwilioError(raw("POST", "/conversations/v1/Conversations", "application/x-www-form-urlencoded",
                "FriendlyName=%zz", true), 400, 20001);
        assertTwilioError(raw("POST", "/conversations/v1/Conversations", "application/json",
                "{\"FriendlyName\":\"x\"}", true), 400, 20001);
        assertTwilioError(raw("GET", "/conversations/v1/Nothing", null, null, true), 404, 20404);
        assertTwilioError(raw("GET", "/conversations/v1/Conversations/CH00000000000000000000000000000000", null, null, true), 404, 20404);
        assertTwilioError(raw("GET", "/elsewhere/v1/Conversations", null, null, true), 404, 20404);
        assertTwilioError(raw("GET", "/conversations/v1/Conversations?PageSize=0", null, null, true), 400, 20001);
        assertTwilioError(raw("PUT", "/conversations/v1/Conversations", null, null, true), 405, 20004);
        assertEquals(before, conversations());
    }
}
