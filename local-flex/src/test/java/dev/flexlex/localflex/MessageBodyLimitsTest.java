package dev.flexlex.localflex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.flexapi.v1.FlexFlow;
import com.twilio.rest.flexapi.v1.WebChannel;
import com.twilio.rest.flexapi.v2.WebChannels;
import dev.flexlex.localflex.testing.LocalFlexTestBase;
import dev.flexlex.localflex.testing.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Message bodies at and over Twilio's documented limits (Conversations 1,600 characters, Chat v2 32 KiB), and
 * media-only messages, through the real twilio-java client. A refused message leaves nothing behind: no message and
 * no webhook (the next webhook of the chat is the next accepted message's: one chat's events go out in order).
 */
class MessageBodyLimitsTest extends LocalFlexTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEDIA_SID = "ME0123456789abcdef0123456789abcdef";

    private record Chat(String sid, String identity) {
    }

    private static Chat conversation(String hookPath) {
        AddressConfiguration address = AddressConfiguration.creator(AddressConfiguration.Type.CHAT, "webchat-" + hookPath)
                .setAutoCreationEnabled(true)
                .setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK)
                .setAutoCreationWebhookUrl(receiver.url(hookPath))
                .setAutoCreationWebhookMethod(AddressConfiguration.Method.POST)
                .setAutoCreationWebhookFilters(List.of("onMessageAdded"))
                .create(twilio);
        WebChannels chat = WebChannels.creator(address.getSid()).setCustomerFriendlyName("Ada").create(twilio);
        return new Chat(chat.getConversationSid(), chat.getIdentity());
    }

    private static com.twilio.rest.conversations.v1.conversation.MessageCreator customer(Chat chat) {
        return Message.creator(chat.sid()).setAuthor(chat.identity())
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE);
    }

    private static String channel(String hookPath) {
        FlexFlow flow = FlexFlow.creator("flow " + hookPath, flex.chatServiceSid(), FlexFlow.ChannelType.WEB)
                .setIntegrationType(FlexFlow.IntegrationType.EXTERNAL)
                .setIntegrationUrl(receiver.url(hookPath))
                .setEnabled(true)
                .create(twilio);
        return WebChannel.creator(flow.getSid(), "guest", "Grace", "Grace's chat").create(twilio).getSid();
    }

    private static com.twilio.rest.chat.v2.service.channel.MessageCreator guest(String channelSid) {
        return com.twilio.rest.chat.v2.service.channel.Message.creator(flex.chatServiceSid(), channelSid).setFrom("guest")
                .setXTwilioWebhookEnabled(com.twilio.rest.chat.v2.service.channel.Message.WebhookEnabledType.TRUE);
    }

    private static List<Message> messages(Chat chat) {
        List<Message> all = new ArrayList<>();
        Message.reader(chat.sid()).read(twilio).forEach(all::add);
        return all;
    }

    @Test
    void aConversationsBodyOverSixteenHundredCharactersIsRefusedAndNothingHappens() throws Exception {
        Chat chat = conversation("/long");
        receiver.drain();

        ApiException refused = assertThrows(ApiException.class,
                () -> customer(chat).setBody("a".repeat(1601)).create(twilio));
        assertEquals(400, refused.getStatusCode());
        assertEquals(50504, refused.getCode());
        assertTrue(refused.getMessage().contains("too long"), refused.getMessage());
        assertEquals(List.of(), messages(chat), "no message created");

        Message fits = customer(chat).setBody("b".repeat(1600)).create(twilio);
        WebhookReceiver.Call call = receiver.next();
        assertEquals(fits.getSid(), call.params().get("MessageSid"), "the refused message fired no webhook");
        assertEquals(1600, call.params().get("Body").length());
        assertEquals(0, fits.getIndex(), "the refused message took no index");
        assertEquals(1, messages(chat).size());
    }

    @Test
    void anUpdateToABodyOverTheLimitIsRefusedAndTheMessageKeepsItsBody() throws Exception {
        Chat chat = conversation("/update");
        Message sent = customer(chat).setBody("hello").create(twilio);
        receiver.next();

        ApiException refused = assertThrows(ApiException.class,
                () -> Message.updater(chat.sid(), sent.getSid()).setBody("c".repeat(1601)).update(twilio));
        assertEquals(50504, refused.getCode());
        assertEquals("hello", Message.fetcher(chat.sid(), sent.getSid()).fetch(twilio).getBody());
    }

    @Test
    void aMediaOnlyConversationsMessageFiresOnMessageAddedWithMediaAndNoBody() throws Exception {
        Chat chat = conversation("/media");
        receiver.drain();

        Message sent = customer(chat).setMediaSid(MEDIA_SID).create(twilio);

        assertEquals(null, sent.getBody());
        assertEquals(MEDIA_SID, JSON.valueToTree(sent.getMedia()).path(0).path("sid").asText());
        WebhookReceiver.Call call = receiver.next();
        assertEquals(sent.getSid(), call.params().get("MessageSid"));
        assertFalse(call.params().containsKey("Body"), "no text, no Body: " + call.params());
        JsonNode media = JSON.readTree(call.params().get("Media"));
        assertEquals(1, media.size());
        assertEquals(MEDIA_SID, media.get(0).path("Sid").asText());
    }

    @Test
    void aChatBodyOverThirtyTwoKibIsRefusedAndNothingHappens() throws Exception {
        String channelSid = channel("/chat-long");
        receiver.drain();

        ApiException refused = assertThrows(ApiException.class,
                () -> guest(channelSid).setBody("é".repeat(16 * 1024 + 1)).create(twilio));
        assertEquals(400, refused.getStatusCode());
        assertEquals(50504, refused.getCode());

        var fits = guest(channelSid).setBody("d".repeat(32 * 1024)).create(twilio);
        WebhookReceiver.Call call = receiver.next();
        assertEquals(fits.getSid(), call.params().get("MessageSid"), "the refused message fired no webhook");
        List<String> sids = new ArrayList<>();
        com.twilio.rest.chat.v2.service.channel.Message.reader(flex.chatServiceSid(), channelSid).read(twilio)
                .forEach(m -> sids.add(m.getSid()));
        assertEquals(List.of(fits.getSid()), sids);
    }

    @Test
    void aMediaOnlyChatMessageIsAMediaMessageAndItsWebhookNamesTheMedia() throws Exception {
        String channelSid = channel("/chat-media");
        receiver.drain();

        var sent = guest(channelSid).setMediaSid(MEDIA_SID).create(twilio);

        assertEquals("media", sent.getType());
        assertEquals("", sent.getBody());
        WebhookReceiver.Call call = receiver.next();
        assertEquals(MEDIA_SID, call.params().get("MediaSid"));
        assertEquals("", call.params().get("Body"));
    }
}
