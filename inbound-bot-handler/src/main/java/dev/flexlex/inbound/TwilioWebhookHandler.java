package dev.flexlex.inbound;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.flexlex.config.Env;
import dev.flexlex.logging.InvocationLog;
import dev.flexlex.priming.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio webhook target (API Gateway HTTP API, payload 2.0): turns the event into a {@link WebhookRequest},
 * calls {@link WebhookService}, and turns its answer into the HTTP response. A stream handler: its event and
 * response are read and written by {@link HttpApiEvents}.
 */
public final class TwilioWebhookHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhookHandler.class);
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final WebhookService service;
    /** Kept for as long as the handler lives: CRaC holds its resources weakly. Null for handlers built for tests. */
    private final Priming priming;

    /** Lambda's constructor: builds the real graph once from the environment, and registers its priming. */
    public TwilioWebhookHandler() {
        Env env = Env.system();
        InboundConfig config = InboundConfig.from(env);
        this.service = InboundWiring.service(config);
        this.priming = Priming.register("inbound-bot-handler", env, rounds -> WebhookPriming.run(config, rounds));
    }

    /** Over a service built elsewhere (tests, priming, the bench's direct bridge). */
    public TwilioWebhookHandler(WebhookService service) {
        this.service = service;
        this.priming = null;
    }

    /** Lambda's entry point: the HTTP API (payload 2.0) event's JSON in, the response's JSON out. */
    @Override
    public void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        try (InvocationLog.Scope log = InvocationLog.begin(context == null ? null : context.getAwsRequestId())) {
            HttpApiEvents.write(respond(HttpApiEvents.read(event)), response);
        }
    }

    private APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event) {
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
