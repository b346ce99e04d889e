package dev.flexlex.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.localflex.LocalFlexServer;
import dev.flexlex.locallex.LocalLexServer;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.definition.BotLoader;
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
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local stand-ins a lone handler JVM talks to (ElasticMQ with the template's queues, the local Lex serving the
 * template's bot, the local Flex and Secrets Manager), set up with the documented test account of {@code events/}
 * so the sample events' signatures validate, and the environment of each function: {@code events/env.json} with
 * the endpoints, queue URLs and bot id pointed at them, plus what Lambda sets.
 */
public final class StandIns implements AutoCloseable {
    public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
    static final String SECRET_ID = "flex-lex-bridge/twilio-test";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final SamTemplate template;
    private final LocalSqs sqs;
    private final LocalLexServer lex;
    private final LocalFlexServer flex;
    private final SecretsManagerServer secrets;
    private final String botId;
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
        botId = bot.botId();
        lex = track(LocalLexServer.builder().port(0).bot(bot).aliasConcurrencyLimit(0).start());
        flex = track(LocalFlexServer.builder().port(0).accountSid(ACCOUNT_SID).authToken(AUTH_TOKEN).start());
        secrets = track(new SecretsManagerServer(0, Map.of(SECRET_ID,
                "{\"accountSid\":\"" + ACCOUNT_SID + "\",\"authToken\":\"" + AUTH_TOKEN + "\"}")));
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
        Map<String, String> env = new HashMap<>();
        Json.mapper().convertValue(tree(Events.text("env.json")).path(function), Map.class)
                .forEach((k, v) -> env.put(k.toString(), v.toString()));
        env.computeIfPresent("BOT_REGISTRY", (k, v) -> v.replace("BOTID12345", botId));
        env.computeIfPresent("INBOUND_QUEUE_URL", (k, v) -> sqs.queueUrl("InboundQueue"));
        env.computeIfPresent("OUTBOUND_QUEUE_URL", (k, v) -> sqs.queueUrl("OutboundQueue"));
        env.computeIfPresent("TWILIO_CHAT_SERVICE_SID", (k, v) -> flex.chatServiceSid());
        env.computeIfPresent("TASKROUTER_WORKSPACE_SID", (k, v) -> flex.workspaceSid());
        env.computeIfPresent("TASKROUTER_WORKFLOW_SID", (k, v) -> flex.workflowSid());
        env.put("SQS_ENDPOINT", sqs.baseUrl());
        env.put("LEX_ENDPOINT", lex.baseUrl().toString());
        env.put("SECRETS_MANAGER_ENDPOINT", secrets.baseUrl());
        env.put("TWILIO_API_BASE_URL", flex.baseUrl());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("TZ", ":UTC");
        return env;
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
