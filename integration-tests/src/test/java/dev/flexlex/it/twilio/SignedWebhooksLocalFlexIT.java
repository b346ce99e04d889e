package dev.flexlex.it.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.chat.v2.service.Channel;
import com.twilio.rest.conversations.v1.Conversation;
import dev.flexlex.aws.AwsSettings;
import dev.flexlex.inbound.InboundConfig;
import dev.flexlex.inbound.InboundWiring;
import dev.flexlex.inbound.TwilioWebhookHandler;
import dev.flexlex.inbound.WebhookService;
import dev.flexlex.it.events.StreamHandlers;
import dev.flexlex.localflex.LocalFlexServer;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.queue.QueuePublisher;
import dev.flexlex.registry.BotRegistry;
import dev.flexlex.twilio.TwilioApiAddress;
import dev.flexlex.twilio.TwilioClient;
import dev.flexlex.twilio.TwilioConfig;
import dev.flexlex.twilio.TwilioCredentials;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The inbound handler receiving the local Flex's real signed webhooks (its signer, our twilio-java
 * {@code RequestValidator} check against the configured public URL plus the raw query string), fetching
 * pre-engagement data from it over REST, on both platforms. Messages are posted over REST with
 * {@code X-Twilio-Webhook-Enabled: true}, standing in for the customer's webchat SDK.
 */
class SignedWebhooksLocalFlexIT {
    /** Unused: the turns go to a queue port of the test's own. */
    private static final AwsSettings LOCAL_AWS = new AwsSettings(Region.US_EAST_1, Optional.empty(), Optional.empty(),
            Optional.empty());
    static final String REGISTRY = "{\"defaultBot\":\"OrderFlowers\",\"bots\":{"
            + "\"OrderFlowers\":{\"botId\":\"B1\",\"botAliasId\":\"A1\",\"localeId\":\"en_US\",\"agentIntents\":[],\"closingIntents\":[]},"
            + "\"OrderPizza\":{\"botId\":\"B2\",\"botAliasId\":\"A2\",\"localeId\":\"en_US\",\"agentIntents\":[],\"closingIntents\":[]}}}";

    LocalFlexServer flex;
    HttpServer gateway;
    String publicUrl;
    final BlockingQueue<BotTurn> turns = new LinkedBlockingQueue<>();
    final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
    TwilioRestClient rest;

    @BeforeEach
    void start() throws IOException {
        flex = LocalFlexServer.builder().port(0).start();
        TwilioCredentials credentials = LocalTwilio.credentialsOf(flex);
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        publicUrl = "http://127.0.0.1:" + gateway.getAddress().getPort() + "/twilio/webhook";
        rest = TwilioClient.create(credentials, TwilioApiAddress.of(flex.baseUrl())).get();
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
        flex.close();
    }

    /** Routes the gateway to an inbound handler for {@code platform}, its queue port recording the turns. */
    private void deploy(ChatPlatformKind platform) {
        deploy(platform, publicUrl);
    }

    private void deploy(ChatPlatformKind platform, String configuredUrl) {
        QueuePublisher queue = (group, dedup, record) -> turns.add((BotTurn) record);
        WebhookService service = InboundWiring.service(new InboundConfig(platform, BotRegistry.parse(REGISTRY),
                new TwilioConfig("unused", TwilioApiAddress.of(flex.baseUrl())), configuredUrl,
                "https://sqs.invalid/unused.fifo", "bot", LOCAL_AWS), queue, LocalTwilio.credentialsOf(flex));
        TwilioWebhookHandler handler = new TwilioWebhookHandler(service);
        gateway.createContext("/twilio/webhook", exchange -> forward(exchange, handler));
    }

    /** The HTTP API's part: a payload 2.0 event with the base64 form body and the raw query string. */
    private void forward(HttpExchange exchange, TwilioWebhookHandler handler) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-Twilio-Signature");
            APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                    .withRawPath(exchange.getRequestURI().getRawPath())
                    .withRawQueryString(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery())
                    .withHeaders(signature == null ? Map.of() : Map.of("x-twilio-signature", signature))
                    .withBody(Base64.getEncoder().encodeToString(body))
                    .withIsBase64Encoded(true)
                    .build();
            APIGatewayV2HTTPResponse response = StreamHandlers.http(handler).handleRequest(event, null);
            statuses.add(response.getStatusCode());
            byte[] out = response.getBody().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.getStatusCode(), out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        }
    }

    @Test
    void aConversationsCustomerMessageBecomesATurnForTheBotOnTheWebhookUrl() throws Exception {
        deploy(ChatPlatformKind.CONVERSATIONS);
        String chat = Conversation.creator()
                .setAttributes("{\"pre_engagement_data\":{\"friendlyName\":\"Ada\"}}").create(rest).getSid();
        com.twilio.rest.conversations.v1.conversation.Webhook.creator(chat,
                        com.twilio.rest.conversations.v1.conversation.Webhook.Target.WEBHOOK)
                .setConfigurationUrl(publicUrl + "?bot=OrderPizza")
                .setConfigurationMethod(com.twilio.rest.conversations.v1.conversation.Webhook.Method.POST)
                .setConfigurationFilters(List.of("onMessageAdded")).create(rest);

        com.twilio.rest.conversations.v1.conversation.Message.creator(chat).setAuthor("bot").setBody("Hello!")
                .setXTwilioWebhookEnabled(com.twilio.rest.conversations.v1.conversation.Message.WebhookEnabledType.TRUE)
                .create(rest);
        com.twilio.rest.conversations.v1.conversation.Message.creator(chat).setAuthor("customer-1")
                .setBody("I want pizza")
                .setXTwilioWebhookEnabled(com.twilio.rest.conversations.v1.conversation.Message.WebhookEnabledType.TRUE)
                .create(rest);

        BotTurn turn = turns.poll(20, TimeUnit.SECONDS);
        assertTrue(turn != null, "the customer's message arrived as a turn");
        assertEquals(chat, turn.chatSid());
        assertEquals("customer-1", turn.customerIdentity());
        assertEquals("Ada", turn.customerName());
        assertEquals("OrderPizza", turn.botName());
        assertEquals("I want pizza", turn.text());
        assertNull(turns.poll(1, TimeUnit.SECONDS), "the bot's own message is no turn");
        assertEquals(List.of(200, 200), statuses, "both webhooks verified; the bot's acknowledged and ignored");
    }

    @Test
    void aProgrammableChatCustomerMessageIsVerifiedAndTheDefaultBotChosen() throws Exception {
        deploy(ChatPlatformKind.CHAT);
        String chat = Channel.creator(flex.chatServiceSid()).setAttributes("{\"from\":\"Bea\"}").create(rest).getSid();
        com.twilio.rest.chat.v2.service.channel.Webhook.creator(flex.chatServiceSid(), chat,
                        com.twilio.rest.chat.v2.service.channel.Webhook.Type.WEBHOOK)
                .setConfigurationUrl(publicUrl)
                .setConfigurationMethod(com.twilio.rest.chat.v2.service.channel.Webhook.Method.POST)
                .setConfigurationFilters(List.of("onMessageSent")).create(rest);

        com.twilio.rest.chat.v2.service.channel.Message.creator(flex.chatServiceSid(), chat).setFrom("customer-2")
                .setBody("flowers please")
                .setXTwilioWebhookEnabled(com.twilio.rest.chat.v2.service.channel.Message.WebhookEnabledType.TRUE)
                .create(rest);

        BotTurn turn = turns.poll(20, TimeUnit.SECONDS);
        assertTrue(turn != null, "the customer's message arrived as a turn");
        assertEquals(ChatPlatformKind.CHAT, turn.platform());
        assertEquals("Bea", turn.customerName());
        assertEquals("OrderFlowers", turn.botName());
    }

    @Test
    void aFunctionConfiguredWithAnotherPublicUrlRejectsTheRealSignature() throws Exception {
        deploy(ChatPlatformKind.CONVERSATIONS, "https://abc.execute-api.us-east-1.amazonaws.com/twilio/webhook");
        String chat = Conversation.creator().create(rest).getSid();
        com.twilio.rest.conversations.v1.conversation.Webhook.creator(chat,
                        com.twilio.rest.conversations.v1.conversation.Webhook.Target.WEBHOOK)
                .setConfigurationUrl(publicUrl)
                .setConfigurationMethod(com.twilio.rest.conversations.v1.conversation.Webhook.Method.POST)
                .setConfigurationFilters(List.of("onMessageAdded")).create(rest);

        com.twilio.rest.conversations.v1.conversation.Message.creator(chat).setAuthor("customer-1").setBody("hi")
                .setXTwilioWebhookEnabled(com.twilio.rest.conversations.v1.conversation.Message.WebhookEnabledType.TRUE)
                .create(rest);

        for (int i = 0; i < 200 && statuses.isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertTrue(statuses.size() >= 1, "the local Flex delivered the webhook");
        assertTrue(statuses.stream().allMatch(s -> s == 403), "every delivery refused: " + statuses);
        assertNull(turns.poll(200, TimeUnit.MILLISECONDS));
    }

}
