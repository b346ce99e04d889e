package dev.flexlex.process;

import dev.flexlex.aws.AwsSettings;
import dev.flexlex.config.ConfigException;
import dev.flexlex.config.Env;
import dev.flexlex.registry.BotRegistry;

/**
 * Everything process-bot-turn reads from its environment, read once at init; a missing or malformed variable
 * fails the cold start with a message naming it. No client is built here: {@link ProcessWiring} builds them.
 *
 * <ul>
 *   <li>{@code AWS_REGION} (set by Lambda)</li>
 *   <li>{@code BOT_REGISTRY}: the bot registry JSON</li>
 *   <li>{@code OUTBOUND_QUEUE_URL}: the FIFO queue of bot replies (must end in {@code .fifo})</li>
 *   <li>optional {@code MEDIA_ONLY_REPLY}, {@code EMPTY_MESSAGE_REPLY}: the bot's answers to a message Lex cannot
 *       read (see {@link TextForLex})</li>
 *   <li>optional {@code LEX_ENDPOINT}, {@code SQS_ENDPOINT}: endpoint overrides (local Lex, ElasticMQ)</li>
 *   <li>optional {@code POWERTOOLS_METRICS_NAMESPACE}: the metrics' CloudWatch namespace (default FlexLexBridge)</li>
 * </ul>
 */
public record ProcessConfig(BotRegistry botRegistry, String outboundQueueUrl, TextForLex textForLex,
                            AwsSettings aws, String metricsNamespace) {
    public static final String OUTBOUND_QUEUE_URL = "OUTBOUND_QUEUE_URL";

    public static ProcessConfig from(Env env) {
        BotRegistry registry = env.botRegistry();
        String outboundQueueUrl = env.requiredUri(OUTBOUND_QUEUE_URL).toString();
        if (!outboundQueueUrl.endsWith(".fifo")) {
            // Per-chat order and dedup by message SID need a FIFO queue.
            throw new ConfigException("environment variable " + OUTBOUND_QUEUE_URL + " must name a FIFO queue (.fifo)");
        }
        return new ProcessConfig(registry, outboundQueueUrl, TextForLex.from(env), AwsSettings.from(env),
                env.metricsNamespace());
    }
}
