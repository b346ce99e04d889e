package dev.flexlex.inbound;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.flexlex.aws.AwsClients;
import dev.flexlex.config.Env;
import dev.flexlex.logging.InvocationLog;
import dev.flexlex.logging.LogIds;
import dev.flexlex.priming.Priming;
import dev.flexlex.queue.QueuePublisher;
import dev.flexlex.queue.SqsQueuePublisher;
import dev.flexlex.twilio.SecretsManagerTwilioCredentials;
import dev.flexlex.twilio.TwilioClient;
import dev.flexlex.twilio.TwilioCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Twilio webhook target (API Gateway HTTP API, payload 2.0): turns the event into a {@link WebhookRequest},
 * calls {@link WebhookService}, and turns its answer into the HTTP response.
 *
 * <p>A stream handler: the event is read and the response written with our own mapper ({@link HttpApiEvents}),
 * not by the runtime's reflection-based serializer, which costs a cold start far more than it does here.
 */
public final class TwilioWebhookHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhookHandler.class);
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final WebhookService service;
    /** Kept for as long as the handler lives: CRaC holds its resources weakly. Null for handlers built for tests. */
    private final Priming priming;

    /** For the Lambda runtime: builds the real graph once from the environment, and registers its priming. */
    public TwilioWebhookHandler() {
        this(Env.system());
    }

    private TwilioWebhookHandler(Env env) {
        InboundConfig config = InboundConfig.from(env);
        AwsClients aws = AwsClients.fromEnv(env);
        this.service = build(config, aws, new SecretsManagerTwilioCredentials(aws.secretsManager(),
                config.twilio().secretId()));
        this.priming = Priming.register("inbound-bot-handler", env, () -> WebhookPriming.run(config, aws));
    }

    public TwilioWebhookHandler(WebhookService service) {
        this.service = service;
        this.priming = null;
    }

    /** The real object graph for an environment (clients built once; the Twilio secret fetched on first use). */
    public static WebhookService build(Env env) {
        InboundConfig config = InboundConfig.from(env);
        AwsClients aws = AwsClients.fromEnv(env);
        return build(config, aws, new SecretsManagerTwilioCredentials(aws.secretsManager(), config.twilio().secretId()));
    }

    /** The object graph from a config, AWS clients and Twilio credentials (local runs bring their own). */
    public static WebhookService build(InboundConfig config, AwsClients aws, TwilioCredentials credentials) {
        return build(config, new SqsQueuePublisher(aws.sqs(), config.inboundQueueUrl()), credentials);
    }

    /** The object graph over any queue port (the Twilio side real). */
    public static WebhookService build(InboundConfig config, QueuePublisher queue, TwilioCredentials credentials) {
        return build(config, queue, credentials, TwilioClient.create(credentials, config.twilio().apiAddress()));
    }

    /** The object graph over any queue port and Twilio client. */
    static WebhookService build(InboundConfig config, QueuePublisher queue, TwilioCredentials credentials,
                                TwilioClient twilio) {
        return new WebhookService(config.chatPlatform(),
                new TwilioSignatureVerifier(config.webhookPublicUrl(), credentials),
                config.botRegistry(),
                new TwilioChatFacts(twilio, config.botAuthor()),
                queue,
                config.botAuthor(),
                Clock.systemUTC());
    }

    /** Lambda's entry point: the HTTP API (payload 2.0) event's JSON in, the response's JSON out. */
    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        InvocationLog.begin(context == null ? null : context.getAwsRequestId());
        HttpApiEvents.write(handle(HttpApiEvents.read(event), context), response);
    }

    /**
     * The typed form for in-process callers (the bench's direct bridge). Lambda still calls the stream method: of
     * overloaded handler methods its runtime picks the one with the most parameters.
     */
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return handle(event, context);
    }

    /** The same for an event object (tests, benchmarks). */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        if (context != null) {
            MDC.put(LogIds.REQUEST_ID, context.getAwsRequestId());
        }
        try {
            String body;
            try {
                body = body(event);
            } catch (IllegalArgumentException e) {
                return response(WebhookResponse.badRequest("body", "body is not valid base64"));
            }
            return response(service.handle(new WebhookRequest(event.getRawQueryString(), body, header(event))));
        } catch (RuntimeException e) {
            LOG.error("webhook failed: {}", e.toString());
            return response(WebhookResponse.unavailable("internal error; retry"));
        } finally {
            MDC.remove(LogIds.REQUEST_ID);
        }
    }

    private static String body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        return event.getIsBase64Encoded() ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    /** HTTP API lower-cases header names; looked up case-insensitively anyway. */
    private static String header(APIGatewayV2HTTPEvent event) {
        if (event.getHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
            if ("x-twilio-signature".equalsIgnoreCase(header.getKey())) {
                return header.getValue();
            }
        }
        return null;
    }

    private static APIGatewayV2HTTPResponse response(WebhookResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(JSON)
                .withBody(response.body())
                .build();
    }
}
