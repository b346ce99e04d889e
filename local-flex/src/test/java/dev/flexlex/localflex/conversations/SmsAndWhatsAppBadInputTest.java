package dev.flexlex.localflex.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.exception.ApiException;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import dev.flexlex.localflex.FaultSpec;
import dev.flexlex.localflex.testing.LocalFlexTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static dev.flexlex.localflex.conversations.SmsAndWhatsAppInboundTest.address;
import static dev.flexlex.localflex.conversations.SmsAndWhatsAppInboundTest.conversationCount;
import static dev.flexlex.localflex.conversations.SmsAndWhatsAppInboundTest.inbound;
import static dev.flexlex.localflex.conversations.SmsAndWhatsAppInboundTest.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad input to the SMS/WhatsApp parts of the local Flex gets Twilio's error shape and creates nothing: the
 * local-only inbound entry, participants bound over REST, and sms/whatsapp address configurations.
 */
class SmsAndWhatsAppBadInputTest extends LocalFlexTestBase {

    private static long count(Iterable<?> items) {
        return StreamSupport.stream(items.spliterator(), false).count();
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static void assertError(SmsAndWhatsAppInboundTest.Answer answer, int status, int code, String mentions) {
        assertEquals(status, answer.status(), answer.body().toString());
        JsonNode body = answer.body();
        assertEquals(code, body.get("code").asInt(), body.toString());
        assertEquals(status, body.get("status").asInt());
        assertEquals("https://www.twilio.com/docs/errors/" + code, body.get("more_info").asText());
        assertTrue(body.get("message").asText().contains(mentions), body.toString());
    }

    private static void assertTwilioError(Executable call, int status, int code) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(status, e.getStatusCode(), e.getMessage());
        assertEquals(code, e.getCode(), e.getMessage());
    }

    @Test
    void everyBadInboundMessageIsRefusedWithTwilioErrorsAndCreatesNothing() throws Exception {
        String sms = number();
        String whatsapp = number();
        String phone = number();
        address(AddressConfiguration.Type.SMS, sms, "/bad-sms");
        address(AddressConfiguration.Type.WHATSAPP, whatsapp, "/bad-whatsapp");
        AddressConfiguration.creator(AddressConfiguration.Type.CHAT, "webchat-bad").create(twilio);
        String disabled = number();
        AddressConfiguration.creator(AddressConfiguration.Type.SMS, disabled).setAutoCreationEnabled(false).create(twilio);
        long conversations = conversationCount();
        long events = flex.webhookEventsQueued();

        assertError(inbound(form("To", sms, "Body", "hi")), 400, 20001, "From");
        assertError(inbound(form("From", phone, "Body", "hi")), 400, 20001, "To");
        assertError(inbound(form("From", phone, "To", sms)), 400, 20001, "Body");
        assertError(inbound(phone, sms, ""), 400, 20001, "Body");
        assertError(inbound(phone, number(), "to nobody"), 404, 20404, "address configuration");
        assertError(inbound(phone, "webchat-bad", "to a chat address"), 404, 20404, "webchat-bad");
        assertError(inbound("whatsapp:" + phone, sms, "wrong channel"), 400, 50414, "whatsapp");
        assertError(inbound(phone, "whatsapp:" + whatsapp, "wrong channel"), 400, 50414, "sms");
        assertError(inbound("alice", sms, "no phone"), 400, 50407, "From");
        assertError(inbound("15005550999", sms, "no plus"), 400, 50407, "From");
        assertError(inbound(sms, sms, "to itself"), 400, 50409, "equals");
        assertError(inbound(phone, sms, "x".repeat(1601)), 400, 50504, "too long");
        assertError(inbound(phone, disabled, "auto-creation off"), 400, 20001, "AutoCreation disabled");
        HttpResponse<String> unauthenticated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(flex.baseUrl() + "/local/v1/Inbound"))
                .header("Authorization", SmsAndWhatsAppInboundTest.basic("wrong-token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("From=%2B15005550001&To=" + sms.replace("+", "%2B") + "&Body=hi")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unauthenticated.statusCode());

        assertEquals(conversations, conversationCount(), "a refused inbound message created a conversation");
        assertEquals(events, flex.webhookEventsQueued(), "a refused inbound message fired a webhook");
        assertTrue(flex.phoneMessages(phone).isEmpty());
    }

    @Test
    void aBadMessageToAnOpenConversationAddsNothingToIt() throws Exception {
        String sms = number();
        String phone = number();
        address(AddressConfiguration.Type.SMS, sms, "/bad-open");
        String conversationSid = inbound(phone, sms, "hello").body().get("conversation_sid").asText();
        long events = flex.webhookEventsQueued();

        assertError(inbound(phone, sms, "x".repeat(1601)), 400, 50504, "too long");
        assertError(inbound(phone, sms, ""), 400, 20001, "Body");

        assertEquals(1, count(Message.reader(conversationSid).read(twilio)));
        assertEquals(events, flex.webhookEventsQueued());
        assertEquals(conversationSid, inbound(phone, sms, "fine").body().get("conversation_sid").asText(),
                "the next good message still continues the conversation");
    }

    @Test
    void randomFaultsNeverHitTheLocalEntryButTargetedOnesDo() throws Exception {
        String sms = number();
        address(AddressConfiguration.Type.SMS, sms, "/faults");
        try {
            flex.setFaults(FaultSpec.parse("*:500=1,*:429=0"));
            assertEquals(201, inbound(number(), sms, "the carrier's side is not a REST call").status());
            flex.setFaults(FaultSpec.parse("next:POST /local/v1/Inbound=503"));
            long conversations = flex.phoneMessages(sms).size();
            assertEquals(503, inbound(number(), sms, "targeted").status());
            assertEquals(conversations, flex.phoneMessages(sms).size());
        } finally {
            flex.setFaults(FaultSpec.none());
        }
    }

    @Test
    void badMessagingBindingsOverRestAreRefusedWithTwilioCodesAndAddNoParticipant() {
        String number = number();
        String phone = number();
        String conversationSid = Conversation.creator().create(twilio).getSid();

        assertTwilioError(() -> Participant.creator(conversationSid).setMessagingBindingAddress("not-a-phone")
                .setMessagingBindingProxyAddress(number).create(twilio), 400, 50407);
        assertTwilioError(() -> Participant.creator(conversationSid).setMessagingBindingAddress(phone).create(twilio), 400, 50412);
        assertTwilioError(() -> Participant.creator(conversationSid).setMessagingBindingAddress(phone)
                .setMessagingBindingProxyAddress("twilio").create(twilio), 400, 50408);
        assertTwilioError(() -> Participant.creator(conversationSid).setMessagingBindingAddress("whatsapp:" + phone)
                .setMessagingBindingProxyAddress(number).create(twilio), 400, 50414);
        assertTwilioError(() -> Participant.creator(conversationSid).setMessagingBindingAddress(number)
                .setMessagingBindingProxyAddress(number).create(twilio), 400, 50409);
        assertTwilioError(() -> Participant.creator(conversationSid).setIdentity("ada").setMessagingBindingAddress(phone)
                .setMessagingBindingProxyAddress(number).create(twilio), 400, 20001);
        assertEquals(0, count(Participant.reader(conversationSid).read(twilio)));

        Participant.creator(conversationSid).setMessagingBindingAddress(phone).setMessagingBindingProxyAddress(number).create(twilio);
        String other = Conversation.creator().create(twilio).getSid();
        assertTwilioError(() -> Participant.creator(other).setMessagingBindingAddress(phone)
                .setMessagingBindingProxyAddress(number).create(twilio), 409, 50416);
        assertEquals(0, count(Participant.reader(other).read(twilio)));

        Conversation.updater(conversationSid).setState(Conversation.State.CLOSED).update(twilio);
        Participant.creator(other).setMessagingBindingAddress(phone).setMessagingBindingProxyAddress(number).create(twilio);
        assertEquals(1, count(Participant.reader(other).read(twilio)), "closing the conversation freed the pair");
    }

    @Test
    void badSmsAndWhatsappAddressConfigurationsAreRefusedAndNoneIsHalfCreated() {
        String number = number();
        long before = count(AddressConfiguration.reader().read(twilio));

        assertTwilioError(() -> AddressConfiguration.creator(AddressConfiguration.Type.SMS, "hello").create(twilio), 400, 20001);
        assertTwilioError(() -> AddressConfiguration.creator(AddressConfiguration.Type.SMS, "whatsapp:" + number).create(twilio), 400, 20001);
        assertTwilioError(() -> AddressConfiguration.creator(AddressConfiguration.Type.WHATSAPP, "whatsapp:123").create(twilio), 400, 20001);
        assertTwilioError(() -> AddressConfiguration.creator(AddressConfiguration.Type.SMS, number).setAutoCreationEnabled(true)
                .setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK).create(twilio), 400, 20001);
        assertEquals(before, count(AddressConfiguration.reader().read(twilio)));

        AddressConfiguration.creator(AddressConfiguration.Type.SMS, number).create(twilio);
        AddressConfiguration.creator(AddressConfiguration.Type.WHATSAPP, number).create(twilio);
        assertTwilioError(() -> AddressConfiguration.creator(AddressConfiguration.Type.SMS, number).create(twilio), 409, 20409);
        assertTwilioError(() -> AddressConfiguration.creator(AddressConfiguration.Type.WHATSAPP, "whatsapp:" + number).create(twilio), 409, 20409);
        assertEquals(before + 2, count(AddressConfiguration.reader().read(twilio)));
        assertEquals(List.of(number), StreamSupport.stream(AddressConfiguration.reader().setType("sms").read(twilio).spliterator(), false)
                .map(AddressConfiguration::getAddress).filter(number::equals).toList());
    }
}
