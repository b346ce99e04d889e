package dev.flexlex.it.lex;

import static dev.flexlex.it.lex.LexSqsFixture.turn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.flexlex.it.events.EventFiles;
import dev.flexlex.it.events.StreamHandlers;
import dev.flexlex.it.lex.LexSqsFixture.Received;
import dev.flexlex.model.BotReply;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.NextStep;
import dev.flexlex.model.ReplyMessage;
import dev.flexlex.process.BotTurnHandler;
import dev.flexlex.process.BotTurnService;
import dev.flexlex.process.TurnPolicy;
import dev.flexlex.process.lex.SdkLexGateway;
import dev.flexlex.queue.QueuePublishException;
import dev.flexlex.queue.QueuePublisher;
import dev.flexlex.queue.SqsQueuePublisher;
import dev.flexlex.registry.BotRegistry;
import dev.flexlex.retry.Retry;
import dev.flexlex.retry.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.lexruntimev2.model.DialogActionType;
import software.amazon.awssdk.services.lexruntimev2.model.GetSessionResponse;
import software.amazon.awssdk.services.lexruntimev2.model.IntentState;

/**
 * process-bot-turn's handler with the real Lex runtime client against the local Lex (OrderFlowers from
 * ../template.yaml) and the real SQS client against ElasticMQ: turns in on one FIFO queue, replies out on another.
 */
@ExtendWith(LexSqsServers.class)
class BotTurnLexIT {
    private static LexSqsFixture fixture;
    private String inbound;
    private String outbound;
    private BotTurnHandler handler;

    @BeforeAll
    static void servers(LexSqsFixture servers) {
        fixture = servers;
    }

    @BeforeEach
    void queues() {
        inbound = fixture.fifoQueue("inbound");
        outbound = fixture.fifoQueue("outbound");
        handler = handler(new SqsQueuePublisher(fixture.sqs, outbound));
    }

    private BotTurnHandler handler(QueuePublisher publisher) {
        return new BotTurnHandler(new BotTurnService(fixture.registry, new SdkLexGateway(fixture.lex), publisher,
                new TurnPolicy(), new Retry(4, Duration.ofMillis(20), 2, Duration.ofMillis(200), Sleeper.THREAD)));
    }

    /** A handler whose first publish to the outbound queue fails, after Lex has done the turn; later ones succeed. */
    private BotTurnHandler handlerWhosePublishFailsOnce() {
        AtomicInteger refusals = new AtomicInteger();
        SqsQueuePublisher real = new SqsQueuePublisher(fixture.sqs, outbound);
        return handler((group, dedup, record) -> {
            if (refusals.getAndIncrement() == 0) {
                throw new QueuePublishException("outbound queue unavailable", null);
            }
            real.publish(group, dedup, record);
        });
    }

    /** Sends one turn through inbound queue → handler → outbound queue and returns the single reply. */
    private Received say(String chatSid, String messageSid, String text) {
        fixture.send(inbound, turn(chatSid, messageSid, text));
        LexSqsFixture.Poll poll = fixture.poll(inbound, handler, 10);
        assertEquals(1, poll.received());
        assertEquals(List.of(), poll.failed());
        List<Received> replies = fixture.drain(outbound);
        assertEquals(1, replies.size(), "one reply per turn");
        Received reply = replies.get(0);
        assertEquals(chatSid, reply.groupId());
        assertEquals(messageSid, reply.dedupId());
        return reply;
    }

    private static List<String> texts(BotReply reply) {
        return reply.messages().stream().map(ReplyMessage::text).toList();
    }

    @Test
    void anOrderFlowersOrderRunsToCompletionAndClosesTheChat() {
        String chat = "CH" + "order0000000000000000000000001";
        BotReply first = say(chat, "IM01", "I would like to order some flowers").reply();
        assertEquals(List.of("What type of flowers would you like to order?"), texts(first));
        assertEquals(NextStep.WAIT_FOR_MESSAGE, first.nextStep());
        assertEquals("OrderFlowers", first.lastIntent());

        assertEquals(NextStep.WAIT_FOR_MESSAGE, say(chat, "IM02", "roses").reply().nextStep());
        assertEquals(NextStep.WAIT_FOR_MESSAGE, say(chat, "IM03", "tomorrow").reply().nextStep());
        BotReply confirm = say(chat, "IM04", "10 am").reply();
        assertTrue(texts(confirm).get(0).startsWith("Okay, your roses will be ready for pickup by 10:00 on "),
                texts(confirm).toString());
        assertEquals(NextStep.WAIT_FOR_MESSAGE, confirm.nextStep());

        BotReply done = say(chat, "IM05", "yes").reply();
        assertEquals(NextStep.CLOSE_CHAT, done.nextStep());
        assertEquals("OrderFlowers", done.lastIntent());
        assertEquals("roses", done.slots().get("FlowerType"));
        assertEquals("10:00", done.slots().get("PickupTime"));
        assertTrue(texts(done).get(0).startsWith("Thanks, your order of roses is placed"), texts(done).toString());
        assertNull(done.handoffReason());

        GetSessionResponse session = fixture.session(chat);
        assertEquals("IM05", session.sessionState().sessionAttributes().get("bridge.lastTurn"));
        assertEquals("Fulfilled", session.sessionState().intent().stateAsString());
    }

    @Test
    void speakingToAnAgentHandsTheChatOff() {
        BotReply reply = say("CHagent", "IM1", "Can I speak to an agent?").reply();

        assertEquals(NextStep.AGENT, reply.nextStep());
        assertEquals("agent intent TalkToAgent", reply.handoffReason());
        assertEquals(List.of("Getting you an agent now."), texts(reply));
        assertEquals("TalkToAgent", reply.lastIntent());
    }

    @Test
    void twoUnrecognisedMessagesInARowHandTheChatOff() {
        BotReply first = say("CHfallback", "IM1", "what is the weather on mars").reply();
        assertEquals(NextStep.WAIT_FOR_MESSAGE, first.nextStep());
        assertEquals("FallbackIntent", first.lastIntent());

        BotReply second = say("CHfallback", "IM2", "and on venus?").reply();
        assertEquals(NextStep.AGENT, second.nextStep());
        assertEquals("2 consecutive unrecognised messages", second.handoffReason());

        Map<String, String> attributes = fixture.session("CHfallback").sessionState().sessionAttributes();
        assertEquals(Map.of("bridge.lastTurn", "IM2", "bridge.earlierTurns", "IM1", "bridge.fallbackCount", "1"), attributes);
    }

    @Test
    void aTurnRedeliveredAfterLexAnsweredIsNotSeenByLexTwice() {
        // OrderFlowers asks for an unusable PickupDate again twice, and the third unusable answer gives it up:
        // Lex's own retry count shows whether it saw the redelivered answer once or twice.
        say("CHredeliver", "IM1", "I want to buy roses");
        BotTurnHandler crashesAfterLex = handlerWhosePublishFailsOnce();
        fixture.send(inbound, turn("CHredeliver", "IM2", "purple elephant"));

        LexSqsFixture.Poll first = fixture.poll(inbound, crashesAfterLex, 10);
        assertEquals(1, first.failed().size(), "the publish failed, so the turn goes back to SQS");
        assertEquals(List.of(), fixture.drain(outbound));
        GetSessionResponse afterFirst = fixture.session("CHredeliver");
        assertEquals("IM2", afterFirst.sessionState().sessionAttributes().get("bridge.lastTurn"));

        LexSqsFixture.Poll second = fixture.poll(inbound, crashesAfterLex, 10);
        assertEquals(List.of("2"), second.receiveCounts(), "the same SQS message, delivered again");
        assertEquals(List.of(), second.failed());

        List<Received> replies = fixture.drain(outbound);
        assertEquals(1, replies.size());
        assertEquals("IM2", replies.get(0).dedupId());
        assertEquals(NextStep.WAIT_FOR_MESSAGE, replies.get(0).reply().nextStep());
        assertEquals(List.of("What day do you want the roses to be picked up?"), texts(replies.get(0).reply()));
        GetSessionResponse afterSecond = fixture.session("CHredeliver");
        assertEquals(afterFirst.messages(), afterSecond.messages());
        assertEquals(afterFirst.sessionState(), afterSecond.sessionState());

        // Second unusable answer: asked again (had Lex seen IM2 twice, this would be the third and fail the intent).
        BotReply again = say("CHredeliver", "IM3", "purple elephant").reply();
        assertEquals(NextStep.WAIT_FOR_MESSAGE, again.nextStep());
        assertEquals(List.of("What day do you want the roses to be picked up?"), texts(again));
        assertEquals("InProgress", fixture.session("CHredeliver").sessionState().intent().stateAsString());
        BotReply next = say("CHredeliver", "IM4", "tomorrow").reply();
        assertEquals(List.of("At what time do you want the roses to be picked up?"), texts(next));
        assertEquals("roses", next.slots().get("FlowerType"));
    }

    @Test
    void aBatchLostAfterItsLaterTurnsWentToLexReplaysNoneOfThemToLex() {
        say("CHlostbatch", "IM1", "I want to buy roses");
        fixture.send(inbound, turn("CHlostbatch", "IM2", "tomorrow"));
        fixture.send(inbound, turn("CHlostbatch", "IM3", "10 am"));

        // Both turns of the chat in one batch went to Lex and were published; then the function died.
        LexSqsFixture.Poll lost = fixture.pollThenDie(inbound, handler, 10);
        assertEquals(2, lost.received());
        assertEquals(List.of(), lost.failed());
        List<Received> published = fixture.drain(outbound);
        assertEquals(List.of("IM2", "IM3"), published.stream().map(Received::dedupId).toList());
        GetSessionResponse beforeReplay = fixture.session("CHlostbatch");
        assertEquals("IM3", beforeReplay.sessionState().sessionAttributes().get("bridge.lastTurn"));
        assertEquals("IM1 IM2", beforeReplay.sessionState().sessionAttributes().get("bridge.earlierTurns"));

        // SQS brings the whole batch back: IM2 is superseded by IM3 (nothing sent to Lex), IM3 is rebuilt.
        LexSqsFixture.Poll replay = fixture.poll(inbound, handler, 10);
        assertEquals(List.of("2", "2"), replay.receiveCounts(), "the same two SQS messages, delivered again");
        assertEquals(List.of(), replay.failed());
        GetSessionResponse afterReplay = fixture.session("CHlostbatch");
        assertEquals(beforeReplay.messages(), afterReplay.messages(), "Lex heard neither turn again");
        assertEquals(beforeReplay.sessionState(), afterReplay.sessionState());

        BotReply done = say("CHlostbatch", "IM4", "yes").reply();
        assertTrue(texts(done).get(0).startsWith("Thanks, your order of roses is placed"), texts(done).toString());
        assertEquals(NextStep.CLOSE_CHAT, done.nextStep());
    }

    @Test
    void threeUnusableAnswersAbandonTheIntentForTheFallbackAndHandTheChatOffAtOnce() {
        say("CHfailed", "IM1", "I want to buy roses");
        say("CHfailed", "IM2", "purple elephant");
        say("CHfailed", "IM3", "still a purple elephant");

        BotReply failed = say("CHfailed", "IM4", "elephants all the way").reply();

        // Lex invokes FallbackIntent once PickupDate's MaxRetries are spent, after the slot's failure response that
        // promises a person: the bridge keeps that promise now, not after another unrecognised message.
        assertEquals("FallbackIntent", failed.lastIntent());
        assertEquals(List.of("Sorry, I still could not get that. Let me find someone who can help you.",
                "Sorry, I did not understand. You can order flowers or ask for an agent."), texts(failed));
        assertEquals(NextStep.AGENT, failed.nextStep());
        assertEquals("intent OrderFlowers abandoned: its prompt's retries were used up", failed.handoffReason());
        assertEquals("OrderFlowers", fixture.session("CHfailed").sessionState().sessionAttributes()
                .get(TurnPolicy.PROMPTING), "what was waiting before the turn, kept for a redelivery");
    }

    @Test
    void anAbandonedIntentRedeliveredAfterLexAnsweredReachesTheSameHandoff() {
        say("CHabandon", "IM1", "I want to buy roses");
        say("CHabandon", "IM2", "purple elephant");
        say("CHabandon", "IM3", "purple elephant");
        BotTurnHandler crashesAfterLex = handlerWhosePublishFailsOnce();
        fixture.send(inbound, turn("CHabandon", "IM4", "purple elephant"));
        assertEquals(1, fixture.poll(inbound, crashesAfterLex, 10).failed().size());

        assertEquals(List.of(), fixture.poll(inbound, crashesAfterLex, 10).failed());

        List<Received> replies = fixture.drain(outbound);
        assertEquals(1, replies.size());
        assertEquals(NextStep.AGENT, replies.get(0).reply().nextStep(), "rebuilt from GetSession, same decision");
        assertEquals("intent OrderFlowers abandoned: its prompt's retries were used up",
                replies.get(0).reply().handoffReason());
    }

    @Test
    void anOutboundQueueThatRefusesTheReplyLeavesTheTurnOnTheInboundQueue() {
        String gone = fixture.fifoQueue("gone");
        fixture.sqs.deleteQueue(r -> r.queueUrl(gone));
        BotTurnHandler toNowhere = handler(new SqsQueuePublisher(fixture.sqs, gone));
        fixture.send(inbound, turn("CHnowhere", "IM1", "Can I speak to an agent?"));
        fixture.send(inbound, turn("CHnowhere", "IM2", "hello?"));

        LexSqsFixture.Poll poll = fixture.poll(inbound, toNowhere, 10);

        assertEquals(2, poll.failed().size(), "the turn and the later one of its batch come back");
        // Lex took the first turn (its marker says so); the second never reached Lex.
        assertEquals("IM1", fixture.session("CHnowhere").sessionState().sessionAttributes().get("bridge.lastTurn"));
        LexSqsFixture.Poll retried = fixture.poll(inbound, handler, 10);
        assertEquals(List.of(), retried.failed());
        List<Received> replies = fixture.drain(outbound);
        assertEquals(List.of("IM1", "IM2"), replies.stream().map(Received::dedupId).toList());
        assertEquals(NextStep.AGENT, replies.get(0).reply().nextStep());
    }

    @Test
    void theSqsEventOfEventsFolderRunsThroughTheHandlerAgainstLex() {
        // events/sqs-bot-turns.json is what `sam local invoke ProcessBotTurnFunction` is given.
        SQSEvent event = EventFiles.sqsEvent("sqs-bot-turns.json");

        assertEquals(List.of(), StreamHandlers.sqs(handler).handleRequest(event, null).getBatchItemFailures());

        List<Received> replies = fixture.drain(outbound);
        List<Received> first = replies.stream().filter(r -> r.groupId().equals("CH00000000000000000000000000000001")).toList();
        List<Received> second = replies.stream().filter(r -> r.groupId().equals("CH00000000000000000000000000000002")).toList();
        assertEquals(List.of("IM00000000000000000000000000000001", "IM00000000000000000000000000000003"),
                first.stream().map(Received::dedupId).toList(), "in the chat's order");
        assertEquals(List.of("What type of flowers would you like to order?"), texts(first.get(0).reply()));
        assertEquals(List.of("What day do you want the roses to be picked up?"), texts(first.get(1).reply()));
        assertEquals(1, second.size());
        assertEquals(NextStep.AGENT, second.get(0).reply().nextStep());
        assertEquals(ChatPlatformKind.CHAT, second.get(0).reply().platform());
    }

    @Test
    void attributesOthersPutInTheSessionSurviveOurTurnAndTheBotsNextStepIsObeyed() {
        // Someone else (a code hook, an agent desktop) put a dialog and attributes in the session with PutSession.
        fixture.lex.putSessionAsBytes(r -> r.botId(fixture.bot.botId()).botAliasId(LexSqsFixture.ALIAS)
                .localeId("en_US").sessionId("CHput")
                .sessionState(st -> st.sessionAttributes(Map.of("customerTier", "gold", "nextStep", "CLOSE_CHAT"))
                        .intent(i -> i.name("OrderFlowers").state(IntentState.IN_PROGRESS))
                        .dialogAction(d -> d.type(DialogActionType.ELICIT_SLOT).slotToElicit("FlowerType"))));

        BotReply reply = say("CHput", "IM1", "tulips").reply();

        // Our request named no intent or dialog action: Lex carried on with the dialog that was there.
        assertEquals(List.of("What day do you want the tulips to be picked up?"), texts(reply));
        assertEquals("tulips", reply.slots().get("FlowerType"));
        assertEquals(NextStep.CLOSE_CHAT, reply.nextStep(), "the session said nextStep=CLOSE_CHAT");
        // Lex replaced its attributes with the map we sent: complete, nothing of theirs lost.
        assertEquals(Map.of("customerTier", "gold", "nextStep", "CLOSE_CHAT", "bridge.lastTurn", "IM1",
                "bridge.fallbackCount", "0", "bridge.prompting", "OrderFlowers"),
                fixture.session("CHput").sessionState().sessionAttributes());
    }

    @Test
    void aMessageOverLexsLimitIsCutAndAnsweredNotRefused() {
        // RecognizeText takes at most 1024 characters (Lex answers ValidationException beyond): the turn sends the
        // first 1,024 cut at a word boundary.
        BotReply reply = say("CHlong", "IM1", "I would like to order some flowers " + "flowers ".repeat(200)).reply();

        assertEquals(NextStep.WAIT_FOR_MESSAGE, reply.nextStep());
        assertEquals(List.of("What type of flowers would you like to order?"), texts(reply));
    }

    @Test
    void aRequestLexRefusesAsInvalidMeansAnApologyAndAnAgentNotSilence() {
        // A session id longer than the model's 100 characters: Lex answers ValidationException.
        BotReply reply = say("CH" + "0".repeat(110), "IM1", "I would like to order some flowers").reply();

        assertEquals(NextStep.AGENT, reply.nextStep());
        assertEquals("the bot is unavailable", reply.handoffReason());
        assertEquals(List.of(TurnPolicy.APOLOGY), texts(reply));
    }

    @Test
    void unknownBotIdAtLexMeansAnApologyAndAnAgent() {
        BotTurnHandler wrongBot = new BotTurnHandler(new BotTurnService(BotRegistry.parse(
                "{\"bots\":{\"OrderFlowers\":{\"botId\":\"NOSUCHBOT0\",\"botAliasId\":\"TSTALIASID\",\"localeId\":\"en_US\"}}}"),
                new SdkLexGateway(fixture.lex), new SqsQueuePublisher(fixture.sqs, outbound), new TurnPolicy(),
                new Retry(2, Duration.ofMillis(10), 2, Duration.ofMillis(10), Sleeper.THREAD)));
        fixture.send(inbound, turn("CHnobot", "IM1", "hello"));

        assertEquals(List.of(), fixture.poll(inbound, wrongBot, 10).failed());

        List<Received> replies = fixture.drain(outbound);
        assertEquals(1, replies.size());
        assertEquals(NextStep.AGENT, replies.get(0).reply().nextStep());
        assertEquals("the bot is unavailable", replies.get(0).reply().handoffReason());
    }
}
