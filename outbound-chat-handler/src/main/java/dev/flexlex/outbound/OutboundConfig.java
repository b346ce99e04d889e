package dev.flexlex.outbound;

import dev.flexlex.aws.AwsSettings;
import dev.flexlex.chat.ChatMessage;
import dev.flexlex.chat.HandoffRouting;
import dev.flexlex.config.ConfigException;
import dev.flexlex.config.Env;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.twilio.TwilioConfig;

/**
 * Every environment variable of the outbound function, read once at start-up; a missing or malformed one fails
 * here with a message naming it. No client is built here: {@link OutboundWiring} builds them.
 *
 * @param aws {@code AWS_REGION} and the optional {@code SECRETS_MANAGER_ENDPOINT}
 * @param routing {@code TASKROUTER_WORKSPACE_SID}, {@code TASKROUTER_WORKFLOW_SID},
 *                {@code TASKROUTER_TASK_CHANNEL} (default {@code chat})
 * @param botAuthor {@code BOT_AUTHOR} (default {@code bot}): the identity the bot posts as
 * @param chatServiceSid {@code TWILIO_CHAT_SERVICE_SID}: the Flex chat service (IS…) holding the channels;
 *                       required for {@code CHAT_PLATFORM=chat}; when set with {@code conversations}, replies for
 *                       both platforms are served (a migration)
 * @param botWebhookUrl {@code WEBHOOK_PUBLIC_URL} (optional): finds the bot's webhook on a chat when a reply names
 *                      no webhook SID
 * @param handoffFailedMessage {@code HANDOFF_FAILED_MESSAGE} (optional, default
 *                             {@link HandoffPolicy#DEFAULT_FAILURE_NOTICE}): what the bot tells the customer when a
 *                             handoff cannot complete; not blank, at most {@value ChatMessage#MAX_BODY_CHARS} characters (the
 *                             Conversations message body limit)
 * @param metricsNamespace {@code POWERTOOLS_METRICS_NAMESPACE} (optional, default FlexLexBridge): the metrics'
 *                         CloudWatch namespace
 */
public record OutboundConfig(
        ChatPlatformKind chatPlatform,
        TwilioConfig twilio,
        HandoffRouting routing,
        String botAuthor,
        String chatServiceSid,
        String botWebhookUrl,
        String handoffFailedMessage,
        String metricsNamespace,
        AwsSettings aws) {

    public static final String TASKROUTER_WORKSPACE_SID = "TASKROUTER_WORKSPACE_SID";
    public static final String TASKROUTER_WORKFLOW_SID = "TASKROUTER_WORKFLOW_SID";
    public static final String TASKROUTER_TASK_CHANNEL = "TASKROUTER_TASK_CHANNEL";
    public static final String BOT_AUTHOR = "BOT_AUTHOR";
    public static final String TWILIO_CHAT_SERVICE_SID = "TWILIO_CHAT_SERVICE_SID";
    public static final String WEBHOOK_PUBLIC_URL = "WEBHOOK_PUBLIC_URL";
    public static final String HANDOFF_FAILED_MESSAGE = "HANDOFF_FAILED_MESSAGE";

    public static OutboundConfig from(Env env) {
        ChatPlatformKind platform = env.chatPlatform();
        String serviceSid = platform == ChatPlatformKind.CHAT || env.optional(TWILIO_CHAT_SERVICE_SID).isPresent()
                ? env.required(TWILIO_CHAT_SERVICE_SID, OutboundConfig::serviceSid)
                : null;
        return new OutboundConfig(
                platform,
                TwilioConfig.from(env),
                new HandoffRouting(
                        env.required(TASKROUTER_WORKSPACE_SID, v -> sid(v, "WS")),
                        env.required(TASKROUTER_WORKFLOW_SID, v -> sid(v, "WW")),
                        env.optional(TASKROUTER_TASK_CHANNEL, "chat")),
                env.optional(BOT_AUTHOR, "bot"),
                serviceSid,
                env.optionalUri(WEBHOOK_PUBLIC_URL).map(Object::toString).orElse(null),
                env.optional(HANDOFF_FAILED_MESSAGE).isPresent()
                        ? env.required(HANDOFF_FAILED_MESSAGE, OutboundConfig::message)
                        : HandoffPolicy.DEFAULT_FAILURE_NOTICE,
                env.metricsNamespace(),
                AwsSettings.from(env));
    }

    /** How handoffs are confirmed, with this deployment's failure message. */
    public HandoffPolicy handoffPolicy() {
        return HandoffPolicy.DEFAULT.withFailureNotice(handoffFailedMessage);
    }

    private static String message(String value) {
        if (value.isBlank() || value.length() > ChatMessage.MAX_BODY_CHARS) {
            throw new ConfigException("expected a message of 1 to " + ChatMessage.MAX_BODY_CHARS + " characters, not blank");
        }
        return value;
    }

    private static String serviceSid(String value) {
        return sid(value, "IS");
    }

    private static String sid(String value, String prefix) {
        if (!value.matches(prefix + "[0-9a-fA-F]{32}")) {
            throw new ConfigException("expected a " + prefix + "… SID (" + prefix + " and 32 hex digits)");
        }
        return value;
    }
}
