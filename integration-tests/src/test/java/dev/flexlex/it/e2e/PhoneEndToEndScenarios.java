package dev.flexlex.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.flexapi.v1.interaction.InteractionChannel;
import com.twilio.rest.taskrouter.v1.workspace.Task;
import dev.flexlex.chat.BridgeAttributes;
import dev.flexlex.localflex.conversations.InboundResult;
import dev.flexlex.localflex.conversations.PhoneMessage;
import dev.flexlex.model.ChatChannel;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.twilio.TwilioApiAddress;
import dev.flexlex.twilio.TwilioClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A customer texting the contact centre's number on SMS or WhatsApp, end to end on Flex Conversations: local Flex's
 * local-only inbound entry plays the carrier's side (the message from the phone to the number), the number's Address
 * Configuration auto-creates the conversation with a conversation-scoped webhook to the bot, as Twilio does; what the
 * tests check is what the phone receives and what Flex's agent gets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PhoneEndToEndScenarios {
    private static final AtomicInteger PHONES = new AtomicInteger();

    private final ChatChannel channel;
    private final String prefix;
    Bridge bridge;
    TwilioRestClient twilio;
    /** The contact centre's number, wired to the default bot; and a second one wired to the card bot by {@code ?bot=}. */
    String number;
    String cardNumber;

    PhoneEndToEndScenarios(ChatChannel channel) {
        this.channel = channel;
        this.prefix = channel == ChatChannel.WHATSAPP ? "whatsapp:" : "";
    }

    @BeforeAll
    void start() throws Exception {
        bridge = Bridge.start(ChatPlatformKind.CONVERSATIONS);
        twilio = TwilioClient.create(new Bridge.LocalFlexCredentials(bridge.flex.accountSid(), bridge.flex.authToken()),
                TwilioApiAddress.of(bridge.flex.baseUrl())).get();
        number = "+15005550006";
        cardNumber = "+15005550007";
        address(number, bridge.gateway.url());
        address(cardNumber, bridge.gateway.url() + "?bot=" + Bridge.CARDS);
    }

    @AfterAll
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    /** The number's Address Configuration, as the Flex console or the REST API makes it: webhook auto-creation. */
    private void address(String e164, String webhookUrl) {
        AddressConfiguration.creator(channel == ChatChannel.WHATSAPP ? AddressConfiguration.Type.WHATSAPP
                        : AddressConfiguration.Type.SMS, e164)
                .setAutoCreationEnabled(true)
                .setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK)
                .setAutoCreationWebhookUrl(webhookUrl)
                .setAutoCreationWebhookMethod(AddressConfiguration.Method.POST)
                .setAutoCreationWebhookFilters(List.of("onMessageAdded"))
                .create(twilio);
    }

    /** A new customer phone, as its address on the channel ({@code +1555…} or {@code whatsapp:+1555…}). */
    private String newPhone() {
        return prefix + "+1555010" + String.format("%04d", PHONES.incrementAndGet());
    }

    /** The phone texts {@code to}; once Twilio's webhook is answered 200, the queues run until empty. */
    private String text(String phone, String to, String body) {
        InboundResult sent = bridge.flex.inboundMessage(phone, prefix + to, body);
        bridge.awaitWebhook(sent.messageSid());
        bridge.runQueues();
        return sent.conversationSid();
    }

    private List<String> received(String phone) {
        return bridge.flex.phoneMessages(phone).stream().map(PhoneMessage::body).toList();
    }

    private List<JsonNode> tasksFor(String conversationSid) {
        List<JsonNode> tasks = new ArrayList<>();
        for (Task task : Task.reader(bridge.flex.workspaceSid()).read(twilio)) {
            JsonNode attributes = read(task.getAttributes());
            if (conversationSid.equals(attributes.path("conversationSid").asText())) {
                tasks.add(attributes);
            }
        }
        return tasks;
    }

    private String interactionChannelType(String conversationSid) {
        String interaction = read(Conversation.fetcher(conversationSid).fetch(twilio).getAttributes())
                .path(BridgeAttributes.HANDOFF_SID).asText();
        List<InteractionChannel> channels = new ArrayList<>();
        InteractionChannel.reader(interaction).read(twilio).forEach(channels::add);
        assertEquals(1, channels.size(), "one channel: the conversation");
        return channels.get(0).getType().toString();
    }

    private boolean closed(String conversationSid) {
        return Conversation.fetcher(conversationSid).fetch(twilio).getState() == Conversation.State.CLOSED;
    }

    @Test
    void anOrderRunsToCompletionWithTheDefaultBotAndClosesTheConversation() {
        String phone = newPhone();

        String conversation = text(phone, number, "I would like to order some flowers");
        text(phone, number, "roses");
        text(phone, number, "tomorrow");
        text(phone, number, "10 am");
        assertFalse(closed(conversation), "still confirming");
        text(phone, number, "yes");

        List<String> got = received(phone);
        assertEquals(5, got.size(), got.toString());
        assertEquals(List.of(EndToEndScenarios.ASK_FLOWER, EndToEndScenarios.ASK_DAY, EndToEndScenarios.ASK_TIME),
                got.subList(0, 3));
        assertTrue(got.get(4).startsWith("Thanks, your order of roses is placed for pickup on "), got.get(4));
        assertTrue(closed(conversation), "the fulfilled order closes the conversation");
        assertEquals(List.of(), tasksFor(conversation), "no agent needed");
    }

    @Test
    void twoUnrecognisedMessagesHandTheConversationToAnAgentWithTheChannelAndTheCustomersAddress() {
        String phone = newPhone();

        String conversation = text(phone, number, "hello there");
        assertEquals(List.of(), tasksFor(conversation), "one miss: the bot keeps the conversation");
        text(phone, number, "what is the weather like on mars");

        assertEquals(List.of(EndToEndScenarios.FALLBACK, EndToEndScenarios.FALLBACK), received(phone));
        List<JsonNode> tasks = tasksFor(conversation);
        assertEquals(1, tasks.size(), "handed to an agent once");
        assertEquals(channel.wireName(), tasks.get(0).path("channelType").asText());
        assertEquals(phone, tasks.get(0).path("customerAddress").asText());
        assertEquals(channel.wireName(), interactionChannelType(conversation));
        assertFalse(closed(conversation));
    }

    @Test
    void askingForAnAgentHandsOffWithTheInteractionOnTheConversationsChannel() {
        String phone = newPhone();

        String conversation = text(phone, number, "speak to an agent");

        assertEquals(List.of(EndToEndScenarios.AGENT), received(phone));
        assertEquals(channel.wireName(), interactionChannelType(conversation),
                "the interaction's channel type is the conversation's channel");
        List<JsonNode> tasks = tasksFor(conversation);
        assertEquals(1, tasks.size());
        JsonNode task = tasks.get(0);
        assertEquals(channel.wireName(), task.path("channelType").asText());
        assertEquals(phone, task.path("customerAddress").asText(), "the agent can call or text the customer back");
        assertEquals(phone, task.path("customerIdentity").asText());
        String digits = phone.substring(prefix.length());
        String masked = digits.substring(0, 2) + "•••••" + digits.substring(digits.length() - 4);
        assertEquals(masked, task.path("name").asText(), "no name on SMS: the number, masked");
    }

    @Test
    void aCardsButtonsArriveAsNumberedChoicesAndTheNumberAnswersWithTheButtonsValue() {
        String phone = newPhone();

        String conversation = text(phone, cardNumber, "I want to pick up my order");
        assertEquals(List.of("When will you pick it up?\nChoose a day\n1. Today, please\n2. Tomorrow morning"),
                received(phone), "the bot of ?bot= on the address's webhook; the buttons numbered");
        text(phone, cardNumber, "2");

        assertEquals("See you tomorrow.", received(phone).get(1), "2 chose the second button's value, tomorrow");
        assertTrue(closed(conversation));
    }

    @Test
    void aNumberOutOfRangeGoesToLexAsTypedAndTheCardIsAskedAgain() {
        String phone = newPhone();

        text(phone, cardNumber, "I want to pick up my order");
        text(phone, cardNumber, "3");
        text(phone, cardNumber, "1");

        List<String> got = received(phone);
        assertEquals(3, got.size(), got.toString());
        assertTrue(got.get(1).endsWith("1. Today, please\n2. Tomorrow morning"),
                "3 is no choice: Lex got 3, did not fill the slot, and asked again: " + got.get(1));
        assertEquals("See you today.", got.get(2));
    }

    /**
     * A conversation made through the REST API, as a Studio flow or a back office would (Conversation, a Participant
     * bound by {@code MessagingBinding.Address}/{@code ProxyAddress}, a conversation-scoped webhook to the bot), then
     * the customer's message by its address: served the same as one the address auto-created.
     */
    @Test
    void aConversationMadeThroughTheRestApiIsServedOnItsChannel() {
        String phone = newPhone();
        String conversation = Conversation.creator().create(twilio).getSid();
        com.twilio.rest.conversations.v1.conversation.Participant.creator(conversation)
                .setMessagingBindingAddress(phone).setMessagingBindingProxyAddress(prefix + number).create(twilio);
        com.twilio.rest.conversations.v1.conversation.Webhook.creator(conversation,
                        com.twilio.rest.conversations.v1.conversation.Webhook.Target.WEBHOOK)
                .setConfigurationUrl(bridge.gateway.url())
                .setConfigurationMethod(com.twilio.rest.conversations.v1.conversation.Webhook.Method.POST)
                .setConfigurationFilters(List.of("onMessageAdded")).create(twilio);

        String message = com.twilio.rest.conversations.v1.conversation.Message.creator(conversation)
                .setAuthor(phone).setBody("speak to an agent")
                // A REST-created message fires webhooks only when asked to (X-Twilio-Webhook-Enabled: true).
                .setXTwilioWebhookEnabled(com.twilio.rest.conversations.v1.conversation.Message.WebhookEnabledType.TRUE)
                .create(twilio).getSid();
        bridge.awaitWebhook(message);
        bridge.runQueues();

        assertEquals(channel.wireName(), interactionChannelType(conversation));
        assertEquals(phone, tasksFor(conversation).get(0).path("customerAddress").asText());
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
