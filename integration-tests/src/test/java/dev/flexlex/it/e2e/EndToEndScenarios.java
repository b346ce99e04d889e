package dev.flexlex.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.it.events.TwilioSignatures;
import dev.flexlex.localflex.FaultSpec;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.outbound.HandoffPolicy;
import dev.flexlex.process.TextForLex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The original design's three sequences, per-chat order and Twilio retries, end to end on one platform: a customer
 * writes in the local Flex's web chat; what the tests check is what the customer and Flex then see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndScenarios {
    static final String FALLBACK = "Sorry, I did not understand. You can order flowers or ask for an agent.";
    static final String ASK_FLOWER = "What type of flowers would you like to order?";
    static final String ASK_DAY = "What day do you want the roses to be picked up?";
    static final String ASK_TIME = "At what time do you want the roses to be picked up?";
    static final String AGENT = "Getting you an agent now.";

    private final ChatPlatformKind platform;
    Bridge bridge;

    EndToEndScenarios(ChatPlatformKind platform) {
        this.platform = platform;
    }

    @BeforeAll
    void start() throws Exception {
        bridge = Bridge.start(platform);
    }

    @AfterAll
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void anUnrecognisedGreetingGetsTheFallbackAndASecondMissHandsTheChatToAnAgent() {
        WebChat chat = bridge.webChats.open("Ada", Bridge.BOT);

        bridge.say(chat, "hello there");

        assertEquals(List.of(FALLBACK), Bridge.botLines(chat));
        assertTrue(chat.botWebhookAttached(), "one miss: the bot keeps the chat");
        assertEquals(List.of(), bridge.webChats.tasksFor(chat));

        bridge.say(chat, "what is the weather like on mars");

        assertEquals(List.of(FALLBACK, FALLBACK), Bridge.botLines(chat));
        assertFalse(chat.botWebhookAttached(), "two misses in a row: the bot lets go of the chat");
        assertEquals(1, bridge.webChats.tasksFor(chat).size(), "handed to an agent once");
        assertFalse(chat.closed());
    }

    @Test
    void anOrderFlowersOrderRunsToCompletionAndClosesTheChat() {
        WebChat chat = bridge.webChats.open("Grace", Bridge.BOT);

        bridge.say(chat, "I would like to order some flowers");
        bridge.say(chat, "roses");
        bridge.say(chat, "tomorrow");
        bridge.say(chat, "10 am");
        assertFalse(chat.closed(), "still confirming");
        bridge.say(chat, "yes");

        List<String> bot = Bridge.botLines(chat);
        assertEquals(5, bot.size(), bot.toString());
        assertEquals(List.of(ASK_FLOWER, ASK_DAY, ASK_TIME), bot.subList(0, 3));
        assertTrue(bot.get(3).startsWith("Okay, your roses will be ready for pickup by 10:00 on "), bot.get(3));
        assertTrue(bot.get(4).startsWith("Thanks, your order of roses is placed for pickup on "), bot.get(4));
        assertAlternates(chat);
        assertTrue(chat.closed(), "the fulfilled order closes the chat");
        assertEquals(List.of(), bridge.webChats.tasksFor(chat), "no agent needed");
    }

    @Test
    void askingForAnAgentGetsTheGoodbyeRemovesTheBotAndCreatesOneTask() {
        WebChat chat = bridge.webChats.open("Linus", Bridge.BOT);

        bridge.say(chat, "speak to an agent");

        assertEquals(List.of(AGENT), Bridge.botLines(chat));
        assertFalse(chat.botWebhookAttached(), "the bot's webhook is removed");
        List<JsonNode> tasks = bridge.webChats.tasksFor(chat);
        assertEquals(1, tasks.size(), "one task for the agent");
        assertTrue(tasks.get(0).toString().contains("Linus"), "the agent sees the customer's name: " + tasks.get(0));
        assertFalse(chat.closed(), "the agent takes the chat over");
    }

    @Test
    void manyChatsInterleavedEachGetTheirRepliesInOrderAndOnce() {
        List<WebChat> chats = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            chats.add(bridge.webChats.open("Customer " + i, Bridge.BOT));
        }
        // Every customer's three messages reach the inbound queue, interleaved, before any turn is processed.
        for (String text : List.of("I would like to order some flowers", "roses", "tomorrow")) {
            for (WebChat chat : chats) {
                bridge.send(chat, text);
            }
        }

        long started = System.nanoTime();
        bridge.runQueues();
        long millis = (System.nanoTime() - started) / 1_000_000;

        for (WebChat chat : chats) {
            assertEquals(List.of(ASK_FLOWER, ASK_DAY, ASK_TIME), Bridge.botLines(chat), chat.chatSid());
        }
        System.out.printf("%s: %d queued turns through process (Lex) and outbound (Twilio) in %d ms, one poller each%n",
                platform, chats.size() * 3, millis);
    }

    @Test
    void twilioRetryingTheSameWebhookMakesOneTurn() throws Exception {
        WebChat chat = bridge.webChats.open("Ada", Bridge.BOT);
        String messageSid = bridge.send(chat, "I would like to order some flowers");

        int retried = bridge.gateway.replay(bridge.gateway.deliveriesOf(messageSid).get(0));
        bridge.runQueues();

        assertEquals(200, retried, "the retry is answered 200 too (Twilio stops retrying)");
        assertEquals(2, bridge.gateway.deliveriesOf(messageSid).size());
        assertEquals(List.of(ASK_FLOWER), Bridge.botLines(chat), "one turn, one reply");

        bridge.say(chat, "roses");
        assertEquals(List.of(ASK_FLOWER, ASK_DAY), Bridge.botLines(chat), "Lex saw the first message once");
    }

    @Test
    void aTurnComingBackAfterTheDeduplicationWindowIsNotAnsweredTwice() {
        // Issue 15: process-bot-turn published the reply and died before the turn was acknowledged; the turn came back
        // after SQS's 5-minute deduplication window, so its second reply is a new message on the outbound queue.
        WebChat chat = bridge.webChats.open("Barbara", Bridge.BOT);
        String messageSid = bridge.send(chat, "I would like to order some flowers");
        String turn = bridge.sqs.receiveMessage(r -> r.queueUrl(bridge.inboundQueueUrl).visibilityTimeout(0)
                .waitTimeSeconds(1)).messages().get(0).body();
        bridge.runQueues();
        assertEquals(List.of(ASK_FLOWER), Bridge.botLines(chat));

        bridge.afterDeduplicationWindow = "-after-5-minutes";
        try {
            bridge.sqs.sendMessage(r -> r.queueUrl(bridge.inboundQueueUrl).messageBody(turn)
                    .messageGroupId(chat.chatSid()).messageDeduplicationId(messageSid + "-after-5-minutes"));
            bridge.runQueues();
        } finally {
            bridge.afterDeduplicationWindow = "";
        }

        assertEquals(List.of(ASK_FLOWER), Bridge.botLines(chat), "the reply rebuilt from Lex is not posted again");
        bridge.say(chat, "roses");
        assertEquals(List.of(ASK_FLOWER, ASK_DAY), Bridge.botLines(chat), "Lex did the first turn once");
    }

    @Test
    void twilioFailingWhileRepliesArePostedNeitherDoublesNorLosesAMessageOrATask() {
        List<WebChat> ordering = new ArrayList<>();
        List<WebChat> handedOff = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ordering.add(bridge.webChats.open("Orderer " + i, Bridge.BOT));
            handedOff.add(bridge.webChats.open("Caller " + i, Bridge.BOT));
        }
        for (String text : List.of("I would like to order some flowers", "roses", "tomorrow")) {
            for (WebChat chat : ordering) {
                bridge.send(chat, text);
            }
        }
        for (WebChat chat : handedOff) {
            bridge.send(chat, "speak to an agent");
        }

        bridge.runTurns();
        int failedBefore = bridge.replies.failedRecords();
        try {
            // First every Twilio call acts and then answers 500: the replies' first parts get posted, yet the
            // whole batch fails back to SQS and is redelivered.
            bridge.flex.setFaults(FaultSpec.parse("*:500after=1"));
            bridge.replies.pollOnce();
            assertTrue(bridge.replies.failedRecords() > failedBefore, "the batch went back to SQS");
            // Then every product fails some calls: 429 or 500 without effect, or 500 after the effect.
            bridge.flex.setFaults(FaultSpec.parse("*:429=0.05,*:500=0.1,*:500after=0.1,seed=12"));
            bridge.runQueues();
        } finally {
            bridge.flex.setFaults(FaultSpec.none());
        }
        System.out.printf("twilio faults: %d outbound records failed back to SQS and were redelivered%n",
                bridge.replies.failedRecords() - failedBefore);
        for (WebChat chat : ordering) {
            assertEquals(List.of(ASK_FLOWER, ASK_DAY, ASK_TIME), Bridge.botLines(chat), chat.chatSid());
        }
        // A handoff whose Twilio calls keep failing through its attempts is given back to the bot (README, "Handoffs"):
        // each chat is with an agent (one task, bot webhook gone) or with the bot and told so — never neither, never two.
        int givenBack = 0;
        for (WebChat chat : handedOff) {
            if (chat.botWebhookAttached()) {
                givenBack++;
                assertEquals(List.of(AGENT, HandoffPolicy.DEFAULT_FAILURE_NOTICE), Bridge.botLines(chat),
                        chat.chatSid());
                assertEquals(0, bridge.webChats.openTasksFor(chat).size(), "no task waiting for " + chat.chatSid());
            } else {
                assertEquals(List.of(AGENT), Bridge.botLines(chat), chat.chatSid());
                assertEquals(1, bridge.webChats.tasksFor(chat).size(), "one task for " + chat.chatSid());
            }
        }
        System.out.printf("twilio faults: %d of %d handoffs given back to the bot%n", givenBack, handedOff.size());
    }

    @Test
    void aForgedOrUnsignedWebhookIsRefusedWith403AndNothingIsQueued() throws Exception {
        WebChat chat = bridge.webChats.open("Mallory", Bridge.BOT);
        String messageSid = bridge.say(chat, "I would like to order some flowers");
        WebhookRoute.Delivery genuine = bridge.gateway.deliveriesOf(messageSid).get(0);
        Map<String, String> forged = new LinkedHashMap<>(genuine.form());
        forged.put("Body", "speak to an agent");

        WebhookRoute.Answer tampered = bridge.gateway.post(forged, genuine.headers().get("x-twilio-signature"));
        WebhookRoute.Answer unsigned = bridge.gateway.post(forged, null);

        assertEquals(403, tampered.status(), tampered.body());
        assertEquals(403, unsigned.status(), unsigned.body());
        assertEquals(0, TemplateQueues.depth(bridge.sqs, bridge.inboundQueueUrl), "nothing enqueued");
        bridge.runQueues();
        assertEquals(List.of(ASK_FLOWER), Bridge.botLines(chat), "the forged message never reached the bot");
        assertTrue(chat.botWebhookAttached());
    }

    @Test
    void aSignedWebhookWithoutItsMessageSidIsRefusedWith400NamingTheField() throws Exception {
        WebChat chat = bridge.webChats.open("Trent", Bridge.BOT);
        String messageSid = bridge.say(chat, "I would like to order some flowers");
        Map<String, String> malformed = new LinkedHashMap<>(bridge.gateway.deliveriesOf(messageSid).get(0).form());
        malformed.remove("MessageSid");

        WebhookRoute.Answer answer = bridge.gateway.post(malformed,
                TwilioSignatures.sign(bridge.flex.authToken(), bridge.gateway.url(), malformed));

        assertEquals(400, answer.status(), answer.body());
        assertTrue(answer.body().contains("MessageSid"), answer.body());
        assertEquals(0, TemplateQueues.depth(bridge.sqs, bridge.inboundQueueUrl), "nothing enqueued");
        assertEquals(List.of(ASK_FLOWER), Bridge.botLines(chat));
    }

    @Test
    void aReplyTwilioKeepsRefusingGoesToTheDeadLetterQueueAfterFiveReceivesAndNothingIsPosted() {
        WebChat chat = bridge.webChats.open("Oscar", Bridge.BOT);
        String messageSid = bridge.send(chat, "I would like to order some flowers");
        bridge.runTurns();
        String deadLetters = TemplateQueues.deadLetterQueueOf(bridge.outboundQueueUrl);
        int failedBefore = bridge.replies.failedRecords();

        bridge.flex.setFaults(FaultSpec.parse("*:500=1"));
        try {
            bridge.runReplies();
        } finally {
            bridge.flex.setFaults(FaultSpec.none());
        }

        assertEquals(5, bridge.replies.failedRecords() - failedBefore, "received and failed maxReceiveCount times");
        // Only this chat's: another scenario of the class may have left a reply there (printed).
        List<Message> dead = new java.util.ArrayList<>();
        for (Message m : bridge.sqs.receiveMessage(r -> r.queueUrl(deadLetters).maxNumberOfMessages(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages()) {
            BotReply other = Json.readBotReply(m.body());
            if (other.chatSid().equals(chat.chatSid())) {
                dead.add(m);
            } else {
                System.out.printf("dead-letter queue also holds a reply of %s (next step %s)%n", other.chatSid(),
                        other.nextStep());
            }
        }
        assertEquals(1, dead.size(), "the reply waits in the dead-letter queue (its alarm fires)");
        BotReply reply = Json.readBotReply(dead.get(0).body());
        assertEquals(messageSid, reply.messageSid());
        assertEquals(chat.chatSid(), reply.chatSid());
        assertEquals(chat.chatSid(), dead.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
        assertEquals(List.of(), Bridge.botLines(chat), "nothing half-posted");
        bridge.sqs.deleteMessage(r -> r.queueUrl(deadLetters).receiptHandle(dead.get(0).receiptHandle()));
    }

    @Test
    void aPictureWithoutTextGetsICanOnlyReadTextAndTheBotKeepsTheChat() {
        WebChat chat = bridge.webChats.open("Mia", Bridge.BOT);

        String sid = chat.sendPicture("ME0123456789abcdef0123456789abcdef");
        bridge.awaitWebhook(sid);
        bridge.runQueues();

        assertEquals(List.of(TextForLex.DEFAULT_MEDIA_ONLY_REPLY), Bridge.botLines(chat));
        assertTrue(chat.botWebhookAttached(), "no agent by accident");
        assertEquals(List.of(), bridge.webChats.tasksFor(chat));
        bridge.say(chat, "I would like to order some flowers");
        assertEquals(List.of(TextForLex.DEFAULT_MEDIA_ONLY_REPLY, ASK_FLOWER), Bridge.botLines(chat));
    }

    @Test
    void aBlankMessageGetsAPromptAndTheBotKeepsTheChat() {
        WebChat chat = bridge.webChats.open("Noor", Bridge.BOT);

        bridge.say(chat, "   ");

        assertEquals(List.of(TextForLex.DEFAULT_EMPTY_MESSAGE_REPLY), Bridge.botLines(chat));
        assertTrue(chat.botWebhookAttached());
        assertEquals(List.of(), bridge.webChats.tasksFor(chat));
    }

    @Test
    void aMessageLongerThanLexAcceptsStillGetsTheBotsAnswer() {
        WebChat chat = bridge.webChats.open("Olga", Bridge.BOT);
        String longMessage = ("I would like to order some flowers. " + "And ".repeat(300)).trim();
        assertTrue(longMessage.length() > 1024 && longMessage.length() <= 1600, "over Lex's limit, within Twilio's");

        bridge.say(chat, longMessage);

        assertEquals(List.of(ASK_FLOWER), Bridge.botLines(chat), "Lex read the first 1,024 characters");
        assertTrue(chat.botWebhookAttached(), "not the apology and an agent");
        assertEquals(List.of(), bridge.webChats.tasksFor(chat));
    }

    /** Customer and bot take turns: every customer message is followed by exactly one bot message. */
    private static void assertAlternates(WebChat chat) {
        List<WebChat.Line> lines = chat.transcript();
        for (int i = 0; i < lines.size(); i++) {
            boolean botLine = "bot".equals(lines.get(i).author());
            assertEquals(i % 2 == 1, botLine, "line " + i + " of " + lines);
        }
    }
}
