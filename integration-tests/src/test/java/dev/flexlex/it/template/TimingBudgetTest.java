package dev.flexlex.it.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.aws.AwsClients;
import dev.flexlex.config.CallTimeouts;
import dev.flexlex.config.Env;
import dev.flexlex.outbound.BotReplyService;
import dev.flexlex.outbound.ReplyDelivery;
import dev.flexlex.process.BotTurnService;
import dev.flexlex.retry.Retry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The timing budget of README "Why each turn happens exactly once": the functions' {@code Timeout} and the queues'
 * {@code VisibilityTimeout} in {@code template.yaml} against the call timeouts and retry budgets the code uses (read
 * from the code's own constants, so neither side can drift).
 */
class TimingBudgetTest {
    /** SQS FIFO deduplication interval (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-key-terms.html). */
    static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(5);
    /** Issue 15: a turn hit by a crash is answered within two minutes. */
    static final Duration CRASH_RECOVERY = Duration.ofMinutes(2);

    private final Template template = Template.load();

    private Duration timeout(SuiteFunction function) {
        int seconds = template.resource(function.logicalId).path("Properties").path("Timeout").asInt();
        assertTrue(seconds > 0, function.logicalId + " Timeout");
        return Duration.ofSeconds(seconds);
    }

    private Duration visibility(String queue) {
        return Duration.ofSeconds(template.resource(queue).path("Properties").path("VisibilityTimeout").asInt());
    }

    private int maxReceiveCount(String queue) {
        return template.resource(queue).path("Properties").path("RedrivePolicy").path("maxReceiveCount").asInt();
    }

    private static Duration pauses(Retry policy) {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < policy.maxAttempts(); attempt++) {
            total = total.plus(policy.delayAfter(attempt));
        }
        return total;
    }

    @Test
    void oneTurnFitsTheProcessFunctionsTimeoutWithRoomForTheTurnsBeforeIt() {
        assertEquals(CallTimeouts.LEX_CALL.multipliedBy(2), BotTurnService.LEX_ATTEMPT_CEILING, "GetSession + RecognizeText");
        assertTrue(BotTurnService.LEX_ATTEMPT_CEILING.compareTo(BotTurnService.LEX_BUDGET) <= 0,
                "one whole attempt fits the budget");
        assertEquals(BotTurnService.LEX_BUDGET, BotTurnService.LEX_RETRY.budget().total(), "the Lex retries keep to it");
        Duration turn = BotTurnService.LEX_BUDGET.plus(CallTimeouts.SQS_CALL);
        assertEquals(turn.toMillis(), BotTurnService.RESERVE_MILLIS, "no turn starts without the time it may need");

        Duration timeout = timeout(SuiteFunction.PROCESS);
        assertTrue(turn.compareTo(timeout) < 0, "turn " + turn + " within ProcessBotTurnFunction Timeout " + timeout);
        assertTrue(timeout.minus(turn).compareTo(Duration.ofSeconds(3)) >= 0,
                "at least 3 s for the turns before the last one of a batch (a normal turn takes well under 1 s)");
    }

    @Test
    void oneReplyFitsTheOutboundFunctionsTimeoutEvenOnAColdInstance() {
        assertEquals(CallTimeouts.twilioCall().toMillis(), BotReplyService.RESERVE_MILLIS,
                "no reply starts without one Twilio call's worth of time");
        Duration timeout = timeout(SuiteFunction.OUTBOUND);
        // The first reply of an instance reads the Twilio secret first; the retry policy pauses between attempts.
        Duration coldReply = CallTimeouts.SECRETS_CALL.plus(CallTimeouts.twilioCall()).plus(pauses(ReplyDelivery.RETRY));
        assertTrue(coldReply.compareTo(timeout) <= 0,
                "secret + one Twilio call + retry pauses " + coldReply + " within OutboundChatHandlerFunction Timeout " + timeout);
        assertTrue(timeout.minus(CallTimeouts.twilioCall()).compareTo(Duration.ofSeconds(3)) >= 0,
                "at least 3 s for the replies before the last one of a batch");
    }

    @Test
    void theWebhookMakesEachOfItsCallsOnceWithinItsTimeout() {
        // Secret (first use), the chat's attributes when the message does not carry them, the turn's SendMessage.
        // (Its rereads of the chat after transient failures can take longer: then API Gateway answers 5xx and
        // Twilio's retry brings the message again; README "Why each turn happens exactly once".)
        Duration once = CallTimeouts.SECRETS_CALL.plus(CallTimeouts.twilioCall()).plus(CallTimeouts.SQS_CALL);
        Duration timeout = timeout(SuiteFunction.INBOUND);
        assertTrue(once.compareTo(timeout) <= 0, once + " within InboundBotHandlerFunction Timeout " + timeout);
    }

    @Test
    void visibilityTimeoutsAreSixTimesTheirConsumersTimeout() {
        // AWS: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-lambda-function-trigger.html
        assertTrue(visibility("InboundQueue").compareTo(timeout(SuiteFunction.PROCESS).multipliedBy(6)) >= 0);
        assertTrue(visibility("OutboundQueue").compareTo(timeout(SuiteFunction.OUTBOUND).multipliedBy(6)) >= 0);
    }

    @Test
    void aTurnHitByACrashIsAnsweredWithinTwoMinutes() {
        Duration process = timeout(SuiteFunction.PROCESS);
        Duration outbound = timeout(SuiteFunction.OUTBOUND);
        // process-bot-turn dies: the turn comes back after the inbound visibility timeout, is done again (at most its
        // function's timeout) and its reply delivered (at most outbound's timeout).
        Duration processCrash = visibility("InboundQueue").plus(process).plus(outbound);
        // outbound-chat-handler dies: the reply comes back after the outbound visibility timeout and is delivered.
        Duration outboundCrash = visibility("OutboundQueue").plus(outbound);

        assertTrue(processCrash.compareTo(CRASH_RECOVERY) <= 0, "process crash answered after " + processCrash);
        assertTrue(outboundCrash.compareTo(CRASH_RECOVERY) <= 0, "outbound crash answered after " + outboundCrash);
    }

    @Test
    void everyRedeliveryFallsInsideTheDeduplicationWindow() {
        Map<String, SuiteFunction> consumers = Map.of("InboundQueue", SuiteFunction.PROCESS,
                "OutboundQueue", SuiteFunction.OUTBOUND);
        consumers.forEach((queue, consumer) -> {
            // The last receive before the dead-letter queue comes (maxReceiveCount - 1) visibility timeouts after the
            // first; what it publishes, it publishes before its function's timeout.
            Duration last = visibility(queue).multipliedBy(maxReceiveCount(queue) - 1L).plus(timeout(consumer));
            assertTrue(last.compareTo(DEDUPLICATION_WINDOW) < 0,
                    queue + ": last redelivery's publish " + last + " must fall inside the 5-minute deduplication window");
        });
    }

    @Test
    void theSdkClientsCarryTheCallTimeoutsTheBudgetCounts() {
        AwsClients aws = AwsClients.fromEnv(new Env(Map.of("AWS_REGION", "us-east-1")));
        try (LexRuntimeV2Client lex = aws.lexRuntime(); SqsClient sqs = aws.sqs();
             SecretsManagerClient secrets = aws.secretsManager()) {
            assertTimeouts(lex.serviceClientConfiguration().overrideConfiguration(), CallTimeouts.LEX_CALL, CallTimeouts.LEX_CALL);
            assertTimeouts(sqs.serviceClientConfiguration().overrideConfiguration(), CallTimeouts.SQS_ATTEMPT, CallTimeouts.SQS_CALL);
            assertTimeouts(secrets.serviceClientConfiguration().overrideConfiguration(), CallTimeouts.SECRETS_ATTEMPT,
                    CallTimeouts.SECRETS_CALL);
        }
    }

    private static void assertTimeouts(ClientOverrideConfiguration config, Duration attempt, Duration call) {
        assertEquals(attempt, config.apiCallAttemptTimeout().orElseThrow(), "apiCallAttemptTimeout");
        assertEquals(call, config.apiCallTimeout().orElseThrow(), "apiCallTimeout");
    }
}
