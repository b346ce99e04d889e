package dev.flexlex.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import dev.flexlex.aws.AwsClients;
import dev.flexlex.aws.AwsSettings;
import dev.flexlex.inbound.InboundConfig;
import dev.flexlex.inbound.InboundWiring;
import dev.flexlex.inbound.TwilioWebhookHandler;
import dev.flexlex.it.template.CloudFormationYaml;
import dev.flexlex.localflex.LocalFlexServer;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.queue.SqsQueuePublisher;
import dev.flexlex.registry.BotRegistry;
import dev.flexlex.twilio.TwilioApiAddress;
import dev.flexlex.twilio.TwilioClient;
import dev.flexlex.twilio.TwilioConfig;
import dev.flexlex.twilio.TwilioCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Twilio's webhook delivery against the inbound function: the local Flex delivers the webhook with Twilio's
 * connection defaults or the fragment's overrides; the function (behind the HTTP API) enqueues through the real SQS
 * SDK, to ElasticMQ behind a TCP proxy that can refuse every connection for a while.
 */
class WebhookDeliveryIT {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    /** The connection-override fragment of the template's WebhookUrl output. */
    static final String FRAGMENT = templateFragment();
    private static final String REGISTRY = "{\"defaultBot\":\"OrderFlowers\",\"bots\":{\"OrderFlowers\":{\"botId\":"
            + "\"BOTID00001\",\"botAliasId\":\"ALIAS00001\",\"localeId\":\"en_US\",\"agentIntents\":[],\"closingIntents\":[]}}}";

    private LocalFlexServer flex;
    private SQSRestServer sqsServer;
    private RefusingProxy proxy;
    private SqsClient sqs;
    private String queueUrl;
    private WebhookRoute gateway;
    private TwilioCredentials credentials;

    @BeforeEach
    void start() throws Exception {
        flex = LocalFlexServer.builder().port(0).start();
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(0).start();
        Http.ServerBinding binding = sqsServer.waitUntilStarted();
        int sqsPort = binding.localAddress().getPort();
        proxy = new RefusingProxy(sqsPort);
        sqs = clients(sqsPort).sqs();
        JsonNode template = CloudFormationYaml.read(TEMPLATE);
        queueUrl = TemplateQueues.create(sqs, template, "InboundQueue", "inbound-" + UUID.randomUUID().toString().substring(0, 8));
        credentials = new Bridge.LocalFlexCredentials(flex.accountSid(), flex.authToken());
        gateway = new WebhookRoute();
    }

    @AfterEach
    void stop() throws IOException {
        gateway.close();
        proxy.close();
        flex.close();
        sqsServer.stopAndWait();
    }

    /** The inbound function with {@code WEBHOOK_PUBLIC_URL} = {@code publicUrl}, its SQS client through the proxy. */
    private void inboundFunction(String publicUrl) {
        TwilioConfig twilio = new TwilioConfig("local-flex-secret", TwilioApiAddress.of(flex.baseUrl()));
        AwsSettings aws = new AwsSettings(Region.US_EAST_1, Optional.of(URI.create("http://127.0.0.1:" + proxy.port())),
                Optional.empty(), Optional.empty());
        InboundConfig config = new InboundConfig(ChatPlatformKind.CONVERSATIONS, BotRegistry.parse(REGISTRY), twilio,
                publicUrl, queueUrl, "bot", aws);
        gateway.integrate(new TwilioWebhookHandler(InboundWiring.service(config,
                new SqsQueuePublisher(clients(proxy.port()).sqs(), queueUrl), credentials)));
    }

    /** A web chat whose address configuration's webhook is {@code webhookUrl}, as the README's wiring step does. */
    private WebChat chatWithWebhook(String webhookUrl) {
        TwilioRestClient customerSide = TwilioClient.create(credentials, TwilioApiAddress.of(flex.baseUrl())).get();
        return new FlexWebChats(ChatPlatformKind.CONVERSATIONS, customerSide, flex.chatServiceSid(), flex.workspaceSid(),
                webhookUrl).open("Ada", "OrderFlowers");
    }

    @Test
    void sqsRefusingForTwoSecondsLosesNothingUnderTwiliosDefaultPolicy() {
        inboundFunction(gateway.url());
        WebChat chat = chatWithWebhook(gateway.url());

        proxy.refuseFor(Duration.ofSeconds(2));
        String messageSid = chat.say("I would like to order flowers");
        awaitAnswers(messageSid, 1);

        List<WebhookRoute.Delivery> deliveries = gateway.deliveriesOf(messageSid);
        assertEquals(List.of(200), deliveries.stream().map(WebhookRoute.Delivery::status).toList(),
                "one webhook call (Twilio's default retries no 5xx), answered 200 once SQS took the turn");
        assertTrue(proxy.refused() > 3, "SQS was refusing while the webhook ran (more than the SDK's three attempts): "
                + proxy.refused());
        assertEquals(List.of(messageSid), queuedTurns());
    }

    @Test
    void withTheTemplatesFragmentA5xxIsRetriedByTwilioAndTheTurnQueuedOnce() {
        inboundFunction(gateway.url() + FRAGMENT);
        WebChat chat = chatWithWebhook(gateway.url() + "?bot=OrderFlowers" + FRAGMENT);

        proxy.refuseFor(Duration.ofMillis(5000));
        String messageSid = chat.say("I would like to order flowers");
        awaitAnswers(messageSid, 2);

        List<WebhookRoute.Delivery> deliveries = gateway.deliveriesOf(messageSid);
        assertEquals(List.of(503, 200), deliveries.stream().map(WebhookRoute.Delivery::status).toList(),
                "SQS refused for 5 s from the first send, past the first call's 4 s budget: 503; the fragment's rp=5xx made Twilio call again");
        assertEquals(List.of("0", "1"), deliveries.stream().map(d -> d.form().get("RetryCount")).toList());
        assertEquals("bot=OrderFlowers", deliveries.get(1).rawQuery(), "the query string is sent, the fragment is not");
        assertEquals(List.of(messageSid), queuedTurns());
    }

    @Test
    void theSignatureChecksWithTheFragmentOnTheConfiguredAndThePublicUrl() {
        inboundFunction(gateway.url() + FRAGMENT);
        WebChat chat = chatWithWebhook(gateway.url() + "?bot=OrderFlowers" + FRAGMENT);

        String messageSid = chat.say("hello");
        awaitAnswers(messageSid, 1);

        assertEquals(200, gateway.deliveriesOf(messageSid).get(0).status());
        assertEquals(List.of(messageSid), queuedTurns());
    }

    /** The message SIDs (deduplication ids) of the turns on the inbound queue. */
    private List<String> queuedTurns() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)).messages();
        return messages.stream().map(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)).toList();
    }

    private void awaitAnswers(String messageSid, int answers) {
        Bridge.await(() -> gateway.deliveriesOf(messageSid).size() >= answers, answers + " webhook answers for " + messageSid);
    }

    private static String templateFragment() {
        String url;
        try {
            url = CloudFormationYaml.read(TEMPLATE).path("Outputs").path("WebhookUrl").path("Value").path("Fn::Sub").asText();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read template.yaml", e);
        }
        int hash = url.indexOf('#');
        if (hash < 0) {
            throw new IllegalStateException("template.yaml's WebhookUrl has no connection-override fragment: " + url);
        }
        return url.substring(hash);
    }

    private static AwsClients clients(int sqsPort) {
        return new AwsClients(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
                Optional.of(URI.create("http://127.0.0.1:" + sqsPort)), Optional.empty(), Optional.empty());
    }

    /**
     * A TCP proxy in front of ElasticMQ: while refusing, every connection is reset as soon as it is accepted (the
     * SDK sees an I/O error, as when SQS cannot be reached); otherwise bytes are piped both ways. A refusal window
     * starts at the first connection after {@link #refuseFor}: it measures from the function's first send, whatever
     * the function did before (a cold start's first request is slow).
     */
    static final class RefusingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final AtomicInteger refused = new AtomicInteger();
        private static final long ARMED = -1;
        private volatile long window;
        private volatile long refuseUntil;

        RefusingProxy(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::acceptLoop, "refusing-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void refuseFor(Duration duration) {
            window = duration.toNanos();
            refuseUntil = ARMED;
        }

        int refused() {
            return refused.get();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (refuseUntil == ARMED) {
                        refuseUntil = System.nanoTime() + window;
                    }
                    if (refuseUntil != 0 && System.nanoTime() < refuseUntil) {
                        refused.incrementAndGet();
                        client.setSoLinger(true, 0);
                        client.close();
                        continue;
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    pipe(client, upstream);
                    pipe(upstream, client);
                } catch (IOException e) {
                    // closed, or one connection failed
                }
            }
        }

        private static void pipe(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // connection ended
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException e) {
                        // already closed
                    }
                }
            }, "refusing-proxy-pipe");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
