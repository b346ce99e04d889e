package dev.flexlex.aws;

import dev.flexlex.config.Env;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * Where a function's AWS clients point, read and checked at start-up; no client is built here ({@link AwsClients}
 * builds them, in the module's wiring).
 *
 * @param region {@code AWS_REGION} (set by Lambda)
 * @param sqsEndpoint {@code SQS_ENDPOINT} (optional): ElasticMQ locally
 * @param lexEndpoint {@code LEX_ENDPOINT} (optional): the local Lex
 * @param secretsManagerEndpoint {@code SECRETS_MANAGER_ENDPOINT} (optional): a local Secrets Manager
 */
public record AwsSettings(Region region, Optional<URI> sqsEndpoint, Optional<URI> lexEndpoint,
                          Optional<URI> secretsManagerEndpoint) {
    public static AwsSettings from(Env env) {
        return new AwsSettings(Region.of(env.awsRegion()), env.optionalUri(Env.SQS_ENDPOINT),
                env.optionalUri(Env.LEX_ENDPOINT), env.optionalUri(Env.SECRETS_MANAGER_ENDPOINT));
    }
}
