package dev.flexlex.localflex.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.conversation.Webhook;
import com.twilio.security.RequestValidator;
import dev.flexlex.localflex.testing.LocalFlexTestBase;
import dev.flexlex.localflex.testing.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SMS and WhatsApp: address configurations of those types through twilio-java, the local-only inbound entry
 * ({@code POST /local/v1/Inbound}, plain HTTP) creating or continuing a conversation with a participant bound by
 * {@code messaging_binding}, the address's webhook firing as for webchat, and what was delivered to the phone.
 */
class SmsAndWhatsAppInboundTest extends LocalFlexTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger NUMBERS = new AtomicInteger(100);

    record Answer(int status, JsonNode body) {
    }

    /** A fresh E.164 number for each use, so tests never share a (From, To) pair. */
    static String number() {
        return "+1500555" + String.format("%04d", NUMBERS.incrementAndGet());
    }

    static AddressConfiguration address(AddressConfiguration.Type type, String number, String hookPath) {
        return AddressConfiguration.creator(type, number)
                .setFriendlyName(type + " " + number)
                .setAutoCreationEnabled(true)
                .setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK)
                .setAutoCreationWebhookUrl(receiver.url(hookPath))
                .setAutoCreationWebhookMethod(AddressConfiguration.Method.POST)
                .setAutoCreationWebhookFilters(List.of("onMessageAdded"))
                .create(twilio);
    }

    static Answer inbound(Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create(flex.baseUrl() + "/local/v1/Inbound"))
                .header("Authorization", basic(flex.authToken()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    static Answer inbound(String from, String to, String body) throws Exception {
        return inbound(Map.of("From", from, "To", to, "Body", body));
    }

    static Answer phoneRecord(String phone) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(flex.baseUrl() + "/local/v1/Phones/"
                        + URLEncoder.encode(phone, StandardCharsets.UTF_8) + "/Messages"))
                .header("Authorization", basic(flex.authToken())).GET().build());
    }

    static String basic(String token) {
        return "Basic " + Base64.getEncoder().encodeToString((flex.accountSid() + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    private static Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    static long conversationCount() {
        return StreamSupport.stream(Conversation.reader().read(twilio).spliterator(), false).count();
    }

    @Test
    void firstSmsAutoCreatesAConversationWithABoundParticipantAndFiresTheAddressWebhookSigned() throws Exception {
        String number = number();
        String phone = number();
        address(AddressConfiguration.Type.SMS, number, "/sms-created?bot=OrderFlowers");
        receiver.drain();

        Answer answer = inbound(phone, number, "I would like flowers");

        assertEquals(201, answer.status(), answer.body().toString());
        String conversationSid = answer.body().get("conversation_sid").asText();
        String participantSid = answer.body().get("participant_sid").asText();
        String messageSid = answer.body().get("message_sid").asText();
        assertTrue(conversationSid.matches("CH[0-9a-f]{32}"));
        Conversation conversation = Conversation.fetcher(conversationSid).fetch(twilio);
        assertEquals(Conversation.State.ACTIVE, conversation.getState());
        assertEquals(flex.chatServiceSid(), conversation.getChatServiceSid());
        Participant participant = Participant.fetcher(conversationSid, participantSid).fetch(twilio);
        assertNull(participant.getIdentity());
        assertEquals(Map.of("type", "sms", "address", phone, "proxy_address", number), participant.getMessagingBinding());
        Message message = Message.fetcher(conversationSid, messageSid).fetch(twilio);
        assertEquals(phone, message.getAuthor());
        assertEquals(participantSid, message.getParticipantSid());
        assertEquals("I would like flowers", message.getBody());
        assertNull(message.getDelivery(), "the phone's own message is delivered to no other phone");
        Webhook hook = Webhook.reader(conversationSid).read(twilio).iterator().next();
        assertEquals(receiver.url("/sms-created?bot=OrderFlowers"), JSON.valueToTree(hook.getConfiguration()).get("url").asText());

        WebhookReceiver.Call call = receiver.nextTo("/sms-created");
        assertEquals(receiver.url("/sms-created?bot=OrderFlowers"), call.url());
        assertEquals("onMessageAdded", call.params().get("EventType"));
        assertEquals("SMS", call.params().get("Source"));
        assertEquals(phone, call.params().get("Author"));
        assertEquals("I would like flowers", call.params().get("Body"));
        assertEquals(conversationSid, call.params().get("ConversationSid"));
        assertEquals(messageSid, call.params().get("MessageSid"));
        assertEquals(participantSid, call.params().get("ParticipantSid"));
        assertEquals("0", call.params().get("Index"));
        assertEquals(hook.getSid(), call.params().get("WebhookSid"));
        assertEquals(flex.chatServiceSid(), call.params().get("ChatServiceSid"));
        assertEquals("0", call.params().get("RetryCount"));
        assertTrue(new RequestValidator(flex.authToken()).validate(call.url(), call.params(), call.signature()));
        assertFalse(new RequestValidator("another-token").validate(call.url(), call.params(), call.signature()));
    }

    @Test
    void theNextSmsContinuesTheConversationAndOneAfterCloseStartsANewOne() throws Exception {
        String number = number();
        String phone = number();
        address(AddressConfiguration.Type.SMS, number, "/sms-continued");
        receiver.drain();
        JsonNode first = inbound(phone, number, "hello").body();
        JsonNode second = inbound(phone, number, "still me").body();
        assertEquals(first.get("conversation_sid"), second.get("conversation_sid"));
        assertEquals(first.get("participant_sid"), second.get("participant_sid"));
        String conversationSid = first.get("conversation_sid").asText();
        assertEquals(1, StreamSupport.stream(Participant.reader(conversationSid).read(twilio).spliterator(), false).count());
        assertEquals(1, StreamSupport.stream(Webhook.reader(conversationSid).read(twilio).spliterator(), false).count());
        assertEquals(List.of("0", "1"), List.of(receiver.nextTo("/sms-continued").params().get("Index"), receiver.nextTo("/sms-continued").params().get("Index")));

        Conversation.updater(conversationSid).setState(Conversation.State.INACTIVE).update(twilio);
        assertEquals(conversationSid, inbound(phone, number, "inactive still holds the pair").body().get("conversation_sid").asText());
        receiver.nextTo("/sms-continued");

        Conversation.updater(conversationSid).setState(Conversation.State.CLOSED).update(twilio);
        JsonNode after = inbound(phone, number, "back again").body();

        String newSid = after.get("conversation_sid").asText();
        assertNotEquals(conversationSid, newSid);
        assertNotEquals(first.get("participant_sid").asText(), after.get("participant_sid").asText());
        WebhookReceiver.Call call = receiver.nextTo("/sms-continued");
        assertEquals(newSid, call.params().get("ConversationSid"));
        assertEquals("0", call.params().get("Index"));
        assertEquals("back again", call.params().get("Body"));
        assertEquals(3, StreamSupport.stream(Message.reader(conversationSid).read(twilio).spliterator(), false).count(),
                "the closed conversation kept its messages and got no new one");
    }

    @Test
    void whatsappAddressIsStoredWithItsPrefixAndItsMessagesCarrySourceWhatsapp() throws Exception {
        String number = number();
        String phone = "whatsapp:" + number();
        AddressConfiguration created = address(AddressConfiguration.Type.WHATSAPP, number, "/whatsapp");
        assertEquals("whatsapp:" + number, created.getAddress());
        assertEquals("whatsapp:" + number, AddressConfiguration.fetcher(created.getSid()).fetch(twilio).getAddress());
        receiver.drain();

        JsonNode answer = inbound(phone, "whatsapp:" + number, "hola").body();

        Participant participant = Participant.fetcher(answer.get("conversation_sid").asText(),
                answer.get("participant_sid").asText()).fetch(twilio);
        assertEquals(Map.of("type", "whatsapp", "address", phone, "proxy_address", "whatsapp:" + number),
                participant.getMessagingBinding());
        WebhookReceiver.Call call = receiver.nextTo("/whatsapp");
        assertEquals("WHATSAPP", call.params().get("Source"));
        assertEquals(phone, call.params().get("Author"));
        assertTrue(new RequestValidator(flex.authToken()).validate(call.url(), call.params(), call.signature()));
        // an address given with its prefix is kept as given; one of type sms never takes the prefix
        String prefixed = "whatsapp:" + number();
        assertEquals(prefixed, address(AddressConfiguration.Type.WHATSAPP, prefixed, "/whatsapp-2").getAddress());
    }

    @Test
    void messagesOthersPostAreDeliveredToThePhoneAndRecordedThere() throws Exception {
        String number = number();
        String phone = number();
        String otherPhone = number();
        address(AddressConfiguration.Type.SMS, number, "/delivered");
        JsonNode first = inbound(phone, number, "hi").body();
        inbound(otherPhone, number, "someone else").body();
        String conversationSid = first.get("conversation_sid").asText();

        Message bot = Message.creator(conversationSid).setAuthor("bot").setBody("Which flowers?").create(twilio);
        Participant.creator(conversationSid).setIdentity("agent").create(twilio);
        Message agent = Message.creator(conversationSid).setAuthor("agent").setBody("An agent here").create(twilio);
        inbound(phone, number, "roses");

        assertEquals(Map.of("total", 1, "sent", "all", "delivered", "all", "read", "none", "failed", "none",
                "undelivered", "none"), bot.getDelivery());
        List<PhoneMessage> record = flex.phoneMessages(phone);
        assertEquals(List.of(new PhoneMessage(conversationSid, bot.getSid(), number, phone, "Which flowers?",
                        record.get(0).dateCreated()),
                new PhoneMessage(conversationSid, agent.getSid(), number, phone, "An agent here", record.get(1).dateCreated())),
                record, "the phone's own messages and other phones' conversations are not delivered to it");
        assertTrue(flex.phoneMessages(otherPhone).isEmpty());

        Answer http = phoneRecord(phone);
        assertEquals(200, http.status());
        JsonNode rows = http.body().get("messages");
        assertEquals(2, rows.size());
        assertEquals(bot.getSid(), rows.get(0).get("message_sid").asText());
        assertEquals(conversationSid, rows.get(0).get("conversation_sid").asText());
        assertEquals(number, rows.get(0).get("from").asText());
        assertEquals(phone, rows.get(0).get("to").asText());
        assertEquals("Which flowers?", rows.get(0).get("body").asText());
        assertEquals(record.get(0).dateCreated(), rows.get(0).get("date_created").asText());
        assertEquals("An agent here", rows.get(1).get("body").asText());
        assertEquals(0, phoneRecord(number()).body().get("messages").size(), "a phone nothing was sent to has an empty record");
        assertEquals(400, phoneRecord("not-a-phone").status());
    }

    @Test
    void theJavaAccessorPlaysTheSameInboundMessage() throws Exception {
        String number = number();
        String phone = number();
        address(AddressConfiguration.Type.SMS, number, "/java");
        receiver.drain();

        InboundResult result = flex.inboundMessage(phone, number, "from Java");

        assertEquals(phone, Message.fetcher(result.conversationSid(), result.messageSid()).fetch(twilio).getAuthor());
        assertEquals(result.conversationSid(), flex.inboundMessage(phone, number, "again").conversationSid());
        assertEquals("from Java", receiver.nextTo("/java").params().get("Body"));
    }

    @Test
    void aParticipantBoundOverRestIsContinuedByTheInboundEntryEvenWithoutAnAddressConfiguration() throws Exception {
        String number = number();
        String phone = number();
        String conversationSid = Conversation.creator().create(twilio).getSid();
        Participant participant = Participant.creator(conversationSid).setMessagingBindingAddress(phone)
                .setMessagingBindingProxyAddress(number).create(twilio);
        assertEquals(Map.of("type", "sms", "address", phone, "proxy_address", number), participant.getMessagingBinding());
        assertEquals(participant.getMessagingBinding(),
                Participant.fetcher(conversationSid, participant.getSid()).fetch(twilio).getMessagingBinding());

        JsonNode answer = inbound(phone, number, "replying to you").body();

        assertEquals(conversationSid, answer.get("conversation_sid").asText());
        assertEquals(participant.getSid(), answer.get("participant_sid").asText());
        Message bot = Message.creator(conversationSid).setAuthor("bot").setBody("hello phone").create(twilio);
        assertEquals(bot.getSid(), flex.phoneMessages(phone).get(0).messageSid());

        Conversation.updater(conversationSid).setState(Conversation.State.CLOSED).update(twilio);
        long conversations = conversationCount();
        Answer unrouted = inbound(phone, number, "nobody auto-creates for this number");
        assertEquals(404, unrouted.status(), unrouted.body().toString());
        assertEquals(20404, unrouted.body().get("code").asInt());
        assertEquals(conversations, conversationCount());
    }

}
