package dev.flexlex.inbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.aws.AwsClients;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.priming.CannedTwilioHttpClient;
import dev.flexlex.priming.PrimingKit;
import dev.flexlex.queue.SqsQueuePublisher;
import dev.flexlex.twilio.SecretsManagerTwilioCredentials;
import dev.flexlex.twilio.TwilioCredentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The webhook's priming: one signed message event of the configured platform through a handler built like the real
 * one (Secrets Manager credentials, signature check, chat read through twilio-java, SQS publisher) over
 * {@link PrimingKit}'s in-memory HTTP clients. Nothing is sent anywhere and the real secret is never read.
 */
final class WebhookPriming {
    private WebhookPriming() {
    }

    /**
     * Builds the handler once and runs {@code rounds} events through it.
     *
     * @throws IllegalStateException when the priming event is not accepted (a priming bug, never a real failure)
     */
    static void run(InboundConfig config, int rounds) {
        AwsClients aws = PrimingKit.aws(AwsClients.from(config.aws()));
        TwilioCredentials credentials = new SecretsManagerTwilioCredentials(aws.secretsManager(), PrimingKit.SECRET_ID);
        TwilioWebhookHandler handler = new TwilioWebhookHandler(InboundWiring.service(config,
                new SqsQueuePublisher(aws.sqs(), config.inboundQueueUrl()), credentials, CannedTwilioHttpClient.client(credentials)));
        byte[] event = event(config);
        for (int round = 0; round < rounds; round++) {
            int status = PrimingKit.invoke((in, out) -> handler.handleRequest(in, out, null), event)
                    .path("statusCode").asInt();
            if (status != 200) {
                throw new IllegalStateException("the priming webhook was answered " + status);
            }
        }
    }

    /** An HTTP API (payload 2.0) event of one customer message, signed with the priming token. */
    static byte[] event(InboundConfig config) {
        Map<String, String> form = new LinkedHashMap<>();
        if (config.chatPlatform() == ChatPlatformKind.CHAT) {
            form.put("EventType", MessageEvents.CHAT_EVENT);
            form.put("ChannelSid", PrimingKit.CHAT_SID);
            form.put("ServiceSid", "IS00000000000000000000000000000000");
            form.put("From", "priming-customer");
        } else {
            form.put("EventType", MessageEvents.CONVERSATIONS_EVENT);
            form.put("ConversationSid", PrimingKit.CHAT_SID);
            form.put("Author", "priming-customer");
        }
        form.put("MessageSid", PrimingKit.MESSAGE_SID);
        form.put("WebhookSid", PrimingKit.WEBHOOK_SID);
        form.put("Body", "priming");
        StringJoiner body = new StringJoiner("&");
        form.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        ObjectNode event = Json.mapper().createObjectNode().put("version", "2.0").put("rawPath", "/").put("rawQueryString", "");
        event.putObject("headers").put("content-type", "application/x-www-form-urlencoded")
                .put("x-twilio-signature", PrimingKit.signature(config.webhookPublicUrl(), form));
        event.put("body", Base64.getEncoder().encodeToString(body.toString().getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }
}
