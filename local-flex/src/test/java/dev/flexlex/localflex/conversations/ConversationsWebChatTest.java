package dev.flexlex.localflex.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.conversation.Webhook;
import com.twilio.rest.flexapi.v2.WebChannels;
import com.twilio.security.RequestValidator;
import dev.flexlex.localflex.testing.LocalFlexTestBase;
import dev.flexlex.localflex.testing.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flex Conversations webchat through the real twilio-java client: creation, webhooks out, paging. */
class ConversationsWebChatTest extends LocalFlexTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Chat(String conversationSid, String identity) {
    }

    private static Chat newWebChat(String hookPath, List<String> filters) {
        AddressConfiguration address = AddressConfiguration.creator(AddressConfiguration.Type.CHAT, "webchat-" + hookPath)
                .setAutoCreationEnabled(true)
                .setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK)
                .setAutoCreationWebhookUrl(receiver.url(hookPath))
                .setAutoCreationWebhookMethod(AddressConfiguration.Method.POST)
                .setAutoCreationWebhookFilters(filters)
                .create(twilio);
        WebChannels chat = WebChannels.creator(address.getSid())
                .setCustomerFriendlyName("Ada")
                .setChatFriendlyName("Ada's chat")
                .setPreEngagementData("{\"friendlyName\":\"Ada\",\"bot\":\"OrderFlowers\"}")
                .create(twilio);
        return new Chat(chat.getConversationSid(), chat.getIdentity());
    }

    private static Message customerSays(Chat chat, String body) {
        return Message.creator(chat.conversationSid()).setAuthor(chat.identity()).setBody(body)
                .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(twilio);
    }

    @Test
    void webChatCreatesConversationWithGuestPreEngagementDataAndTheAddressWebhook() throws Exception {
        Chat chat = newWebChat("/created", List.of("onMessageAdded"));

        assertTrue(chat.conversationSid().matches("CH[0-9a-f]{32}"));
        Conversation conversation = Conversation.fetcher(chat.conversationSid()).fetch(twilio);
        JsonNode attributes = JSON.readTree(conversation.getAttributes());
        assertEquals("OrderFlowers", attributes.at("/pre_engagement_data/bot").asText());
        assertEquals(flex.chatServiceSid(), conversation.getChatServiceSid());
        List<String> identities = new ArrayList<>();
        Participant.reader(chat.conversationSid()).read(twilio).forEach(p -> identities.add(p.getIdentity()));
        assertEquals(List.of(chat.identity()), identities);
        List<Webhook> hooks = new ArrayList<>();
        Webhook.reader(chat.conversationSid()).read(twilio).forEach(hooks::add);
        assertEquals(1, hooks.size());
        JsonNode configuration = JSON.valueToTree(hooks.get(0).getConfiguration());
        assertEquals(receiver.url("/created"), configuration.get("url").asText());
        assertEquals("onMessageAdded", configuration.at("/filters/0").asText());
        assertEquals(hooks.get(0).getSid(), Webhook.fetcher(chat.conversationSid(), hooks.get(0).getSid()).fetch(twilio).getSid());
    }

    @Test
    void customerMessageFiresSignedOnMessageAddedThatRequestValidatorAccepts() throws Exception {
        Chat chat = newWebChat("/signed?bot=OrderFlowers", List.of("onMessageAdded"));
        Message sent = customerSays(chat, "I would like to order flowers");

        WebhookReceiver.Call call = receiver.next();
        assertEquals(receiver.url("/signed?bot=OrderFlowers"), call.url());
        assertTrue(call.contentType().startsWith("application/x-www-form-urlencoded"));
        assertEquals("onMessageAdded", call.params().get("EventType"));
        assertEquals(chat.conversationSid(), call.params().get("ConversationSid"));
        assertEquals(sent.getSid(), call.params().get("MessageSid"));
        assertEquals(chat.identity(), call.params().get("Author"));
        assertEquals("I would like to order flowers", call.params().get("Body"));
        assertEquals("API", call.params().get("Source"));
        assertEquals("0", call.params().get("RetryCount"));
        assertEquals(flex.accountSid(), call.params().get("AccountSid"));
        assertTrue(call.params().get("WebhookSid").matches("WH[0-9a-f]{32}"));
        assertTrue(call.params().get("ParticipantSid").matches("MB[0-9a-f]{32}"));
        assertTrue(new RequestValidator(flex.authToken()).validate(call.url(), call.params(), call.signature()));
        assertFalse(new RequestValidator("some-other-token").validate(call.url(), call.params(), call.signature()));
    }

    @Test
    void aGetWebhookCarriesTheEventInTheSignedQueryString() throws Exception {
        Chat chat = newWebChat("/as-get", List.of("onMessageAdded"));
        Webhook hook = Webhook.reader(chat.conversationSid()).read(twilio).iterator().next();
        Webhook.updater(chat.conversationSid(), hook.getSid()).setConfigurationMethod(Webhook.Method.GET).update(twilio);
        receiver.drain();

        Message sent = customerSays(chat, "hi over GET");

        WebhookReceiver.Call call = receiver.next();
        assertEquals("GET", call.method());
        assertEquals(sent.getSid(), call.params().get("MessageSid"));
        assertEquals("hi over GET", call.params().get("Body"));
        assertTrue(new RequestValidator(flex.authToken()).validate(call.url(), java.util.Map.of(), call.signature()));
        assertFalse(new RequestValidator("wrong").validate(call.url(), java.util.Map.of(), call.signature()));
    }

    @Test
    void restMessageWithoutWebhookHeaderFiresNothingAndWithItFiresOnce() throws Exception {
        Chat chat = newWebChat("/header", List.of("onMessageAdded"));
        receiver.drain();
        long before = flex.webhookEventsQueued();

        Message.creator(chat.conversationSid()).setAuthor("bot").setBody("Hello, I am the bot").create(twilio);
        assertEquals(before, flex.webhookEventsQueued(), "a REST message without X-Twilio-Webhook-Enabled fired a webhook");

        Message customer = customerSays(chat, "hi");
        assertEquals(before + 1, flex.webhookEventsQueued());
        WebhookReceiver.Call call = receiver.next();
        assertEquals(customer.getSid(), call.params().get("MessageSid"));
        assertEquals("1", call.params().get("Index"));
    }

    @Test
    void eventsOfOneChatArriveInTheOrderTheMessagesWereAdded() throws Exception {
        Chat chat = newWebChat("/ordered", List.of("onMessageAdded"));
        receiver.drain();
        receiver.answer(-800);
        for (int i = 0; i < 5; i++) {
            customerSays(chat, "m" + i);
        }
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bodies.add(receiver.next().params().get("Body"));
        }
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), bodies, "a slow first delivery let later events overtake it");
    }

    @Test
    void webhookFiltersAreHonoured() {
        Chat chat = newWebChat("/filtered", List.of("onConversationUpdated"));
        long before = flex.webhookEventsQueued();

        customerSays(chat, "hi");

        assertEquals(before, flex.webhookEventsQueued(), "onMessageAdded fired to a webhook not subscribed to it");
    }

    @Test
    void byDefaultAWebhookAnswering5xxIsNotRetried() throws Exception {
        Chat chat = newWebChat("/no-retry", List.of("onMessageAdded"));
        receiver.drain();
        receiver.answer(503);
        Message first = customerSays(chat, "first");
        Message second = customerSays(chat, "second");

        WebhookReceiver.Call failed = receiver.next();
        WebhookReceiver.Call next = receiver.next();
        assertEquals(List.of(first.getSid(), "0"), List.of(failed.params().get("MessageSid"), failed.params().get("RetryCount")));
        assertEquals(List.of(second.getSid(), "0"), List.of(next.params().get("MessageSid"), next.params().get("RetryCount")),
                "Twilio's default retry policy (rp=ct) retries no 5xx: the chat's next event comes next");
    }

    @Test
    void failedDeliveriesAreRetriedWithRetryCountOn5xxAndTimeoutWhenTheFragmentSaysSo() throws Exception {
        Chat chat = newWebChat("/retry#rp=5xx,rt", List.of("onMessageAdded"));
        receiver.drain();
        receiver.answer(500);
        Message first = customerSays(chat, "first");
        WebhookReceiver.Call failed = receiver.next();
        WebhookReceiver.Call retried = receiver.next();
        assertEquals(List.of("0", "1"), List.of(failed.params().get("RetryCount"), retried.params().get("RetryCount")));
        assertEquals(first.getSid(), retried.params().get("MessageSid"));
        RequestValidator validator = new RequestValidator(flex.authToken());
        assertTrue(validator.validate(retried.url(), retried.params(), retried.signature()));

        receiver.answer(-4000);
        customerSays(chat, "second");
        WebhookReceiver.Call slow = receiver.next();
        WebhookReceiver.Call afterTimeout = receiver.next();
        assertEquals("0", slow.params().get("RetryCount"));
        assertEquals("1", afterTimeout.params().get("RetryCount"));
    }

    @Test
    void deletingTheWebhookStopsDelivery() throws Exception {
        Chat chat = newWebChat("/deleted", List.of("onMessageAdded"));
        receiver.drain();
        customerSays(chat, "before");
        assertEquals("before", receiver.next().params().get("Body"));
        Webhook hook = Webhook.reader(chat.conversationSid()).read(twilio).iterator().next();

        assertTrue(Webhook.deleter(chat.conversationSid(), hook.getSid()).delete(twilio));
        long before = flex.webhookEventsQueued();
        customerSays(chat, "after");

        assertEquals(before, flex.webhookEventsQueued());
        assertFalse(Webhook.reader(chat.conversationSid()).read(twilio).iterator().hasNext());
    }

    @Test
    void messagesPageInOrderBothWays() {
        Chat chat = newWebChat("/paging", List.of());
        for (int i = 0; i < 7; i++) {
            Message.creator(chat.conversationSid()).setAuthor("bot").setBody("m" + i).create(twilio);
        }
        List<String> asc = new ArrayList<>();
        Message.reader(chat.conversationSid()).pageSize(3).read(twilio).forEach(m -> asc.add(m.getBody()));
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6"), asc);

        List<Integer> desc = new ArrayList<>();
        Message.reader(chat.conversationSid()).setOrder(Message.OrderType.DESC).pageSize(2).read(twilio)
                .forEach(m -> desc.add(m.getIndex()));
        assertEquals(List.of(6, 5, 4, 3, 2, 1, 0), desc);
        Message fourth = Message.reader(chat.conversationSid()).pageSize(5).firstPage(twilio).getRecords().get(4);
        assertEquals("m4", Message.fetcher(chat.conversationSid(), fourth.getSid()).fetch(twilio).getBody());
    }
}
