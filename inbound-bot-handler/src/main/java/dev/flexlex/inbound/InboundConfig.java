package dev.flexlex.inbound;

import dev.flexlex.aws.AwsSettings;
import dev.flexlex.config.Env;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.registry.BotRegistry;
import dev.flexlex.twilio.TwilioConfig;

/**
 * Every environment variable of the inbound function, read once at start-up; a missing or malformed one fails
 * here with a message naming it. No client is built here: {@link InboundWiring} builds them.
 *
 * @param webhookPublicUrl {@code WEBHOOK_PUBLIC_URL}: the webhook URL exactly as configured in Twilio
 * @param inboundQueueUrl {@code INBOUND_QUEUE_URL}: the inbound FIFO queue
 * @param botAuthor {@code BOT_AUTHOR} (default {@code bot}): the identity the bot posts as; its messages are no turns
 * @param aws {@code AWS_REGION} and the optional {@code SQS_ENDPOINT}, {@code SECRETS_MANAGER_ENDPOINT}
 */
public record InboundConfig(
        ChatPlatformKind chatPlatform,
        BotRegistry botRegistry,
        TwilioConfig twilio,
        String webhookPublicUrl,
        String inboundQueueUrl,
        String botAuthor,
        AwsSettings aws) {

    public static final String WEBHOOK_PUBLIC_URL = "WEBHOOK_PUBLIC_URL";
    public static final String INBOUND_QUEUE_URL = "INBOUND_QUEUE_URL";
    public static final String BOT_AUTHOR = "BOT_AUTHOR";
    public static final String DEFAULT_BOT_AUTHOR = "bot";

    public static InboundConfig from(Env env) {
        return new InboundConfig(
                env.chatPlatform(),
                env.botRegistry(),
                TwilioConfig.from(env),
                env.requiredUri(WEBHOOK_PUBLIC_URL).toString(),
                env.requiredUri(INBOUND_QUEUE_URL).toString(),
                env.optional(BOT_AUTHOR, DEFAULT_BOT_AUTHOR),
                AwsSettings.from(env));
    }
}
