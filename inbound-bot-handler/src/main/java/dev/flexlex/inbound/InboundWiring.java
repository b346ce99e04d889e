package dev.flexlex.inbound;

import dev.flexlex.aws.AwsClients;
import dev.flexlex.queue.QueuePublisher;
import dev.flexlex.queue.SqsQueuePublisher;
import dev.flexlex.twilio.SecretsManagerTwilioCredentials;
import dev.flexlex.twilio.TwilioClient;
import dev.flexlex.twilio.TwilioCredentials;
import java.time.Clock;

/** The one place inbound-bot-handler's clients and object graph are built (once per function instance). */
public final class InboundWiring {
    private InboundWiring() {
    }

    /** The function's graph: the SQS publisher, and the Twilio credentials from Secrets Manager (fetched on first use). */
    public static WebhookService service(InboundConfig config) {
        AwsClients aws = AwsClients.from(config.aws());
        return service(config, new SqsQueuePublisher(aws.sqs(), config.inboundQueueUrl()),
                new SecretsManagerTwilioCredentials(aws.secretsManager(), config.twilio().secretId()));
    }

    /**
     * The same graph over another queue port and Twilio credentials (in-process runs: the bench's direct bridge
     * hands the turn on in-line; the integration tests read a local Flex).
     */
    public static WebhookService service(InboundConfig config, QueuePublisher queue, TwilioCredentials credentials) {
        return service(config, queue, credentials, TwilioClient.create(credentials, config.twilio().apiAddress()));
    }

    /** The graph over any queue port and Twilio client (priming's in-memory ones). */
    static WebhookService service(InboundConfig config, QueuePublisher queue, TwilioCredentials credentials,
                                  TwilioClient twilio) {
        return new WebhookService(config.chatPlatform(),
                new TwilioSignatureVerifier(config.webhookPublicUrl(), credentials),
                config.botRegistry(),
                new TwilioChatFacts(twilio, config.botAuthor()),
                queue,
                config.botAuthor(),
                Clock.systemUTC());
    }
}
