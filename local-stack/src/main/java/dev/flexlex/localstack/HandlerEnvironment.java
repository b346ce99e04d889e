package dev.flexlex.localstack;

import dev.flexlex.localstack.SamTemplate.FunctionSpec;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment of one function: every variable {@code template.yaml} gives it, with the value it would resolve
 * to, pointed at the local pieces; the endpoint variables the handlers' config reads ({@code SQS_ENDPOINT},
 * {@code LEX_ENDPOINT}, {@code SECRETS_MANAGER_ENDPOINT}, {@code TWILIO_API_BASE_URL}); and what Lambda itself sets
 * ({@code AWS_REGION}, credentials, {@code _HANDLER}, {@code AWS_LAMBDA_FUNCTION_NAME}, ...). A variable the
 * template adds that this class does not know fails the start, naming it, so the two never drift silently. The one
 * place a handler's environment is built: the local stack's functions, and the bench's lone handler JVMs and direct
 * bridge.
 */
public final class HandlerEnvironment {
    /** The Secrets Manager secret id the functions are given; the stand-ins' Secrets Manager holds it. */
    public static final String TWILIO_SECRET_ID = "flex-lex-bridge/twilio";

    /**
     * What the template's variables resolve to locally, by variable name.
     *
     * @param chatServiceSid null: {@code TWILIO_CHAT_SERVICE_SID} left unset, as the template's
     *                       {@code !If HasChatServiceSid} does when no chat service is given
     */
    public record Values(String platform, String botRegistry, String webhookUrl, String inboundQueueUrl,
                  String outboundQueueUrl, String botAuthor, String workspaceSid, String workflowSid,
                  String taskChannel, String chatServiceSid, String sqsEndpoint, String lexEndpoint,
                  String secretsManagerEndpoint, String twilioApiBaseUrl) {
    }

    private HandlerEnvironment() {
    }

    /** The environment of {@code function} as the template defines it. */
    public static Map<String, String> of(FunctionSpec function, Values v) {
        return of(function.logicalId(), function.handler(), function.memorySize(), function.environmentKeys(),
                function.plainEnvironment(), v);
    }

    /**
     * The environment of a function of our own (the bench's direct bridge) that is given {@code variables}, the
     * template's variables of the functions it stands for, and of those whose value is plain text in the template,
     * that text ({@code plain}).
     */
    public static Map<String, String> of(String logicalId, String handler, int memorySize, Collection<String> variables,
                                         Map<String, String> plain, Values v) {
        Map<String, String> env = new HashMap<>();
        for (String key : variables) {
            switch (key) {
                case "CHAT_PLATFORM" -> env.put(key, v.platform());
                case "BOT_REGISTRY" -> env.put(key, v.botRegistry());
                case "TWILIO_SECRET_ID" -> env.put(key, TWILIO_SECRET_ID);
                case "WEBHOOK_PUBLIC_URL" -> env.put(key, v.webhookUrl());
                case "INBOUND_QUEUE_URL" -> env.put(key, v.inboundQueueUrl());
                case "OUTBOUND_QUEUE_URL" -> env.put(key, v.outboundQueueUrl());
                case "BOT_AUTHOR" -> env.put(key, v.botAuthor());
                case "TASKROUTER_WORKSPACE_SID" -> env.put(key, v.workspaceSid());
                case "TASKROUTER_WORKFLOW_SID" -> env.put(key, v.workflowSid());
                case "TASKROUTER_TASK_CHANNEL" -> env.put(key, v.taskChannel());
                // The template sets it only when a chat service is given (!If HasChatServiceSid).
                case "TWILIO_CHAT_SERVICE_SID" -> {
                    if (v.chatServiceSid() != null) {
                        env.put(key, v.chatServiceSid());
                    }
                }
                // JVM flags and the priming's rounds: the template's text as it is (Lambda passes JAVA_TOOL_OPTIONS
                // to the JVM; the launcher puts Lambda's default flags before it, so the function's flags win).
                case "JAVA_TOOL_OPTIONS", "PRIMING_ROUNDS" -> {
                    String text = plain.get(key);
                    if (text == null) {
                        throw new StackStartException("template.yaml gives " + logicalId + " " + key
                                + " as an expression; the local stack needs its plain text");
                    }
                    env.put(key, text);
                }
                // Left unset: the function's own defaults, which the template's parameter defaults repeat.
                case "MEDIA_ONLY_REPLY", "EMPTY_MESSAGE_REPLY", "HANDOFF_FAILED_MESSAGE", "POWERTOOLS_METRICS_NAMESPACE" -> {
                }
                default -> throw new StackStartException("template.yaml gives " + logicalId
                        + " the environment variable " + key + ", which the local stack does not know how to set"
                        + " (add it to " + HandlerEnvironment.class.getSimpleName() + ")");
            }
        }
        env.put("SQS_ENDPOINT", v.sqsEndpoint());
        env.put("LEX_ENDPOINT", v.lexEndpoint());
        env.put("SECRETS_MANAGER_ENDPOINT", v.secretsManagerEndpoint());
        env.put("TWILIO_API_BASE_URL", v.twilioApiBaseUrl());
        // What Lambda sets for every function.
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("_HANDLER", handler);
        env.put("AWS_LAMBDA_FUNCTION_NAME", logicalId);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memorySize));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + logicalId);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        return env;
    }

    /** The template's {@code BOT_REGISTRY} of the process function, on a local Lex's ids for the bot and alias. */
    public static String botRegistry(SamTemplate template, String botId, String aliasId) {
        return template.environmentText("ProcessBotTurnFunction", "BOT_REGISTRY", "${BotId}")
                .replace("${BotId}", botId).replace("${BotAliasId}", aliasId);
    }
}
