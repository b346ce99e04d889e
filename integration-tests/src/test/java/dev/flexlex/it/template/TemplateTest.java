package dev.flexlex.it.template;

import static dev.flexlex.it.template.Template.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.localflex.webhook.ConnectionOverrides;
import dev.flexlex.model.Json;
import dev.flexlex.process.TextForLex;
import dev.flexlex.registry.BotConfig;
import dev.flexlex.registry.BotRegistry;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks {@code template.yaml} for what the suite relies on: queues, triggers, IAM, logs, alarms, the webhook
 * route, and each function's handler, code and environment (the agreed variable set).
 */
class TemplateTest {

    private final Template template = Template.load();

    @Test
    void threeFunctionsNameTheAgreedHandlersAndTheirShadedJars() {
        Map<String, JsonNode> functions = template.resourcesOfType("AWS::Serverless::Function");
        assertEquals(SuiteFunction.ids(), functions.keySet(), "the three suite functions, by logical id");
        assertEquals("java21", template.root.path("Globals").path("Function").path("Runtime").asText());

        for (SuiteFunction expected : SuiteFunction.values()) {
            JsonNode function = functions.get(expected.logicalId);
            JsonNode properties = function.path("Properties");
            assertEquals(expected.handlerClass + "::handleRequest", properties.path("Handler").asText(), expected.logicalId);
            assertEquals(expected.module + "/target/" + expected.module + ".jar", properties.path("CodeUri").asText(),
                    expected.logicalId + " ships the module's shaded jar");
            assertTrue(function.path("Metadata").path("SkipBuild").asBoolean(),
                    expected.logicalId + ": sam build must take the jar as built (Metadata.SkipBuild)");
            assertFalse(properties.has("DeadLetterQueue"),
                    expected.logicalId + ": a function DeadLetterQueue does nothing for SQS triggers or a sync API");
        }
    }

    @Test
    void everyFunctionUsesSnapStartOnAPublishedAlias() {
        for (SuiteFunction expected : SuiteFunction.values()) {
            String id = expected.logicalId;
            assertEquals("live", template.functionProperty(id, "AutoPublishAlias").asText(), id);
            assertEquals("PublishedVersions", template.functionProperty(id, "SnapStart").path("ApplyOn").asText(), id);
            assertTrue(template.functionProperty(id, "MemorySize").asInt() >= 512, id + " MemorySize");
            assertTrue(template.functionProperty(id, "Timeout").asInt() > 0, id + " Timeout");
        }
    }

    @Test
    void environmentIsTheAgreedSetAndEveryValueComesFromTheTemplate() {
        for (SuiteFunction expected : SuiteFunction.values()) {
            JsonNode variables = template.resource(expected.logicalId).path("Properties").path("Environment").path("Variables");
            Set<String> names = new TreeSet<>();
            variables.fieldNames().forEachRemaining(names::add);
            assertEquals(new TreeSet<>(expected.environment), names, expected.logicalId + " environment variables");
            variables.properties().forEach(variable -> assertTrue(variable.getValue().isObject(),
                    expected.logicalId + "." + variable.getKey() + " must come from !Ref/!GetAtt/!Sub/!If, not a literal"));
        }
        JsonNode inbound = env(SuiteFunction.INBOUND);
        JsonNode process = env(SuiteFunction.PROCESS);
        JsonNode outbound = env(SuiteFunction.OUTBOUND);
        assertEquals("InboundQueue", target(inbound.get("INBOUND_QUEUE_URL"), null));
        assertEquals("OutboundQueue", target(process.get("OUTBOUND_QUEUE_URL"), null));
        for (JsonNode variables : List.of(inbound, outbound)) {
            String secret = target(variables.get("TWILIO_SECRET_ID"), null);
            assertEquals("AWS::SecretsManager::Secret", template.resource(secret).path("Type").asText());
        }
        assertEquals("ChatPlatform", target(inbound.get("CHAT_PLATFORM"), null));
        assertEquals("TaskRouterWorkspaceSid", target(outbound.get("TASKROUTER_WORKSPACE_SID"), null));
        assertEquals("TaskRouterWorkflowSid", target(outbound.get("TASKROUTER_WORKFLOW_SID"), null));
        assertEquals(target(outbound.get("BOT_AUTHOR"), null), target(inbound.get("BOT_AUTHOR"), null),
                "the webhook ignores exactly the identity the bot posts as");
        assertEquals(inbound.get("WEBHOOK_PUBLIC_URL"), outbound.get("WEBHOOK_PUBLIC_URL"),
                "outbound finds the bot webhook by the URL the inbound function validates");
        JsonNode chatService = outbound.get("TWILIO_CHAT_SERVICE_SID").get("Fn::If");
        assertEquals("HasChatServiceSid", chatService.get(0).asText());
        assertEquals("TwilioChatServiceSid", target(chatService.get(1), null));
        assertEquals("AWS::NoValue", target(chatService.get(2), null));
    }

    @Test
    void defaultBotRegistryParsesWithTheRealParserAndNamesTheTemplatesBot() {
        for (SuiteFunction function : List.of(SuiteFunction.INBOUND, SuiteFunction.PROCESS)) {
            JsonNode registry = env(function).get("BOT_REGISTRY").get("Fn::If");
            assertEquals("HasBotRegistryJson", registry.get(0).asText());
            assertEquals("BotRegistryJson", target(registry.get(1), null));
            JsonNode sub = registry.get(2).get("Fn::Sub");
            String json = sub.get(0).asText().replace("${BotId}", "BOTID12345").replace("${BotAliasId}", "ALIASID123");

            BotConfig bot = BotRegistry.parse(json).resolve(null).orElseThrow();

            assertEquals("OrderFlowers", bot.name());
            assertEquals("BOTID12345", bot.botId());
            assertEquals("ALIASID123", bot.botAliasId());
            assertEquals(Set.of("TalkToAgent"), bot.agentIntents());
            assertEquals(Set.of("OrderFlowers"), bot.closingIntents());
            assertEquals(java.time.ZoneId.of("America/New_York"), bot.timeZone(), "the shop's zone: what tomorrow means");
            assertBotIdsPickTheCreatedOrTheExistingBot(sub.get(1));
        }
    }

    @Test
    void queuesAreFifoWithoutContentDedupAndEachFeedsAFifoDeadLetterQueueAfterFiveReceives() {
        Map<String, JsonNode> queues = template.resourcesOfType("AWS::SQS::Queue");
        Set<String> deadLetterQueues = new HashSet<>();
        for (Map.Entry<String, JsonNode> queue : queues.entrySet()) {
            JsonNode properties = queue.getValue().path("Properties");
            assertTrue(properties.path("FifoQueue").asBoolean(), queue.getKey() + " FifoQueue");
            assertFalse(properties.path("ContentBasedDeduplication").asBoolean(true),
                    queue.getKey() + ": dedup ids are Twilio message SIDs, never the content");
            JsonNode redrive = properties.get("RedrivePolicy");
            if (redrive != null) {
                assertEquals(5, redrive.path("maxReceiveCount").asInt(), queue.getKey() + " maxReceiveCount");
                String dlq = target(redrive.get("deadLetterTargetArn"), "Arn");
                assertTrue(queues.containsKey(dlq), queue.getKey() + " redrives to a queue of this template");
                assertTrue(queues.get(dlq).path("Properties").path("MessageRetentionPeriod").asInt()
                                > properties.path("MessageRetentionPeriod").asInt(),
                        dlq + " keeps failed messages longer than " + queue.getKey() + " keeps live ones");
                deadLetterQueues.add(dlq);
            }
        }
        assertEquals(2, deadLetterQueues.size(), "one dead-letter queue each for the inbound and outbound queues");
        for (String queue : queues.keySet()) {
            assertTrue(deadLetterQueues.contains(queue) || queues.get(queue).path("Properties").has("RedrivePolicy"),
                    queue + " has neither a dead-letter queue nor is one");
        }
    }

    @Test
    void sqsTriggersReportBatchItemFailuresStayBelowLexConcurrencyAndOutliveTheirConsumer() {
        Map<SuiteFunction, String> consumes = Map.of(SuiteFunction.PROCESS, "InboundQueue", SuiteFunction.OUTBOUND, "OutboundQueue");
        for (SuiteFunction expected : SuiteFunction.values()) {
            JsonNode function = template.resource(expected.logicalId).path("Properties");
            List<JsonNode> sqsEvents = new ArrayList<>();
            function.path("Events").forEach(event -> {
                if ("SQS".equals(event.path("Type").asText())) {
                    sqsEvents.add(event.path("Properties"));
                }
            });
            if (!consumes.containsKey(expected)) {
                assertTrue(sqsEvents.isEmpty(), expected.logicalId + " has no queue trigger");
                continue;
            }
            assertEquals(1, sqsEvents.size(), expected.logicalId + " has one queue trigger");
            JsonNode event = sqsEvents.get(0);
            String queue = target(event.get("Queue"), "Arn");
            assertEquals(consumes.get(expected), queue, expected.logicalId + " consumes");
            assertTrue(textValues(event.path("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                    expected.logicalId + ": without ReportBatchItemFailures the batch response is ignored");
            int maximumConcurrency = event.path("ScalingConfig").path("MaximumConcurrency").asInt();
            assertTrue(maximumConcurrency >= 2 && maximumConcurrency < 25,
                    expected.logicalId + " MaximumConcurrency " + maximumConcurrency + " must be 2..24 (Lex quota 25)");
            int batchSize = event.path("BatchSize").asInt();
            assertTrue(batchSize >= 1 && batchSize <= 10, expected.logicalId + " BatchSize (FIFO: at most 10)");
            assertFalse(event.has("MaximumBatchingWindowInSeconds"), "FIFO triggers take no batching window");

            int visibility = template.resource(queue).path("Properties").path("VisibilityTimeout").asInt();
            int timeout = function.path("Timeout").asInt();
            assertTrue(visibility >= 6 * timeout,
                    queue + " VisibilityTimeout " + visibility + " must be >= 6 x " + expected.logicalId + " Timeout " + timeout);
        }
    }

    @Test
    void noFullAccessPoliciesAndLexOnlyRecognizeTextAndGetSessionOnOneAlias() throws Exception {
        String text = Files.readString(Template.FILE);
        assertFalse(text.contains("FullAccess"), "no *FullAccess managed policies");
        assertFalse(text.matches("(?s).*Action:\\s*['\"]?\\*.*"), "no Action: *");

        Pattern aliasArn = Pattern.compile(
                "arn:\\$\\{AWS::Partition}:lex:\\$\\{AWS::Region}:\\$\\{AWS::AccountId}:bot-alias/\\$\\{\\w+}/\\$\\{\\w+}");
        for (SuiteFunction expected : SuiteFunction.values()) {
            List<JsonNode> lexStatements = template.inlineStatements(expected.logicalId).stream()
                    .filter(statement -> textValues(statement.path("Action")).stream().anyMatch(a -> a.startsWith("lex:")))
                    .toList();
            if (expected != SuiteFunction.PROCESS) {
                assertTrue(lexStatements.isEmpty(), expected.logicalId + " must not call Lex");
                continue;
            }
            assertEquals(1, lexStatements.size(), "one Lex statement");
            JsonNode statement = lexStatements.get(0);
            assertEquals("Allow", statement.path("Effect").asText());
            assertEquals(Set.of("lex:RecognizeText", "lex:GetSession"), Set.copyOf(textValues(statement.path("Action"))));
            JsonNode resource = statement.path("Resource").path("Fn::Sub");
            String arn = resource.isArray() ? resource.get(0).asText() : resource.asText();
            assertTrue(aliasArn.matcher(arn).matches(), "Lex resource is one bot alias ARN, got " + arn);
            assertBotIdsPickTheCreatedOrTheExistingBot(resource.get(1));
        }
    }

    @Test
    void queueAndSecretPermissionsAreScopedToTheOneResourceEachFunctionUses() {
        assertEquals(List.of("InboundQueue"), sendMessageQueues(SuiteFunction.INBOUND));
        assertEquals(List.of("OutboundQueue"), sendMessageQueues(SuiteFunction.PROCESS));
        assertEquals(List.of(), sendMessageQueues(SuiteFunction.OUTBOUND));

        String secret = target(env(SuiteFunction.INBOUND).get("TWILIO_SECRET_ID"), null);
        assertEquals(List.of(secret), secretPolicies(SuiteFunction.INBOUND));
        assertEquals(List.of(), secretPolicies(SuiteFunction.PROCESS));
        assertEquals(List.of(secret), secretPolicies(SuiteFunction.OUTBOUND));
    }

    /**
     * SAM gives a function with an SQS event and a role SAM generates AWS's AWSLambdaSQSQueueExecutionRole, which
     * receives from and deletes in every queue of the account; so each poller has its own role, whose every statement
     * names one resource of this template (X-Ray's two write actions take no resource ARN).
     */
    @Test
    void sqsPollersHaveTheirOwnRolesScopedToTheirQueueTheirLogGroupAndWhatTheyCall() {
        Map<SuiteFunction, String> polls = Map.of(SuiteFunction.PROCESS, "InboundQueue", SuiteFunction.OUTBOUND, "OutboundQueue");
        Set<String> xrayActions = Set.of("xray:PutTraceSegments", "xray:PutTelemetryRecords");
        for (Map.Entry<SuiteFunction, String> poller : polls.entrySet()) {
            String id = poller.getKey().logicalId;
            String roleId = template.roleOf(id);
            assertNotNull(roleId, id + " must name its own role: SAM's would carry AWSLambdaSQSQueueExecutionRole (all queues)");
            JsonNode role = template.resource(roleId);
            assertEquals("AWS::IAM::Role", role.path("Type").asText());
            assertFalse(role.path("Properties").has("ManagedPolicyArns"), roleId + ": no managed policies, each grant scoped here");
            JsonNode trust = role.path("Properties").path("AssumeRolePolicyDocument").path("Statement").get(0);
            assertEquals("lambda.amazonaws.com", trust.path("Principal").path("Service").asText());
            assertFalse(template.resource(id).path("Properties").has("Policies"), id + ": SAM ignores Policies beside a Role");

            List<JsonNode> statements = template.inlineStatements(id);
            assertEquals(List.of(poller.getValue()), resourcesAllowing(statements, "sqs:ReceiveMessage"), id + " polls one queue");
            assertEquals(List.of(poller.getValue()), resourcesAllowing(statements, "sqs:DeleteMessage"), id);
            assertEquals(List.of(poller.getValue()), resourcesAllowing(statements, "sqs:GetQueueAttributes"), id);
            String logGroup = target(template.functionProperty(id, "LoggingConfig").get("LogGroup"), null);
            assertEquals(List.of(logGroup), resourcesAllowing(statements, "logs:PutLogEvents"), id + " writes its own log group");
            assertEquals(List.of(logGroup), resourcesAllowing(statements, "logs:CreateLogStream"), id);
            for (JsonNode statement : statements) {
                List<String> actions = textValues(statement.path("Action"));
                assertFalse(actions.stream().anyMatch(a -> a.contains("*")), id + ": no wildcard action, got " + actions);
                if ("*".equals(statement.path("Resource").asText())) {
                    assertTrue(xrayActions.containsAll(actions), id + ": only X-Ray's write actions on '*', got " + actions);
                }
            }
        }
        assertEquals(List.of("OutboundQueue"), resourcesAllowing(template.inlineStatements(SuiteFunction.PROCESS.logicalId),
                "sqs:SendMessage"), "process publishes replies on the outbound queue only");
        String secret = target(env(SuiteFunction.OUTBOUND).get("TWILIO_SECRET_ID"), null);
        List<JsonNode> outbound = template.inlineStatements(SuiteFunction.OUTBOUND.logicalId);
        assertTrue(outbound.stream().anyMatch(st -> textValues(st.path("Action")).equals(List.of("secretsmanager:GetSecretValue"))
                && secret.equals(target(st.get("Resource"), null))), "outbound reads the Twilio secret, and only it");
    }

    /**
     * Active tracing on every function, with the IAM for it: SAM adds AWSXrayWriteOnlyAccess to the roles it generates
     * (checked with samtranslator 1.110, README), the pollers' own roles grant X-Ray's two write actions.
     */
    @Test
    void everyFunctionIsTracedAndMayWriteItsTraces() {
        for (SuiteFunction expected : SuiteFunction.values()) {
            String id = expected.logicalId;
            JsonNode tracing = template.functionProperty(id, "Tracing");
            assertNotNull(tracing, id + " sets no Tracing (nor do the Globals)");
            assertEquals("Active", tracing.asText(), id + " Tracing");
            if (template.roleOf(id) != null) {
                Set<String> granted = new HashSet<>();
                template.inlineStatements(id).stream()
                        .filter(st -> "*".equals(st.path("Resource").asText()) && "Allow".equals(st.path("Effect").asText()))
                        .forEach(st -> granted.addAll(textValues(st.path("Action"))));
                assertTrue(granted.containsAll(Set.of("xray:PutTraceSegments", "xray:PutTelemetryRecords")),
                        id + "'s own role must allow writing traces, got " + granted);
            }
        }
    }

    /** JSON logs whose level Lambda filters: the application level from a parameter, the system level INFO (REPORT lines). */
    @Test
    void everyFunctionLogsJsonAtTheLevelsOfLoggingConfig() {
        JsonNode levels = template.root.path("Parameters").path("LogLevel");
        assertEquals(List.of("TRACE", "DEBUG", "INFO"), textValues(levels.path("AllowedValues")),
                "the metric lines carry no level and Lambda files them as INFO: a higher level would drop the metrics");
        assertEquals("INFO", levels.path("Default").asText());
        for (SuiteFunction expected : SuiteFunction.values()) {
            JsonNode logging = template.functionProperty(expected.logicalId, "LoggingConfig");
            assertEquals("JSON", logging.path("LogFormat").asText(), expected.logicalId + ": Lambda filters levels of JSON logs only");
            assertEquals("LogLevel", target(logging.get("ApplicationLogLevel"), null), expected.logicalId);
            assertEquals("INFO", logging.path("SystemLogLevel").asText(), expected.logicalId + ": keeps platform.report");
            assertNotNull(logging.get("LogGroup"), expected.logicalId + ": the merge keeps the function's own log group");
        }
    }

    /** HTTP APIs have no X-Ray: the stage writes one JSON line per request, kept as long as the functions' logs. */
    @Test
    void theWebhookStageWritesJsonAccessLogsWithTheFunctionsRetention() throws Exception {
        JsonNode stage = onlyResource("AWS::ApiGatewayV2::Stage").path("Properties");
        JsonNode access = stage.path("AccessLogSettings");
        String logGroupId = target(access.get("DestinationArn"), "Arn");
        JsonNode logGroup = template.resource(logGroupId);
        assertEquals("AWS::Logs::LogGroup", logGroup.path("Type").asText());
        assertEquals("LogRetentionDays", target(logGroup.path("Properties").get("RetentionInDays"), null));

        JsonNode format = Json.mapper().readTree(access.path("Format").asText());
        Map<String, String> expected = Map.of(
                "requestId", "$context.requestId",
                "status", "$context.status",
                "responseLatency", "$context.responseLatency",
                "integrationLatency", "$context.integration.latency",
                "integrationStatus", "$context.integration.status",
                "integrationError", "$context.integration.error",
                "errorMessage", "$context.error.message",
                "lambdaRequestId", "$context.integration.requestId");
        expected.forEach((field, variable) -> assertEquals(variable, format.path(field).asText(), "access log field " + field));
        format.properties().forEach(field -> assertTrue(field.getValue().isTextual(),
                field.getKey() + " must be quoted: a variable with no value is written as -, which is no JSON number"));
    }

    /**
     * The template's Rules, evaluated for parameter sets: a deploy with a combination that cannot work fails before
     * anything is created.
     */
    @Test
    void rulesRefuseAChatDeploymentWithoutItsServiceAndHalfAnExistingBot() {
        Map<String, String> valid = Map.of("ChatPlatform", "conversations");
        assertEquals(List.of(), failedRules(valid));
        assertEquals(List.of(), failedRules(Map.of("ChatPlatform", "chat", "TwilioChatServiceSid", "IS" + "0".repeat(32))));
        assertEquals(List.of(), failedRules(Map.of("ExistingLexBotId", "BOTID12345", "ExistingLexBotAliasId", "ALIASID123")));

        assertEquals(List.of("ChatPlatformNeedsAChatServiceSid"), failedRules(Map.of("ChatPlatform", "chat")));
        assertEquals(List.of("AnExistingBotNeedsItsAlias"), failedRules(Map.of("ExistingLexBotId", "BOTID12345")));
        assertEquals(List.of("AnAliasNeedsItsExistingBot"), failedRules(Map.of("ExistingLexBotAliasId", "ALIASID123")));
        template.root.path("Rules").forEach(rule -> rule.path("Assertions").forEach(assertion ->
                assertFalse(assertion.path("AssertDescription").asText().isBlank(), "each assertion says what to give")));
    }

    @Test
    void everyFunctionLogsToALogGroupWithRetention() {
        Map<String, JsonNode> logGroups = template.resourcesOfType("AWS::Logs::LogGroup");
        for (Map.Entry<String, JsonNode> logGroup : logGroups.entrySet()) {
            JsonNode properties = logGroup.getValue().path("Properties");
            assertEquals("LogRetentionDays", target(properties.get("RetentionInDays"), null), logGroup.getKey());
        }
        Set<String> used = new HashSet<>();
        for (SuiteFunction expected : SuiteFunction.values()) {
            JsonNode logGroup = template.resource(expected.logicalId).path("Properties").path("LoggingConfig").get("LogGroup");
            assertNotNull(logGroup, expected.logicalId + " LoggingConfig.LogGroup");
            String id = target(logGroup, null);
            assertTrue(logGroups.containsKey(id), expected.logicalId + " logs to " + id + ", a log group of this template");
            assertTrue(logGroups.get(id).path("Properties").path("LogGroupName").path("Fn::Sub").asText().startsWith("/aws/lambda/"), id);
            assertTrue(used.add(id), "each function has its own log group");
        }
    }

    @Test
    void everyDeadLetterQueueHasAnAlarmOnVisibleMessages() {
        Set<String> deadLetterQueues = new HashSet<>();
        template.resourcesOfType("AWS::SQS::Queue").values().forEach(queue -> {
            JsonNode redrive = queue.path("Properties").get("RedrivePolicy");
            if (redrive != null) {
                deadLetterQueues.add(target(redrive.get("deadLetterTargetArn"), "Arn"));
            }
        });
        Set<String> alarmed = new HashSet<>();
        for (JsonNode alarm : template.resourcesOfType("AWS::CloudWatch::Alarm").values()) {
            JsonNode properties = alarm.path("Properties");
            if (!"ApproximateNumberOfMessagesVisible".equals(properties.path("MetricName").asText())) {
                continue;
            }
            assertEquals("AWS/SQS", properties.path("Namespace").asText());
            assertEquals("GreaterThanThreshold", properties.path("ComparisonOperator").asText());
            assertEquals(0, properties.path("Threshold").asInt());
            JsonNode dimension = properties.path("Dimensions").get(0);
            assertEquals("QueueName", dimension.path("Name").asText());
            alarmed.add(target(dimension.get("Value"), "QueueName"));
        }
        assertEquals(deadLetterQueues, alarmed, "an alarm for each dead-letter queue");
    }

    /** Each function's Errors and Throttles (AWS/Lambda, by FunctionName), notifying the alarm topic when set. */
    @Test
    void everyFunctionHasAnErrorsAndAThrottlesAlarm() {
        for (SuiteFunction function : SuiteFunction.values()) {
            for (String metric : List.of("Errors", "Throttles")) {
                List<JsonNode> alarms = alarmsOn("AWS/Lambda", metric).stream()
                        .filter(a -> function.logicalId.equals(target(a.path("Dimensions").get(0).get("Value"), null)))
                        .toList();
                assertEquals(1, alarms.size(), function.logicalId + " " + metric + " alarm");
                JsonNode alarm = alarms.get(0);
                assertEquals("FunctionName", alarm.path("Dimensions").get(0).path("Name").asText());
                assertEquals(1, alarm.path("Dimensions").size());
                assertFiresOnAnyAndNotifies(alarm, "Sum", 0);
            }
        }
    }

    /** HTTP API metrics: 5xx by ApiId and Stage (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html). */
    @Test
    void theWebhookApisServerErrorsHaveAnAlarm() {
        List<JsonNode> alarms = alarmsOn("AWS/ApiGateway", "5xx");
        assertEquals(1, alarms.size());
        JsonNode alarm = alarms.get(0);
        JsonNode dimensions = alarm.path("Dimensions");
        assertEquals("ApiId", dimensions.get(0).path("Name").asText());
        assertEquals("AWS::ApiGatewayV2::Api", template.resource(target(dimensions.get(0).get("Value"), null)).path("Type").asText());
        assertEquals("Stage", dimensions.get(1).path("Name").asText());
        assertEquals("AWS::ApiGatewayV2::Stage", template.resource(target(dimensions.get(1).get("Value"), null)).path("Type").asText());
        assertEquals("Sum", alarm.path("Statistic").asText());
        assertNotifies(alarm);
    }

    /**
     * Lex throttles and handoff failures from the functions' own EMF metrics: read in the deployment's total (no
     * dimensions: the lines' empty dimension set) of the namespace the functions write to.
     */
    @Test
    void lexThrottlesAndHandoffFailuresHaveAlarmsOnTheBridgesOwnMetrics() {
        for (SuiteFunction function : List.of(SuiteFunction.PROCESS, SuiteFunction.OUTBOUND)) {
            assertEquals("MetricsNamespace", target(env(function).get("POWERTOOLS_METRICS_NAMESPACE"), null), function.logicalId);
        }
        assertEquals(dev.flexlex.config.Env.DEFAULT_METRICS_NAMESPACE,
                template.root.path("Parameters").path("MetricsNamespace").path("Default").asText());
        for (String metric : List.of("LexThrottles", "HandoffFailures")) {
            List<JsonNode> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
                    .map(a -> a.path("Properties"))
                    .filter(a -> metric.equals(a.path("MetricName").asText())).toList();
            assertEquals(1, alarms.size(), metric);
            JsonNode alarm = alarms.get(0);
            assertEquals("MetricsNamespace", target(alarm.get("Namespace"), null), metric);
            assertTrue(alarm.path("Dimensions").isMissingNode() || alarm.path("Dimensions").isEmpty(),
                    metric + ": the total over every bot");
            assertEquals("Sum", alarm.path("Statistic").asText());
            assertNotifies(alarm);
        }
        assertEquals(dev.flexlex.metrics.Metric.LEX_THROTTLES.metricName(), "LexThrottles");
        assertEquals(dev.flexlex.metrics.Metric.HANDOFF_FAILURES.metricName(), "HandoffFailures");
    }

    /** Turns per minute, reply latency p50/p99, handoffs by reason, errors: on one dashboard, of the functions' namespace. */
    @Test
    void theDashboardShowsTurnsLatencyPercentilesHandoffsAndErrors() throws Exception {
        JsonNode dashboard = onlyResource("AWS::CloudWatch::Dashboard").path("Properties");
        JsonNode sub = dashboard.path("DashboardBody").get("Fn::Sub");
        assertNotNull(sub, "the body names the stack's resources through !Sub");
        String body = sub.get(0).asText();
        JsonNode parsed = Json.mapper().readTree(body.replaceAll("\\$\\{[^}]+}", "X"));
        List<String> titles = new ArrayList<>();
        parsed.path("widgets").forEach(w -> titles.add(w.path("properties").path("title").asText()));
        assertTrue(titles.contains("Turns per minute"), titles.toString());
        assertTrue(body.contains("[\"${MetricsNamespace}\",\"Turns\""), "turns from the functions' namespace");
        assertTrue(body.contains("\"period\":60"), "per minute");
        assertTrue(body.contains("\"ReplyLatency\",{\"stat\":\"p50\"") && body.contains("\"ReplyLatency\",{\"stat\":\"p99\""),
                "reply latency p50 and p99");
        assertTrue(body.contains("Reason} MetricName=\\\"Handoffs\\\""), "handoffs by reason");
        for (String errors : List.of("\"AWS/Lambda\",\"Errors\"", "\"LexErrors\"", "TwilioErrors", "\"AWS/ApiGateway\",\"5xx\"")) {
            assertTrue(body.contains(errors), "errors: " + errors);
        }
        for (SuiteFunction function : SuiteFunction.values()) {
            JsonNode variables = sub.get(1);
            assertTrue(variables.toString().contains("\"Ref\":\"" + function.logicalId + "\""), function.logicalId + " on the dashboard");
        }
        assertTrue(template.root.path("Outputs").has("DashboardUrl"));
    }

    private List<JsonNode> alarmsOn(String namespace, String metric) {
        return template.resourcesOfType("AWS::CloudWatch::Alarm").values().stream().map(a -> a.path("Properties"))
                .filter(a -> namespace.equals(a.path("Namespace").asText()) && metric.equals(a.path("MetricName").asText()))
                .toList();
    }

    private static void assertFiresOnAnyAndNotifies(JsonNode alarm, String statistic, int threshold) {
        assertEquals(statistic, alarm.path("Statistic").asText());
        assertEquals(threshold, alarm.path("Threshold").asInt());
        assertEquals("GreaterThanThreshold", alarm.path("ComparisonOperator").asText());
        assertNotifies(alarm);
    }

    private static void assertNotifies(JsonNode alarm) {
        assertEquals("notBreaching", alarm.path("TreatMissingData").asText(), "no data: nothing happened");
        JsonNode actions = alarm.path("AlarmActions").get("Fn::If");
        assertNotNull(actions, "notifies the alarm topic when one is given: " + alarm);
        assertEquals("HasAlarmTopic", actions.get(0).asText());
    }

    @Test
    void webhookRoutePostsPayloadTwoToTheInboundAliasAndItsUrlIsTheDefaultPublicUrl() {
        JsonNode route = onlyResource("AWS::ApiGatewayV2::Route").path("Properties");
        assertEquals("POST /twilio/webhook", route.path("RouteKey").asText());
        String apiId = target(route.get("ApiId"), null);
        assertEquals("AWS::ApiGatewayV2::Api", template.resource(apiId).path("Type").asText());
        assertEquals("HTTP", template.resource(apiId).path("Properties").path("ProtocolType").asText());

        String integrationTarget = route.path("Target").path("Fn::Sub").asText();
        assertTrue(integrationTarget.startsWith("integrations/${") && integrationTarget.endsWith("}"), integrationTarget);
        String integrationId = integrationTarget.substring("integrations/${".length(), integrationTarget.length() - 1);
        JsonNode integration = template.resource(integrationId).path("Properties");
        assertEquals("AWS_PROXY", integration.path("IntegrationType").asText());
        assertEquals("2.0", integration.path("PayloadFormatVersion").asText());
        assertEquals(SuiteFunction.INBOUND.logicalId + ".Alias", target(integration.get("IntegrationUri"), null));

        JsonNode permission = onlyResource("AWS::Lambda::Permission").path("Properties");
        assertEquals(SuiteFunction.INBOUND.logicalId + ".Alias", target(permission.get("FunctionName"), null));
        assertEquals("apigateway.amazonaws.com", permission.path("Principal").asText());
        assertTrue(permission.path("SourceArn").path("Fn::Sub").asText().endsWith("${" + apiId + "}/*/POST/twilio/webhook"));

        JsonNode webhookUrl = template.root.path("Outputs").path("WebhookUrl").path("Value");
        String url = webhookUrl.path("Fn::Sub").asText();
        assertEquals("https://${" + apiId + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/twilio/webhook"
                + "#ct=2000&rt=5000&tt=15000&rc=2&rp=ct,rt,5xx", url);
        JsonNode publicUrl = env(SuiteFunction.INBOUND).get("WEBHOOK_PUBLIC_URL").get("Fn::If");
        assertEquals("HasWebhookPublicUrl", publicUrl.get(0).asText());
        assertEquals("WebhookPublicUrl", target(publicUrl.get(1), null));
        assertEquals(webhookUrl, publicUrl.get(2), "empty WebhookPublicUrl = the API's own URL");
    }

    /**
     * The WebhookUrl's fragment (Twilio's connection overrides) is one Twilio accepts, read by the local Flex's
     * parser, and makes Twilio retry what the function can answer: a 5xx, a timeout, a failed connection.
     */
    @Test
    void theWebhookUrlsFragmentMakesTwilioRetry5xxAndTimeoutsWithinItsLimits() {
        String url = template.root.path("Outputs").path("WebhookUrl").path("Value").path("Fn::Sub").asText();
        ConnectionOverrides overrides = ConnectionOverrides.of(url);

        assertEquals(Set.of(ConnectionOverrides.Failure.CT, ConnectionOverrides.Failure.RT,
                ConnectionOverrides.Failure.SERVER_ERROR), overrides.retryPolicy(), "never a 4xx: a forged webhook stays refused");
        assertTrue(overrides.retryCount() >= 1);
        long worstAttempt = overrides.readTimeout().toMillis();
        assertTrue((overrides.retryCount() + 1) * worstAttempt <= overrides.totalTime().toMillis(),
                "every attempt, each waiting at most rt, fits in tt");
        assertTrue(overrides.readTimeout().toMillis() <= 5000, "Conversations webhooks wait at most 5 s");
        int functionTimeout = template.resource(SuiteFunction.INBOUND.logicalId).path("Properties").path("Timeout").asInt();
        assertTrue(functionTimeout * 1000L >= overrides.readTimeout().toMillis(),
                "the function is not stopped before Twilio stops waiting");
    }

    @Test
    void parametersLetAUserChooseThePlatformAndAnExistingBot() {
        JsonNode parameters = template.root.path("Parameters");
        assertEquals(List.of("conversations", "chat"), textValues(parameters.path("ChatPlatform").path("AllowedValues")));
        assertEquals("conversations", parameters.path("ChatPlatform").path("Default").asText());
        for (String optional : List.of("WebhookPublicUrl", "ExistingLexBotId", "ExistingLexBotAliasId", "BotRegistryJson")) {
            assertEquals("", parameters.path(optional).path("Default").asText("missing"), optional + " is optional");
        }
        for (String required : List.of("TaskRouterWorkspaceSid", "TaskRouterWorkflowSid")) {
            assertTrue(parameters.has(required) && !parameters.path(required).has("Default"), required + " is required");
        }
        assertEquals("Number", parameters.path("LogRetentionDays").path("Type").asText());
        JsonNode createLexBot = template.root.path("Conditions").path("CreateLexBot").path("Fn::Equals");
        assertEquals("ExistingLexBotId", target(createLexBot.get(0), null));
        assertEquals("", createLexBot.get(1).asText());
    }

    @Test
    void twilioCredentialsAreASecretWithAPlaceholderTheUserFills() throws Exception {
        JsonNode secret = onlyResource("AWS::SecretsManager::Secret").path("Properties");
        JsonNode placeholder = Json.mapper().readTree(secret.path("SecretString").asText());
        assertEquals(Set.of("accountSid", "authToken"), fieldNames(placeholder));
        assertTrue(placeholder.path("accountSid").asText().startsWith("AC"));
    }

    /** The local stack leaves these unset (the function's defaults), so the template's defaults must be the same. */
    @Test
    void theBotsAnswersWithoutLexComeFromParametersWhoseDefaultsAreTheFunctionsOwn() {
        JsonNode process = env(SuiteFunction.PROCESS);
        assertEquals("MediaOnlyReply", target(process.get(TextForLex.MEDIA_ONLY_REPLY), null));
        assertEquals("EmptyMessageReply", target(process.get(TextForLex.EMPTY_MESSAGE_REPLY), null));
        JsonNode parameters = template.root.path("Parameters");
        assertEquals(TextForLex.DEFAULT_MEDIA_ONLY_REPLY, parameters.path("MediaOnlyReply").path("Default").asText());
        assertEquals(TextForLex.DEFAULT_EMPTY_MESSAGE_REPLY, parameters.path("EmptyMessageReply").path("Default").asText());
        assertEquals(TextForLex.MAX_CHARS, parameters.path("MediaOnlyReply").path("MaxLength").asInt());
        assertEquals(TextForLex.MAX_CHARS, parameters.path("EmptyMessageReply").path("MaxLength").asInt());
    }

    @Test
    void everyOutputHasADescription() {
        JsonNode outputs = template.root.path("Outputs");
        assertTrue(outputs.size() >= 1);
        outputs.properties().forEach(output -> assertFalse(output.getValue().path("Description").asText().isBlank(),
                "output " + output.getKey() + " has a description"));
    }

    private JsonNode env(SuiteFunction function) {
        return template.resource(function.logicalId).path("Properties").path("Environment").path("Variables");
    }

    private JsonNode onlyResource(String type) {
        Map<String, JsonNode> found = template.resourcesOfType(type);
        assertEquals(1, found.size(), "one " + type);
        return found.values().iterator().next();
    }

    private List<String> sendMessageQueues(SuiteFunction function) {
        List<String> queues = new ArrayList<>();
        for (JsonNode policy : template.resource(function.logicalId).path("Properties").path("Policies")) {
            if (policy.has("SQSSendMessagePolicy")) {
                queues.add(target(policy.path("SQSSendMessagePolicy").get("QueueName"), "QueueName"));
            }
        }
        queues.addAll(resourcesAllowing(template.inlineStatements(function.logicalId), "sqs:SendMessage"));
        return queues;
    }

    /** The logical ids of the resources the statements allowing {@code action} name ({@code !GetAtt X.Arn} or {@code !Ref X}). */
    private static List<String> resourcesAllowing(List<JsonNode> statements, String action) {
        List<String> resources = new ArrayList<>();
        for (JsonNode statement : statements) {
            if ("Allow".equals(statement.path("Effect").asText()) && textValues(statement.path("Action")).contains(action)) {
                JsonNode resource = statement.get("Resource");
                resources.add(resource.has("Ref") ? target(resource, null) : target(resource, "Arn"));
            }
        }
        return resources;
    }

    /** The rules whose condition holds and some assertion fails, for these parameter values (others at their defaults). */
    private List<String> failedRules(Map<String, String> values) {
        List<String> failed = new ArrayList<>();
        template.root.path("Rules").properties().forEach(rule -> {
            JsonNode condition = rule.getValue().get("RuleCondition");
            if (condition != null && !ruleValue(condition, values)) {
                return;
            }
            for (JsonNode assertion : rule.getValue().path("Assertions")) {
                if (!ruleValue(assertion.get("Assert"), values)) {
                    failed.add(rule.getKey());
                    break;
                }
            }
        });
        return failed;
    }

    /** Evaluates the rule functions this template uses: Fn::Equals, Fn::Not, Fn::And, Fn::Or over Refs and literals. */
    private Object ruleEval(JsonNode node, Map<String, String> values) {
        if (node.has("Ref")) {
            String name = node.get("Ref").asText();
            JsonNode parameter = template.root.path("Parameters").path(name);
            assertFalse(parameter.isMissingNode(), "rule names parameter " + name + ", which the template lacks");
            return values.getOrDefault(name, parameter.path("Default").asText(""));
        }
        if (node.has("Fn::Equals")) {
            return ruleEval(node.get("Fn::Equals").get(0), values).equals(ruleEval(node.get("Fn::Equals").get(1), values));
        }
        if (node.has("Fn::Not")) {
            return !ruleValue(node.get("Fn::Not").get(0), values);
        }
        if (node.has("Fn::And") || node.has("Fn::Or")) {
            boolean and = node.has("Fn::And");
            boolean result = and;
            for (JsonNode operand : node.get(and ? "Fn::And" : "Fn::Or")) {
                result = and ? result && ruleValue(operand, values) : result || ruleValue(operand, values);
            }
            return result;
        }
        assertTrue(node.isValueNode(), "a rule function this test does not evaluate: " + node);
        return node.asText();
    }

    private boolean ruleValue(JsonNode node, Map<String, String> values) {
        Object value = ruleEval(node, values);
        assertTrue(value instanceof Boolean, "a rule condition must be true or false: " + node);
        return (Boolean) value;
    }

    private List<String> secretPolicies(SuiteFunction function) {
        List<String> secrets = new ArrayList<>();
        for (JsonNode policy : template.resource(function.logicalId).path("Properties").path("Policies")) {
            if (policy.has("AWSSecretsManagerGetSecretValuePolicy")) {
                secrets.add(target(policy.path("AWSSecretsManagerGetSecretValuePolicy").get("SecretArn"), null));
            }
        }
        secrets.addAll(resourcesAllowing(template.inlineStatements(function.logicalId), "secretsmanager:GetSecretValue"));
        return secrets;
    }

    /** The {@code BotId}/{@code BotAliasId} of a Sub variable map: the bot this template creates, or the existing one. */
    private void assertBotIdsPickTheCreatedOrTheExistingBot(JsonNode variables) {
        JsonNode botId = variables.path("BotId").path("Fn::If");
        assertEquals("CreateLexBot", botId.get(0).asText());
        assertCreatedOnlyWhenNoExistingBot(target(botId.get(1), "Id"), "AWS::Lex::Bot");
        assertEquals("ExistingLexBotId", target(botId.get(2), null));
        JsonNode aliasId = variables.path("BotAliasId").path("Fn::If");
        assertEquals("CreateLexBot", aliasId.get(0).asText());
        assertCreatedOnlyWhenNoExistingBot(target(aliasId.get(1), "BotAliasId"), "AWS::Lex::BotAlias");
        assertEquals("ExistingLexBotAliasId", target(aliasId.get(2), null));
    }

    private void assertCreatedOnlyWhenNoExistingBot(String logicalId, String type) {
        JsonNode resource = template.resource(logicalId);
        assertEquals(type, resource.path("Type").asText(), logicalId);
        assertEquals("CreateLexBot", resource.path("Condition").asText(), logicalId + " exists only when no bot is given");
    }

    private static List<String> textValues(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (node.isTextual()) {
            values.add(node.asText());
        }
        return values;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
