package dev.flexlex.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.localstack.SamTemplate.FunctionSpec;
import dev.flexlex.localstack.SamTemplate.QueueSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runner reads from the project's template.yaml. */
class SamTemplateTest {
    private static final SamTemplate TEMPLATE = SamTemplate.read(Path.of("..", "template.yaml"));

    @Test
    void queuesAreFifoWithTheTemplatesVisibilityAndRedrive() {
        QueueSpec inbound = TEMPLATE.queue("InboundQueue");
        assertTrue(inbound.fifo());
        assertFalse(inbound.contentBasedDeduplication());
        assertEquals(66, inbound.visibilityTimeout());
        assertEquals("InboundDeadLetterQueue", inbound.deadLetterQueue());
        assertEquals(5, inbound.maxReceiveCount());
        assertEquals("InboundQueue.fifo", inbound.queueName());
        QueueSpec dlq = TEMPLATE.queue("OutboundDeadLetterQueue");
        assertTrue(dlq.fifo());
        assertEquals(null, dlq.deadLetterQueue());
        assertEquals(1209600, dlq.messageRetentionPeriod());
    }

    @Test
    void functionsCarryHandlerJarTimeoutEnvironmentAndTheirSqsEvent() {
        FunctionSpec process = TEMPLATE.function("ProcessBotTurnFunction");
        assertEquals("dev.flexlex.process.BotTurnHandler::handleRequest", process.handler());
        assertEquals("process-bot-turn/target/process-bot-turn.jar", process.codeUri());
        assertEquals(11, process.timeoutSeconds());
        assertEquals(1024, process.memorySize());
        assertEquals(List.of("JAVA_TOOL_OPTIONS", "PRIMING_ROUNDS", "CHAT_PLATFORM", "BOT_REGISTRY", "OUTBOUND_QUEUE_URL", "MEDIA_ONLY_REPLY", "EMPTY_MESSAGE_REPLY",
                "POWERTOOLS_METRICS_NAMESPACE"), process.environmentKeys());
        SamTemplate.SqsEventSpec event = process.sqsEvent().orElseThrow();
        assertEquals("InboundQueue", event.queue());
        assertEquals(5, event.batchSize());
        assertEquals(10, event.maximumConcurrency());
        assertTrue(event.reportBatchItemFailures());
        assertTrue(TEMPLATE.function("InboundBotHandlerFunction").sqsEvent().isEmpty());
    }

    @Test
    void theStackWiresTwilioWithTheTemplatesConnectionOverrideFragment() {
        String fragment = LocalStack.webhookFragment(TEMPLATE);

        assertTrue(fragment.startsWith("#") && fragment.contains("rp=") && fragment.contains("5xx"), fragment);
        assertTrue(TEMPLATE.environmentText("OutboundChatHandlerFunction", "WEBHOOK_PUBLIC_URL", "#").endsWith(fragment),
                "both functions know the URL Twilio is given");
    }

    @Test
    void theDefaultBotRegistryAndParameterDefaultsAreRead() {
        String registry = TEMPLATE.environmentText("ProcessBotTurnFunction", "BOT_REGISTRY", "${BotId}");
        assertTrue(registry.startsWith("{\"defaultBot\":\"OrderFlowers\""), registry);
        assertEquals("bot", TEMPLATE.parameterDefault("BotAuthorIdentity"));
        assertEquals("chat", TEMPLATE.parameterDefault("TaskRouterTaskChannel"));
        StackStartException e = assertThrows(StackStartException.class, () -> TEMPLATE.parameterDefault("TaskRouterWorkspaceSid"));
        assertEquals("template.yaml parameter TaskRouterWorkspaceSid has no default", e.getMessage());
    }

    @Test
    void aMissingFunctionOrUnreadableTemplateIsNamed(@TempDir Path dir) throws Exception {
        assertEquals("template.yaml has no function Nope",
                assertThrows(StackStartException.class, () -> TEMPLATE.function("Nope")).getMessage());
        Path bad = dir.resolve("template.yaml");
        Files.writeString(bad, "Resources: [unclosed");
        assertTrue(assertThrows(StackStartException.class, () -> SamTemplate.read(bad)).getMessage()
                .startsWith(bad + ": not a readable template"));
    }

    @Test
    void theGlobalsJvmFlagsAndPrimingRoundsReachEveryFunctionAsTheTemplateWritesThem() {
        for (String fn : LocalStack.FUNCTIONS) {
            Map<String, String> env = HandlerEnvironment.of(TEMPLATE.function(fn), values("conversations"));
            assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=4", env.get("JAVA_TOOL_OPTIONS"), fn);
            assertEquals("2000", env.get("PRIMING_ROUNDS"), fn);
        }
    }

    @Test
    void jvmFlagsGivenAsAnExpressionFailTheStartNamingThem() {
        FunctionSpec function = new FunctionSpec("Fn", "a.B::handleRequest", "x.jar", 512, 10,
                List.of("JAVA_TOOL_OPTIONS"), java.util.Map.of(), java.util.Optional.empty());
        StackStartException e = assertThrows(StackStartException.class, () -> HandlerEnvironment.of(function, values("chat")));
        assertTrue(e.getMessage().contains("Fn JAVA_TOOL_OPTIONS as an expression"), e.getMessage());
    }

    @Test
    void aVariableTheRunnerDoesNotKnowFailsTheStartNamingIt() {
        FunctionSpec function = new FunctionSpec("Fn", "a.B::handleRequest", "x.jar", 512, 10,
                List.of("CHAT_PLATFORM", "NEW_SETTING"), java.util.Map.of(), java.util.Optional.empty());
        StackStartException e = assertThrows(StackStartException.class, () -> HandlerEnvironment.of(function, values("chat")));
        assertTrue(e.getMessage().contains("Fn the environment variable NEW_SETTING"), e.getMessage());
    }

    @Test
    void theEnvironmentPointsEveryEndpointAt127001AndSetsWhatLambdaSets() {
        Map<String, String> env = HandlerEnvironment.of(TEMPLATE.function("OutboundChatHandlerFunction"), values("chat"));
        assertEquals("chat", env.get("CHAT_PLATFORM"));
        assertEquals("IS1", env.get("TWILIO_CHAT_SERVICE_SID"));
        assertEquals("http://127.0.0.1:2/flex", env.get("TWILIO_API_BASE_URL"));
        assertEquals("http://127.0.0.1:2/sm", env.get("SECRETS_MANAGER_ENDPOINT"));
        assertEquals(HandlerEnvironment.TWILIO_SECRET_ID, env.get("TWILIO_SECRET_ID"));
        assertEquals("dev.flexlex.outbound.BotReplyHandler::handleRequest", env.get("_HANDLER"));
        assertEquals("OutboundChatHandlerFunction", env.get("AWS_LAMBDA_FUNCTION_NAME"));
        assertEquals("1024", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        assertEquals("us-east-1", env.get("AWS_REGION"));
        Map<String, String> conversations = HandlerEnvironment.of(TEMPLATE.function("OutboundChatHandlerFunction"),
                values("conversations"));
        assertFalse(conversations.containsKey("TWILIO_CHAT_SERVICE_SID"),
                "set only when a chat service is given, as the template's !If HasChatServiceSid");
        Map<String, String> migrating = HandlerEnvironment.of(TEMPLATE.function("OutboundChatHandlerFunction"),
                new HandlerEnvironment.Values("conversations", "{}", "http://127.0.0.1:1/twilio/webhook", "q-in", "q-out",
                        "bot", "WS1", "WW1", "chat", "IS1", "http://127.0.0.1:2/sqs", "http://127.0.0.1:2/lex",
                        "http://127.0.0.1:2/sm", "http://127.0.0.1:2/flex"));
        assertEquals("IS1", migrating.get("TWILIO_CHAT_SERVICE_SID"), "given with conversations: both platforms served");
    }

    private static HandlerEnvironment.Values values(String platform) {
        return new HandlerEnvironment.Values(platform, "{}", "http://127.0.0.1:1/twilio/webhook", "q-in", "q-out", "bot",
                "WS1", "WW1", "chat", platform.equals("chat") ? "IS1" : null, "http://127.0.0.1:2/sqs", "http://127.0.0.1:2/lex", "http://127.0.0.1:2/sm",
                "http://127.0.0.1:2/flex");
    }
}
