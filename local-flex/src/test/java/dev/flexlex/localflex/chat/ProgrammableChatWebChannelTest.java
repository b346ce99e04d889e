package dev.flexlex.localflex.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.chat.v2.service.Channel;
import com.twilio.rest.chat.v2.service.channel.Member;
import com.twilio.rest.chat.v2.service.channel.Message;
import com.twilio.rest.chat.v2.service.channel.Webhook;
import com.twilio.rest.flexapi.v1.FlexFlow;
import com.twilio.rest.flexapi.v1.WebChannel;
import com.twilio.security.RequestValidator;
import dev.flexlex.localflex.testing.LocalFlexTestBase;
import dev.flexlex.localflex.testing.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Legacy Programmable Chat webchat (Flex Flow + WebChannels) through the real twilio-java client. */
class ProgrammableChatWebChannelTest extends LocalFlexTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String newWebChannel(String hookPath, int retryCount) {
        FlexFlow flow = FlexFlow.creator("Bot flow " + hookPath, flex.chatServiceSid(), FlexFlow.ChannelType.WEB)
                .setIntegrationType(FlexFlow.IntegrationType.EXTERNAL)
                .setIntegrationUrl(receiver.url(hookPath))
                .setIntegrationRetryCount(retryCount)
                .setEnabled(true)
                .create(twilio);
        return WebChannel.creator(flow.getSid(), "guest-" + hookPath.hashCode(), "Grace", "Grace's chat")
                .setPreEngagementData("{\"friendlyName\":\"Grace\",\"bot\":\"OrderFlowers\"}")
                .create(twilio).getSid();
    }

    private static Message customerSays(String channelSid, String body) {
        return Message.creator(flex.chatServiceSid(), channelSid).setFrom("guest").setBody(body)
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(twilio);
    }

    @Test
    void webChannelCreatesChannelWithPreEngagementDataMemberAndFlexFlowWebhook() throws Exception {
        String channelSid = newWebChannel("/created", 0);

        Channel channel = Channel.fetcher(flex.chatServiceSid(), channelSid).fetch(twilio);
        JsonNode attributes = JSON.readTree(channel.getAttributes());
        assertEquals("OrderFlowers", attributes.at("/pre_engagement_data/bot").asText());
        assertEquals("ACTIVE", attributes.get("status").asText());
        List<String> members = new ArrayList<>();
        Member.reader(flex.chatServiceSid(), channelSid).read(twilio).forEach(m -> members.add(m.getIdentity()));
        assertEquals(List.of("guest-" + "/created".hashCode()), members);
        List<Webhook> hooks = new ArrayList<>();
        Webhook.reader(flex.chatServiceSid(), channelSid).read(twilio).forEach(hooks::add);
        assertEquals(1, hooks.size());
        assertEquals("webhook", hooks.get(0).getType());
        JsonNode configuration = JSON.valueToTree(hooks.get(0).getConfiguration());
        assertEquals(receiver.url("/created"), configuration.get("url").asText());
        assertEquals("onMessageSent", configuration.at("/filters/0").asText());
    }

    @Test
    void customerMessageFiresSignedOnMessageSent() throws Exception {
        String channelSid = newWebChannel("/sent", 0);
        receiver.drain();
        Message sent = customerSays(channelSid, "hello bot");

        WebhookReceiver.Call call = receiver.next();
        assertEquals("onMessageSent", call.params().get("EventType"));
        assertEquals(channelSid, call.params().get("ChannelSid"));
        assertEquals(flex.chatServiceSid(), call.params().get("InstanceSid"));
        assertEquals(sent.getSid(), call.params().get("MessageSid"));
        assertEquals("guest", call.params().get("From"));
        assertEquals("hello bot", call.params().get("Body"));
        assertEquals("API", call.params().get("Source"));
        assertEquals("0", call.params().get("RetryCount"));
        assertTrue(new RequestValidator(flex.authToken()).validate(call.url(), call.params(), call.signature()));
        assertFalse(new RequestValidator("wrong-token").validate(call.url(), call.params(), call.signature()));
    }

    @Test
    void botMessageWithoutWebhookHeaderFiresNothing() {
        String channelSid = newWebChannel("/quiet", 0);
        long before = flex.webhookEventsQueued();

        Message.creator(flex.chatServiceSid(), channelSid).setFrom("bot").setBody("hi, I'm the bot").create(twilio);

        assertEquals(before, flex.webhookEventsQueued());
    }

    @Test
    void flexFlowRetryCountBoundsTheRetries() throws Exception {
        String channelSid = newWebChannel("/retries#rp=5xx", 2);
        receiver.drain();
        receiver.answer(500, 503, 500);
        customerSays(channelSid, "are you there?");

        List<String> retryCounts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            retryCounts.add(receiver.next().params().get("RetryCount"));
        }
        assertEquals(List.of("0", "1", "2"), retryCounts);
    }

    @Test
    void deletingTheChannelWebhookStopsDeliveryAndAttributesCanMarkTheChatInactive() throws Exception {
        String channelSid = newWebChannel("/removed", 0);
        Webhook hook = Webhook.reader(flex.chatServiceSid(), channelSid).read(twilio).iterator().next();
        assertTrue(Webhook.deleter(flex.chatServiceSid(), channelSid, hook.getSid()).delete(twilio));
        long before = flex.webhookEventsQueued();

        customerSays(channelSid, "anyone?");
        Channel.updater(flex.chatServiceSid(), channelSid).setAttributes("{\"status\":\"INACTIVE\"}").update(twilio);

        assertEquals(before, flex.webhookEventsQueued());
        JsonNode attributes = JSON.readTree(Channel.fetcher(flex.chatServiceSid(), channelSid).fetch(twilio).getAttributes());
        assertEquals("INACTIVE", attributes.get("status").asText());
        List<String> bodies = new ArrayList<>();
        Message.reader(flex.chatServiceSid(), channelSid).read(twilio).forEach(m -> bodies.add(m.getBody()));
        assertEquals(List.of("anyone?"), bodies);
    }
}
