package dev.flexlex.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import dev.flexlex.aws.AwsClients;
import dev.flexlex.aws.AwsSettings;
import dev.flexlex.chat.HandoffRouting;
import dev.flexlex.inbound.InboundConfig;
import dev.flexlex.inbound.InboundWiring;
import dev.flexlex.inbound.TwilioWebhookHandler;
import dev.flexlex.it.template.CloudFormationYaml;
import dev.flexlex.localflex.LocalFlexServer;
import dev.flexlex.localstack.SamTemplate;
import dev.flexlex.localstack.sqs.SqsEventSource;
import dev.flexlex.locallex.LocalLexServer;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.definition.BotLoader;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.outbound.BotReplyHandler;
import dev.flexlex.outbound.OutboundConfig;
import dev.flexlex.outbound.OutboundWiring;
import dev.flexlex.process.BotTurnHandler;
import dev.flexlex.process.BotTurnService;
import dev.flexlex.process.TurnPolicy;
import dev.flexlex.process.lex.SdkLexGateway;
import dev.flexlex.queue.SqsQueuePublisher;
import dev.flexlex.registry.BotRegistry;
import dev.flexlex.twilio.TwilioApiAddress;
import dev.flexlex.twilio.TwilioClient;
import dev.flexlex.twilio.TwilioConfig;
import dev.flexlex.twilio.TwilioCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole suite on one machine, run the way Lambda, API Gateway and SQS would run it: the local Flex calls the
 * webhook on local-stack's HTTP API gateway ({@link WebhookRoute}) in front of the inbound handler; the inbound
 * handler enqueues on ElasticMQ; local-stack's {@link SqsEventSource}s, without pollers and with the template's
 * batch settings, feed the process and outbound handlers at the test's pace; Lex is the local Lex serving the OrderFlowers bot
 * of {@code ../template.yaml} (the default bot) and the PickupCards test bot (by {@code ?bot=}). The handlers are built over their services, with the real adapters and the real SDK
 * and twilio-java clients pointed at 127.0.0.1, and called through their stream entry point; only the Twilio
 * credentials come from a fake of our own {@link TwilioCredentials} (no Secrets Manager runs locally).
 */
final class Bridge implements AutoCloseable {
    static final String BOT = "OrderFlowers";
    /** A second bot, asked for by {@code ?bot=} on a webhook URL: its slot prompt is a response card. */
    static final String CARDS = "PickupCards";
    private static final Path CARD_BOT = Path.of("src/test/resources/lex/pickup-card-bot.yaml");
    private static final Duration WEBHOOK_WAIT = Duration.ofSeconds(15);
    private static final Path TEMPLATE = Path.of("..", "template.yaml");

    final ChatPlatformKind platform;
    final LocalFlexServer flex;
    final LocalLexServer lex;
    final WebhookRoute gateway;
    final FlexWebChats webChats;
    final SqsClient sqs;
    final String inboundQueueUrl;
    final String outboundQueueUrl;
    final SqsEventSource turns;
    final SqsEventSource replies;
    private final SQSRestServer sqsServer;
    /**
     * Appended to the dedup id of each reply process-bot-turn publishes: a test sets it to stand for SQS's 5-minute
     * deduplication window having passed (ElasticMQ's clock cannot be moved), so a repeated reply is a new message.
     */
    volatile String afterDeduplicationWindow = "";

    private Bridge(ChatPlatformKind platform) throws Exception {
        this.platform = platform;
        flex = LocalFlexServer.builder().port(0).start();
        LexBot bot = BotLoader.load(TEMPLATE).stream()
                .filter(b -> b.name().equals(BOT)).findFirst().orElseThrow();
        LexBot cards = BotLoader.load(CARD_BOT).get(0);
        lex = LocalLexServer.builder().port(0).bot(bot).bot(cards).start();
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(0).start();
        Http.ServerBinding binding = sqsServer.waitUntilStarted();

        AwsSettings settings = new AwsSettings(Region.US_EAST_1,
                Optional.of(URI.create("http://127.0.0.1:" + binding.localAddress().getPort())),
                Optional.of(lex.baseUrl()), Optional.empty());
        AwsClients aws = new AwsClients(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
                settings.sqsEndpoint(), settings.lexEndpoint(), settings.secretsManagerEndpoint());
        String run = UUID.randomUUID().toString().substring(0, 8);
        JsonNode template = CloudFormationYaml.read(TEMPLATE);
        // The queues are made by a client without the functions' call timeouts: ElasticMQ's first requests, and the
        // SDK's first call in this JVM, can take seconds on a busy machine (Lambda's SnapStart primes them away).
        try (SqsClient setup = SqsClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(URI.create("http://127.0.0.1:" + binding.localAddress().getPort()))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            inboundQueueUrl = TemplateQueues.create(setup, template, "InboundQueue", "inbound-" + run);
            outboundQueueUrl = TemplateQueues.create(setup, template, "OutboundQueue", "outbound-" + run);
        }
        sqs = aws.sqs();

        TwilioCredentials credentials = new LocalFlexCredentials(flex.accountSid(), flex.authToken());
        TwilioConfig twilio = new TwilioConfig("local-flex-secret", TwilioApiAddress.of(flex.baseUrl()));
        BotRegistry registry = BotRegistry.parse(registryJson(bot, cards));

        // The gateway must exist before the inbound function: the function validates signatures against its URL.
        gateway = new WebhookRoute();
        gateway.integrate(new TwilioWebhookHandler(InboundWiring.service(
                new InboundConfig(platform, registry, twilio, gateway.url(), inboundQueueUrl, "bot", settings),
                new SqsQueuePublisher(sqs, inboundQueueUrl), credentials)));
        SqsQueuePublisher replyQueue = new SqsQueuePublisher(sqs, outboundQueueUrl);
        BotTurnHandler process = new BotTurnHandler(new BotTurnService(registry, new SdkLexGateway(aws.lexRuntime()),
                (group, dedupId, record) -> replyQueue.publish(group, dedupId + afterDeduplicationWindow, record),
                new TurnPolicy(), BotTurnService.LEX_RETRY));
        BotReplyHandler outbound = new BotReplyHandler(OutboundWiring.service(new OutboundConfig(platform, twilio,
                new HandoffRouting(flex.workspaceSid(), flex.workflowSid(), "chat"), "bot",
                platform == ChatPlatformKind.CHAT ? flex.chatServiceSid() : null, gateway.url(),
                dev.flexlex.outbound.HandoffPolicy.DEFAULT_FAILURE_NOTICE, "FlexLexBridge", settings), credentials));
        SamTemplate functions = SamTemplate.read(TEMPLATE);
        turns = SqsEventSource.withoutPollers(sqs, inboundQueueUrl,
                functions.function("ProcessBotTurnFunction").sqsEvent().orElseThrow(),
                new InProcessFunction("ProcessBotTurnFunction", process));
        replies = SqsEventSource.withoutPollers(sqs, outboundQueueUrl,
                functions.function("OutboundChatHandlerFunction").sqsEvent().orElseThrow(),
                new InProcessFunction("OutboundChatHandlerFunction", outbound));

        TwilioRestClient customerSide = TwilioClient.create(credentials, TwilioApiAddress.of(flex.baseUrl())).get();
        webChats = new FlexWebChats(platform, customerSide, flex.chatServiceSid(), flex.workspaceSid(), gateway.url());
    }

    static Bridge start(ChatPlatformKind platform) throws Exception {
        return new Bridge(platform);
    }

    /** The registry template.yaml builds by default, on the local Lex's ids for the bot and its {@code live} alias. */
    private static String registryJson(LexBot bot, LexBot cards) {
        String alias = bot.aliasIds().stream().filter(id -> !id.equals(LocalLexServer.TEST_ALIAS_ID)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the template's bot has no alias besides the test alias"));
        return "{\"defaultBot\":\"" + BOT + "\",\"bots\":{\"" + BOT + "\":{\"botId\":\"" + bot.botId()
                + "\",\"botAliasId\":\"" + alias + "\",\"localeId\":\"en_US\",\"agentIntents\":[\"TalkToAgent\"],"
                + "\"closingIntents\":[\"OrderFlowers\"],\"fallbackLimit\":2},"
                + "\"" + CARDS + "\":{\"botId\":\"" + cards.botId() + "\",\"botAliasId\":\"" + LocalLexServer.TEST_ALIAS_ID
                + "\",\"localeId\":\"en_US\",\"closingIntents\":[\"Pickup\"]}}}";
    }

    /** The customer sends {@code text}; once Twilio's webhook is answered 200, the queues run until empty. */
    String say(WebChat chat, String text) {
        String messageSid = send(chat, text);
        runQueues();
        return messageSid;
    }

    /** The customer sends {@code text} and Twilio's webhook is answered 200; the queues are not run. */
    String send(WebChat chat, String text) {
        String messageSid = chat.say(text);
        awaitWebhook(messageSid);
        return messageSid;
    }

    void awaitWebhook(String messageSid) {
        await(() -> !gateway.deliveriesOf(messageSid).isEmpty(), "Twilio's webhook for " + messageSid);
        assertEquals(200, gateway.deliveriesOf(messageSid).get(0).status(), "webhook answer for " + messageSid);
    }

    /** Lambda's pollers, both queues, until neither holds a message. */
    void runQueues() {
        drain(List.of(turns, replies), List.of(inboundQueueUrl, outboundQueueUrl));
    }

    /** Lambda's poller on the inbound queue only, until it is empty. */
    void runTurns() {
        drain(List.of(turns), List.of(inboundQueueUrl));
    }

    /** Lambda's poller on the outbound queue only, until it is empty (its messages deleted or dead-lettered). */
    void runReplies() {
        drain(List.of(replies), List.of(outboundQueueUrl));
    }

    private void drain(List<SqsEventSource> sources, List<String> queueUrls) {
        for (int round = 0; round < 1_000; round++) {
            int handled = 0;
            for (SqsEventSource source : sources) {
                handled += source.pollOnce();
            }
            if (handled == 0 && queueUrls.stream().allMatch(url -> TemplateQueues.depth(sqs, url) == 0)) {
                return;
            }
        }
        fail("queues still busy after 1000 polls");
    }

    /** Bot lines of the chat, in order. */
    static List<String> botLines(WebChat chat) {
        return chat.transcript().stream().filter(line -> "bot".equals(line.author())).map(WebChat.Line::body).toList();
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WEBHOOK_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close() {
        gateway.close();
        turns.close();
        replies.close();
        flex.close();
        try {
            lex.close();
        } catch (Exception e) {
            throw new IllegalStateException("local Lex did not stop", e);
        } finally {
            sqsServer.stopAndWait();
        }
    }

    /** Our own {@link TwilioCredentials}, holding the local Flex's account: no Secrets Manager runs locally. */
    record LocalFlexCredentials(String accountSid, String authToken) implements TwilioCredentials {
        @Override
        public String toString() {
            return "LocalFlexCredentials[" + accountSid + "]";
        }
    }
}
