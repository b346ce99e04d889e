package dev.flexlex.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.localflex.LocalFlexServer;
import dev.flexlex.locallex.LocalLexServer;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.definition.BotLoader;
import dev.flexlex.localstack.HandlerEnvironment;
import dev.flexlex.localstack.SamTemplate;
import dev.flexlex.localstack.aws.SecretsManagerServer;
import dev.flexlex.localstack.sqs.LocalSqs;
import dev.flexlex.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local stand-ins a lone handler JVM talks to (ElasticMQ with the template's queues, the local Lex serving the
 * template's bot, the local Flex and Secrets Manager), set up with the documented test account of {@code events/}
 * so the sample events' signatures validate, and the environment of each function: the local stack's
 * {@link HandlerEnvironment} pointed at them (with the webhook URL the sample events are signed for, and the chat
 * service given so that the sample replies of both platforms are served).
 */
public final class StandIns implements AutoCloseable {
    public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
    /** The webhook URL the sample events of {@code events/} are signed for (events/README.md). */
    public static final String WEBHOOK_URL = "https://abc123defg.execute-api.us-east-1.amazonaws.com/twilio/webhook";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final SamTemplate template;
    private final LocalSqs sqs;
    private final LocalLexServer lex;
    private final LocalFlexServer flex;
    private final SecretsManagerServer secrets;
    private final HandlerEnvironment.Values environment;
    private final HttpClient http = HttpClient.newHttpClient();

    public StandIns(Path project) throws Exception {
        template = SamTemplate.read(project.resolve("template.yaml"));
        sqs = track(new LocalSqs(freePort()));
        try (SqsClient client = SqsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(sqs.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            sqs.createQueues(client, template.queues());
        }
        LexBot bot = BotLoader.load(project.resolve("template.yaml")).stream()
                .filter(b -> b.name().equals("OrderFlowers")).findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml defines no OrderFlowers bot"));
        String aliasId = bot.aliasIds().stream().filter(id -> !id.equals(LocalLexServer.TEST_ALIAS_ID)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the template's bot has no alias besides the test alias"));
        lex = track(LocalLexServer.builder().port(0).bot(bot).aliasConcurrencyLimit(0).start());
        flex = track(LocalFlexServer.builder().port(0).accountSid(ACCOUNT_SID).authToken(AUTH_TOKEN).start());
        secrets = track(new SecretsManagerServer(0, Map.of(HandlerEnvironment.TWILIO_SECRET_ID,
                "{\"accountSid\":\"" + ACCOUNT_SID + "\",\"authToken\":\"" + AUTH_TOKEN + "\"}")));
        environment = new HandlerEnvironment.Values("conversations",
                HandlerEnvironment.botRegistry(template, bot.botId(), aliasId), WEBHOOK_URL,
                sqs.queueUrl("InboundQueue"), sqs.queueUrl("OutboundQueue"), template.parameterDefault("BotAuthorIdentity"),
                flex.workspaceSid(), flex.workflowSid(), template.parameterDefault("TaskRouterTaskChannel"),
                flex.chatServiceSid(), sqs.baseUrl(), lex.baseUrl().toString(), secrets.baseUrl(), flex.baseUrl());
    }

    private <T extends AutoCloseable> T track(T piece) {
        started.push(piece);
        return piece;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public SamTemplate template() {
        return template;
    }

    public LocalFlexServer flex() {
        return flex;
    }

    /** The environment {@code function} (a template logical id) gets, pointed at these stand-ins. */
    public Map<String, String> environment(String function) {
        return HandlerEnvironment.of(template.function(function), environment);
    }

    /** Creates a Conversation whose attributes name the customer of the sample events; returns its SID. */
    public String createConversation() {
        String attributes = "{\"customerIdentity\":\"customer-42\",\"pre_engagement_data\":{\"friendlyName\":\"Ada\"}}";
        String form = "Attributes=" + URLEncoder.encode(attributes, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(flex.baseUrl() + "/conversations/v1/Conversations"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("local Flex refused the conversation: " + response.statusCode());
            }
            return tree(response.body()).path("sid").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("stand-in did not stop cleanly: " + e);
            }
        }
    }
}
