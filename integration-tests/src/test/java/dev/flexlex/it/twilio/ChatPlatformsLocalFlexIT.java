package dev.flexlex.it.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.chat.v2.service.Channel;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.taskrouter.v1.workspace.Task;
import dev.flexlex.chat.ChatPlatform;
import dev.flexlex.chat.ConversationsChatPlatform;
import dev.flexlex.chat.HandoffRouting;
import dev.flexlex.chat.ProgrammableChatPlatform;
import dev.flexlex.localflex.FaultSpec;
import dev.flexlex.localflex.LocalFlexServer;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
import dev.flexlex.outbound.HandoffPolicy;
import dev.flexlex.outbound.ReplyDelivery;
import dev.flexlex.retry.Retry;
import dev.flexlex.twilio.TwilioApiAddress;
import dev.flexlex.twilio.TwilioClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge's Twilio adapters (real twilio-java, our one-attempt HttpClient) against the local Flex, on both
 * platforms: post, hand off, close; and with the local Flex's faults, a 500 after the action took effect never
 * doubles a message, a task or an interaction. A handoff that cannot complete (failed interaction channel, a 4xx from
 * Interactions or TaskRouter, retries used up) gives the chat back to the bot: webhook re-created as it was, customer
 * told, nothing half-done; an interaction set up late is confirmed.
 */
class ChatPlatformsLocalFlexIT {
    static LocalFlexServer flex;
    static HttpServer botEndpoint;
    static TwilioClient twilio;
    static HandoffRouting routing;
    static String botUrl;

    @BeforeAll
    static void start() throws IOException {
        flex = LocalFlexServer.builder().port(0).start();
        botEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        botEndpoint.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        botEndpoint.start();
        botUrl = "http://127.0.0.1:" + botEndpoint.getAddress().getPort() + "/twilio/webhook";
        twilio = TwilioClient.create(LocalTwilio.credentialsOf(flex), TwilioApiAddress.of(flex.baseUrl()));
        routing = new HandoffRouting(flex.workspaceSid(), flex.workflowSid(), "chat");
    }

    @AfterAll
    static void stop() {
        botEndpoint.stop(0);
        flex.close();
    }

    @AfterEach
    void noFaults() {
        flex.setFaults(FaultSpec.none());
    }

    static TwilioRestClient rest() {
        return twilio.get();
    }

    // ----- fixtures, made with twilio-java like a Flex webchat would -----

    static String newConversation() {
        return newConversation(botUrl);
    }

    static String newConversation(String webhookUrl) {
        String sid = Conversation.creator()
                .setAttributes("{\"pre_engagement_data\":{\"friendlyName\":\"Ada\"},\"from\":\"Ada\"}")
                .create(rest()).getSid();
        com.twilio.rest.conversations.v1.conversation.Webhook.creator(sid,
                        com.twilio.rest.conversations.v1.conversation.Webhook.Target.WEBHOOK)
                .setConfigurationUrl(webhookUrl)
                .setConfigurationMethod(com.twilio.rest.conversations.v1.conversation.Webhook.Method.POST)
                .setConfigurationFilters(List.of("onMessageAdded")).create(rest());
        return sid;
    }

    static String newChannel() {
        return newChannel(botUrl);
    }

    static String newChannel(String webhookUrl) {
        String sid = Channel.creator(flex.chatServiceSid())
                .setAttributes("{\"status\":\"ACTIVE\",\"from\":\"Ada\",\"channel_type\":\"web\"}")
                .create(rest()).getSid();
        com.twilio.rest.chat.v2.service.channel.Webhook.creator(flex.chatServiceSid(), sid,
                        com.twilio.rest.chat.v2.service.channel.Webhook.Type.WEBHOOK)
                .setConfigurationUrl(webhookUrl).setConfigurationMethod(
                        com.twilio.rest.chat.v2.service.channel.Webhook.Method.POST)
                .setConfigurationFilters(List.of("onMessageSent")).create(rest());
        return sid;
    }

    /** Each pause is a retry after a transient failure. */
    final List<Duration> retries = new ArrayList<>();

    static final String NOTICE = "No agent can take the chat right now; I am still here.";
    /** Confirmation polls of these tests: every 50 ms for up to 3 s per attempt. */
    static final HandoffPolicy POLICY = new HandoffPolicy(Duration.ofSeconds(3), Duration.ofMillis(50), NOTICE);

    ReplyDelivery delivery(ChatPlatformKind kind, int attempts) {
        ChatPlatform platform = kind == ChatPlatformKind.CONVERSATIONS
                ? new ConversationsChatPlatform(twilio, "bot", botUrl, routing)
                : new ProgrammableChatPlatform(twilio, flex.chatServiceSid(), "bot", botUrl, routing);
        return new ReplyDelivery(platform, new Retry(attempts, Duration.ZERO, 2, Duration.ZERO, d -> {
            retries.add(d);
            Thread.sleep(d.toMillis());
        }), POLICY);
    }

    static BotReply reply(ChatPlatformKind kind, String chatSid, String turn, NextStep next, String... texts) {
        List<ReplyMessage> messages = new ArrayList<>();
        for (String text : texts) {
            messages.add(ReplyMessage.plainText(text));
        }
        return new BotReply(BotReply.SCHEMA_VERSION, kind, chatSid, turn, null, "OrderFlowers", "customer-42", "Ada",
                messages, next, next == NextStep.AGENT ? "TalkToAgent" : "OrderFlowers", Map.of("FlowerType", "roses"),
                next == NextStep.AGENT ? "agent intent" : null);
    }

    static List<String> bodies(ChatPlatformKind kind, String chatSid) {
        List<String> bodies = new ArrayList<>();
        if (kind == ChatPlatformKind.CONVERSATIONS) {
            com.twilio.rest.conversations.v1.conversation.Message.reader(chatSid).read(rest())
                    .forEach(m -> bodies.add(m.getAuthor() + ":" + m.getBody()));
        } else {
            com.twilio.rest.chat.v2.service.channel.Message.reader(flex.chatServiceSid(), chatSid).read(rest())
                    .forEach(m -> bodies.add(m.getFrom() + ":" + m.getBody()));
        }
        return bodies;
    }

    static int webhooks(ChatPlatformKind kind, String chatSid) {
        int[] count = {0};
        if (kind == ChatPlatformKind.CONVERSATIONS) {
            com.twilio.rest.conversations.v1.conversation.Webhook.reader(chatSid).read(rest()).forEach(w -> count[0]++);
        } else {
            com.twilio.rest.chat.v2.service.channel.Webhook.reader(flex.chatServiceSid(), chatSid).read(rest())
                    .forEach(w -> count[0]++);
        }
        return count[0];
    }

    static List<JsonNode> tasksFor(String key, String chatSid) {
        List<JsonNode> tasks = new ArrayList<>();
        Task.reader(flex.workspaceSid()).setEvaluateTaskAttributes(key + " == \"" + chatSid + "\"").read(rest())
                .forEach(t -> tasks.add(read(t.getAttributes())));
        return tasks;
    }

    static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // ----- Conversations -----

    @Test
    void conversationsPostHandOffAndRedeliverWithoutDoubles() {
        String chat = newConversation();
        ReplyDelivery delivery = delivery(ChatPlatformKind.CONVERSATIONS, 3);

        delivery.deliver(reply(ChatPlatformKind.CONVERSATIONS, chat, "IM00000000000000000000000000000101",
                NextStep.WAIT_FOR_MESSAGE, "Hi!", "What flowers?"), false);
        BotReply handoff = reply(ChatPlatformKind.CONVERSATIONS, chat, "IM00000000000000000000000000000102",
                NextStep.AGENT, "Connecting you to an agent.");
        delivery.deliver(handoff, false);
        delivery.deliver(handoff, true);

        assertEquals(List.of("bot:Hi!", "bot:What flowers?", "bot:Connecting you to an agent."),
                bodies(ChatPlatformKind.CONVERSATIONS, chat));
        assertEquals(0, webhooks(ChatPlatformKind.CONVERSATIONS, chat), "bot webhook removed");
        List<JsonNode> tasks = tasksFor("conversationSid", chat);
        assertEquals(1, tasks.size(), "one interaction, one task");
        assertEquals("OrderFlowers", tasks.get(0).path("botName").asText());
        assertEquals("roses", tasks.get(0).path("slots").path("FlowerType").asText());
        assertTrue(read(Conversation.fetcher(chat).fetch(rest()).getAttributes())
                .path("flexLexHandoffSid").asText().startsWith("KD"), "interaction SID recorded on the conversation");
    }

    @Test
    void conversationsClose() {
        String chat = newConversation();

        delivery(ChatPlatformKind.CONVERSATIONS, 3).deliver(reply(ChatPlatformKind.CONVERSATIONS, chat,
                "IM00000000000000000000000000000103", NextStep.CLOSE_CHAT, "Thanks, your order is placed."), false);

        assertEquals(Conversation.State.CLOSED, Conversation.fetcher(chat).fetch(rest()).getState());
        assertEquals(List.of("bot:Thanks, your order is placed."), bodies(ChatPlatformKind.CONVERSATIONS, chat));
    }

    @Test
    void aCloseRedeliveredAfterTheConversationClosedDoublesNothingAndEnds() {
        // The close took effect, then the function died before SQS heard of it: the redelivery finds its part
        // posted, and the conversation closed for good (Twilio error 50377), which ends the reply instead of
        // failing it five times into the dead-letter queue.
        String chat = newConversation();
        BotReply reply = reply(ChatPlatformKind.CONVERSATIONS, chat, "IM00000000000000000000000000000104",
                NextStep.CLOSE_CHAT, "Thanks, your order is placed.");
        delivery(ChatPlatformKind.CONVERSATIONS, 3).deliver(reply, false);

        assertEquals(ReplyDelivery.Outcome.CHAT_GONE, delivery(ChatPlatformKind.CONVERSATIONS, 3).deliver(reply, true));

        assertEquals(List.of("bot:Thanks, your order is placed."), bodies(ChatPlatformKind.CONVERSATIONS, chat));
        assertEquals(List.of(), retries, "a closed conversation is final: not retried");
    }

    @Test
    void conversationsFailuresAfterTheEffectNeverDouble() {
        String chat = newConversation();
        flex.setFaults(FaultSpec.parse("conversations:500after=0.4,flex-api:500after=1,seed=11"));

        delivery(ChatPlatformKind.CONVERSATIONS, 30).deliver(reply(ChatPlatformKind.CONVERSATIONS, chat,
                "IM00000000000000000000000000000104", NextStep.AGENT, "one", "two", "three"), false);

        flex.setFaults(FaultSpec.none());
        assertTrue(retries.size() > 1, "the faults made delivery retry");
        assertEquals(List.of("bot:one", "bot:two", "bot:three"), bodies(ChatPlatformKind.CONVERSATIONS, chat));
        assertEquals(1, tasksFor("conversationSid", chat).size());
        assertEquals(0, webhooks(ChatPlatformKind.CONVERSATIONS, chat));
    }

    // ----- Programmable Chat -----

    @Test
    void chatPostHandOffAndRedeliverWithoutDoubles() {
        String chat = newChannel();
        ReplyDelivery delivery = delivery(ChatPlatformKind.CHAT, 3);
        BotReply handoff = reply(ChatPlatformKind.CHAT, chat, "IM00000000000000000000000000000201",
                NextStep.AGENT, "Connecting you to an agent.");

        delivery.deliver(handoff, false);
        delivery.deliver(handoff, true);

        assertEquals(List.of("bot:Connecting you to an agent."), bodies(ChatPlatformKind.CHAT, chat));
        assertEquals(0, webhooks(ChatPlatformKind.CHAT, chat));
        List<JsonNode> tasks = tasksFor("channelSid", chat);
        assertEquals(1, tasks.size());
        assertEquals("web", tasks.get(0).path("channelType").asText());
        assertEquals("Ada", tasks.get(0).path("name").asText());
    }

    @Test
    void chatClose() {
        String chat = newChannel();

        delivery(ChatPlatformKind.CHAT, 3).deliver(reply(ChatPlatformKind.CHAT, chat,
                "IM00000000000000000000000000000202", NextStep.CLOSE_CHAT, "Bye"), false);

        JsonNode attributes = read(Channel.fetcher(flex.chatServiceSid(), chat).fetch(rest()).getAttributes());
        assertEquals("INACTIVE", attributes.path("status").asText());
        assertEquals(0, webhooks(ChatPlatformKind.CHAT, chat));
    }

    @Test
    void chatFailuresAfterTheEffectNeverDouble() {
        String chat = newChannel();
        flex.setFaults(FaultSpec.parse("chat:500after=0.4,taskrouter:500after=0.4,seed=5"));

        delivery(ChatPlatformKind.CHAT, 40).deliver(reply(ChatPlatformKind.CHAT, chat,
                "IM00000000000000000000000000000203", NextStep.AGENT, "one", "two"), false);

        flex.setFaults(FaultSpec.none());
        assertTrue(retries.size() > 1, "the faults made delivery retry");
        assertEquals(List.of("bot:one", "bot:two"), bodies(ChatPlatformKind.CHAT, chat));
        assertEquals(1, tasksFor("channelSid", chat).size());
    }

    // ----- handoffs that cannot complete, and late ones (both platforms) -----

    /** Twilio's connection overrides ride in the fragment: a restored webhook must keep it. */
    static final String BOT_URL_WITH_FRAGMENT_SUFFIX = "?bot=OrderFlowers#rc=3&rp=all";

    /** Each webhook of the chat as "target url method filters", SIDs left out (a re-created one has a new SID). */
    static List<String> webhookShapes(ChatPlatformKind kind, String chatSid) {
        List<String> shapes = new ArrayList<>();
        if (kind == ChatPlatformKind.CONVERSATIONS) {
            com.twilio.rest.conversations.v1.conversation.Webhook.reader(chatSid).read(rest())
                    .forEach(w -> shapes.add(w.getTarget() + " " + shape(w.getConfiguration())));
        } else {
            com.twilio.rest.chat.v2.service.channel.Webhook.reader(flex.chatServiceSid(), chatSid).read(rest())
                    .forEach(w -> shapes.add(w.getType() + " " + shape(w.getConfiguration())));
        }
        return shapes;
    }

    static String shape(Object configuration) {
        JsonNode c = Json.mapper().valueToTree(configuration);
        return c.path("url").asText() + " " + c.path("method").asText() + " " + c.path("filters");
    }

    static JsonNode chatAttributes(ChatPlatformKind kind, String chatSid) {
        return read(kind == ChatPlatformKind.CONVERSATIONS ? Conversation.fetcher(chatSid).fetch(rest()).getAttributes()
                : Channel.fetcher(flex.chatServiceSid(), chatSid).fetch(rest()).getAttributes());
    }

    String chatWithFragmentWebhook(ChatPlatformKind kind) {
        String url = botUrl + BOT_URL_WITH_FRAGMENT_SUFFIX;
        return kind == ChatPlatformKind.CONVERSATIONS ? newConversation(url) : newChannel(url);
    }

    /** The chat is the bot's again: its webhook as it was, the customer told once, no task, no handoff mark. */
    void assertGivenBackToTheBot(ChatPlatformKind kind, String chat, List<String> webhooksBefore, String reply) {
        assertEquals(webhooksBefore, webhookShapes(kind, chat), "bot webhook re-created exactly as it was");
        assertEquals(List.of("bot:" + reply, "bot:" + NOTICE), bodies(kind, chat), "customer told, once");
        assertEquals(List.of(), tasksFor(HandoffAttributesKey.of(kind), chat), "no task left behind");
        assertTrue(chatAttributes(kind, chat).path("flexLexHandoffSid").isMissingNode(), "no handoff mark left");
    }

    /** The attribute naming the chat in its task. */
    static final class HandoffAttributesKey {
        static String of(ChatPlatformKind kind) {
            return dev.flexlex.chat.HandoffAttributes.chatSidKey(kind);
        }
    }

    @Test
    void conversationsAFailedInteractionChannelGivesTheChatBackToTheBot() {
        String chat = chatWithFragmentWebhook(ChatPlatformKind.CONVERSATIONS);
        List<String> before = webhookShapes(ChatPlatformKind.CONVERSATIONS, chat);
        flex.setFaults(FaultSpec.parse("flex-api:channelfailed=1"));
        BotReply handoff = reply(ChatPlatformKind.CONVERSATIONS, chat, "IM00000000000000000000000000000301",
                NextStep.AGENT, "Getting you an agent now.");

        assertEquals(ReplyDelivery.Outcome.HANDOFF_FAILED, delivery(ChatPlatformKind.CONVERSATIONS, 3).deliver(handoff, false));
        assertEquals(ReplyDelivery.Outcome.HANDOFF_FAILED, delivery(ChatPlatformKind.CONVERSATIONS, 3).deliver(handoff, true),
                "a redelivery repeats nothing");

        assertTrue(before.get(0).contains(BOT_URL_WITH_FRAGMENT_SUFFIX), before.toString());
        assertGivenBackToTheBot(ChatPlatformKind.CONVERSATIONS, chat, before, "Getting you an agent now.");
    }

    @Test
    void conversationsA4xxFromInteractionsGivesTheChatBackToTheBot() {
        String chat = chatWithFragmentWebhook(ChatPlatformKind.CONVERSATIONS);
        List<String> before = webhookShapes(ChatPlatformKind.CONVERSATIONS, chat);
        flex.setFaults(FaultSpec.parse("flex-api:400=1"));

        assertEquals(ReplyDelivery.Outcome.HANDOFF_FAILED, delivery(ChatPlatformKind.CONVERSATIONS, 3).deliver(reply(
                ChatPlatformKind.CONVERSATIONS, chat, "IM00000000000000000000000000000302", NextStep.AGENT, "One moment."), false));

        assertEquals(List.of(), retries, "a 4xx is not retried");
        assertGivenBackToTheBot(ChatPlatformKind.CONVERSATIONS, chat, before, "One moment.");
    }

    @Test
    void conversationsRetriesUsedUpGiveTheChatBackToTheBot() {
        String chat = chatWithFragmentWebhook(ChatPlatformKind.CONVERSATIONS);
        List<String> before = webhookShapes(ChatPlatformKind.CONVERSATIONS, chat);
        flex.setFaults(FaultSpec.parse("flex-api:500=1"));

        assertEquals(ReplyDelivery.Outcome.HANDOFF_FAILED, delivery(ChatPlatformKind.CONVERSATIONS, 2).deliver(reply(
                ChatPlatformKind.CONVERSATIONS, chat, "IM00000000000000000000000000000303", NextStep.AGENT, "One moment."), false));

        flex.setFaults(FaultSpec.none());
        assertGivenBackToTheBot(ChatPlatformKind.CONVERSATIONS, chat, before, "One moment.");
    }

    @Test
    void conversationsTransientErrorsAreRetriedThenTheHandoffCompletes() throws InterruptedException {
        String chat = newConversation();
        flex.setFaults(FaultSpec.parse("flex-api:500=0.5,flex-api:429=0.2,seed=3"));

        assertEquals(ReplyDelivery.Outcome.DELIVERED, delivery(ChatPlatformKind.CONVERSATIONS, 20).deliver(reply(
                ChatPlatformKind.CONVERSATIONS, chat, "IM00000000000000000000000000000304", NextStep.AGENT, "One moment."), false));

        flex.setFaults(FaultSpec.none());
        assertTrue(retries.size() > 0, "the faults made the handoff retry");
        assertEquals(1, tasksFor("conversationSid", chat).size(), "one interaction routed");
        assertEquals(0, webhooks(ChatPlatformKind.CONVERSATIONS, chat));
        assertEquals(List.of("bot:One moment."), bodies(ChatPlatformKind.CONVERSATIONS, chat));
    }

    @Test
    void conversationsAnInteractionSetUpLateIsConfirmedAndTheHandoffCompletes() {
        String chat = newConversation();
        flex.setFaults(FaultSpec.parse("flex-api:setup=1500ms"));

        assertEquals(ReplyDelivery.Outcome.DELIVERED, delivery(ChatPlatformKind.CONVERSATIONS, 3).deliver(reply(
                ChatPlatformKind.CONVERSATIONS, chat, "IM00000000000000000000000000000305", NextStep.AGENT, "One moment."), false));

        assertTrue(retries.size() > 1, "the channel was polled while in setup");
        assertEquals(1, tasksFor("conversationSid", chat).size(), "confirmed: the task is there when delivery returns");
        assertEquals(0, webhooks(ChatPlatformKind.CONVERSATIONS, chat));
        assertTrue(chatAttributes(ChatPlatformKind.CONVERSATIONS, chat).path("flexLexHandoffSid").asText().startsWith("KD"));
    }

    @Test
    void chatA4xxFromTaskRouterGivesTheChannelBackToTheBot() {
        String chat = chatWithFragmentWebhook(ChatPlatformKind.CHAT);
        List<String> before = webhookShapes(ChatPlatformKind.CHAT, chat);
        flex.setFaults(FaultSpec.parse("taskrouter:400=1"));
        BotReply handoff = reply(ChatPlatformKind.CHAT, chat, "IM00000000000000000000000000000306", NextStep.AGENT,
                "Getting you an agent now.");

        assertEquals(ReplyDelivery.Outcome.HANDOFF_FAILED, delivery(ChatPlatformKind.CHAT, 3).deliver(handoff, false));
        assertEquals(ReplyDelivery.Outcome.HANDOFF_FAILED, delivery(ChatPlatformKind.CHAT, 3).deliver(handoff, true));

        assertTrue(before.get(0).contains(BOT_URL_WITH_FRAGMENT_SUFFIX), before.toString());
        assertGivenBackToTheBot(ChatPlatformKind.CHAT, chat, before, "Getting you an agent now.");
    }

    @Test
    void chatRetriesUsedUpGiveTheChannelBackToTheBot() {
        String chat = chatWithFragmentWebhook(ChatPlatformKind.CHAT);
        List<String> before = webhookShapes(ChatPlatformKind.CHAT, chat);
        flex.setFaults(FaultSpec.parse("taskrouter:500=1"));

        assertEquals(ReplyDelivery.Outcome.HANDOFF_FAILED, delivery(ChatPlatformKind.CHAT, 3).deliver(reply(
                ChatPlatformKind.CHAT, chat, "IM00000000000000000000000000000307", NextStep.AGENT, "One moment."), false));

        flex.setFaults(FaultSpec.none());
        assertEquals(2, retries.size());
        assertGivenBackToTheBot(ChatPlatformKind.CHAT, chat, before, "One moment.");
    }

    @Test
    void chatTransientErrorsAreRetriedThenTheHandoffCompletes() {
        String chat = newChannel();
        flex.setFaults(FaultSpec.parse("taskrouter:429=0.3,taskrouter:500=0.2,seed=2"));

        assertEquals(ReplyDelivery.Outcome.DELIVERED, delivery(ChatPlatformKind.CHAT, 20).deliver(reply(
                ChatPlatformKind.CHAT, chat, "IM00000000000000000000000000000308", NextStep.AGENT, "One moment."), false));

        flex.setFaults(FaultSpec.none());
        assertTrue(retries.size() > 0, "the faults made the handoff retry");
        assertEquals(1, tasksFor("channelSid", chat).size());
        assertEquals(0, webhooks(ChatPlatformKind.CHAT, chat));
    }
}
