package dev.flexlex.aws;

import dev.flexlex.config.CallTimeouts;
import dev.flexlex.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the AWS SDK clients of a handler: explicit region, the environment-variable credentials Lambda
 * provides (then JVM system properties, for local runs), {@code url-connection-client}, and an optional
 * endpoint override per service (ElasticMQ, the local Lex, a local Secrets Manager).
 *
 * <p>Every client has explicit {@code apiCallAttemptTimeout} and {@code apiCallTimeout} from {@link CallTimeouts}: the
 * functions' timeouts and the queues' visibility timeouts are sized from them.
 *
 * <p>Call each factory method once, at init, and keep the client. Each method touches only its own service's
 * classes, so a handler needs on its classpath only the services it builds.
 */
public final class AwsClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Optional<URI> sqsEndpoint;
    private final Optional<URI> lexEndpoint;
    private final Optional<URI> secretsManagerEndpoint;
    /** The one HTTP client of the function's SDK clients: a {@code url-connection-client}, built on first use. */
    private SdkHttpClient httpClient;

    public AwsClients(Region region, AwsCredentialsProvider credentials, Optional<URI> sqsEndpoint,
                      Optional<URI> lexEndpoint, Optional<URI> secretsManagerEndpoint) {
        this(region, credentials, sqsEndpoint, lexEndpoint, secretsManagerEndpoint, null);
    }

    private AwsClients(Region region, AwsCredentialsProvider credentials, Optional<URI> sqsEndpoint,
                       Optional<URI> lexEndpoint, Optional<URI> secretsManagerEndpoint, SdkHttpClient httpClient) {
        this.region = region;
        this.credentials = credentials;
        this.sqsEndpoint = sqsEndpoint;
        this.lexEndpoint = lexEndpoint;
        this.secretsManagerEndpoint = secretsManagerEndpoint;
        this.httpClient = httpClient;
    }

    /**
     * The same clients (region, endpoints, retries) over another HTTP client and credentials: priming runs the real
     * request path against an in-memory HTTP client.
     */
    public AwsClients withHttpClient(SdkHttpClient http, AwsCredentialsProvider credentialsProvider) {
        return new AwsClients(region, credentialsProvider, sqsEndpoint, lexEndpoint, secretsManagerEndpoint, http);
    }

    /** The clients {@code settings} describe, with the {@link #defaultCredentials() default credentials}. */
    public static AwsClients from(AwsSettings settings) {
        return new AwsClients(settings.region(), defaultCredentials(), settings.sqsEndpoint(), settings.lexEndpoint(),
                settings.secretsManagerEndpoint());
    }

    /** From {@code AWS_REGION} and the optional {@code SQS_ENDPOINT}, {@code LEX_ENDPOINT}, {@code SECRETS_MANAGER_ENDPOINT}. */
    public static AwsClients fromEnv(Env env) {
        return from(AwsSettings.from(env));
    }

    /** Lambda's environment-variable credentials first, then system properties; nothing slower is probed. */
    public static AwsCredentialsProvider defaultCredentials() {
        return AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(true)
                .credentialsProviders(EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create())
                .build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder(), sqsEndpoint)
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(CallTimeouts.SQS_ATTEMPT)
                        .apiCallTimeout(CallTimeouts.SQS_CALL))
                .build();
    }

    /**
     * The Lex runtime client, with the SDK's own retries switched off: a retried RecognizeText could advance the
     * dialog twice, so the caller retries whole turns itself (re-reading the session first).
     */
    public LexRuntimeV2Client lexRuntime() {
        return configure(LexRuntimeV2Client.builder(), lexEndpoint)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(CallTimeouts.LEX_CALL).apiCallTimeout(CallTimeouts.LEX_CALL))
                .build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder(), secretsManagerEndpoint)
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(CallTimeouts.SECRETS_ATTEMPT)
                        .apiCallTimeout(CallTimeouts.SECRETS_CALL))
                .build();
    }

    /**
     * One {@code url-connection-client} shared by the SDK clients: each one built its own, and with it its own TLS
     * context and trust store read at init. Never closed (it lives as long as the function instance).
     */
    private synchronized SdkHttpClient httpClient() {
        if (httpClient == null) {
            httpClient = UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT)
                    .build();
        }
        return httpClient;
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, Optional<URI> endpoint) {
        builder.region(region).credentialsProvider(credentials).httpClient(httpClient());
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }
}
