package dev.flexlex.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localflex.FaultSpec;
import dev.flexlex.localflex.LocalFlexServer;
import dev.flexlex.locallex.LocalLexServer;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.definition.BotLoader;
import dev.flexlex.localstack.SamTemplate.FunctionSpec;
import dev.flexlex.localstack.aws.HttpApiGateway;
import dev.flexlex.localstack.aws.SecretsManagerServer;
import dev.flexlex.localstack.faults.CrashFaults;
import dev.flexlex.localstack.faults.CrashPoint;
import dev.flexlex.localstack.faults.CrashProxy;
import dev.flexlex.localstack.lambda.FunctionRuntime;
import dev.flexlex.localstack.lambda.LambdaFunction;
import dev.flexlex.localstack.lambda.RuntimeInterfaceClient;
import dev.flexlex.localstack.ops.DeadLetters;
import dev.flexlex.localstack.ops.OpsApi;
import dev.flexlex.localstack.ops.OpsMonitor;
import dev.flexlex.localstack.pages.PagesServer;
import dev.flexlex.localstack.sqs.LocalSqs;
import dev.flexlex.localstack.sqs.SqsEventSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole system on 127.0.0.1: ElasticMQ with the template's queues, the local Lex serving the template's bot,
 * the local Flex configured through its REST API, a Secrets Manager holding the Twilio credentials, the three
 * unmodified handler jars run by Lambda's runtime interface client (behind an HTTP API and two SQS event sources),
 * and the customer and agent pages.
 *
 * <pre>{@code try (LocalStack stack = LocalStack.start(StackOptions.defaults(Path.of(".")))) { ... stack.info() ... }}</pre>
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The template's logical ids of the three functions, in the order a turn passes them. */
    public static final String INBOUND = "InboundBotHandlerFunction";
    public static final String PROCESS = "ProcessBotTurnFunction";
    public static final String OUTBOUND = "OutboundChatHandlerFunction";
    public static final List<String> FUNCTIONS = List.of(INBOUND, PROCESS, OUTBOUND);
    static final String BOT = "OrderFlowers";
    /**
     * The contact centre's SMS number: Twilio's magic test number for a message that succeeds
     * (https://www.twilio.com/docs/messaging/tutorials/automate-testing), so it is no one's real number.
     */
    public static final String SMS_NUMBER = "+15005550006";
    /**
     * The contact centre's WhatsApp number: the Twilio Sandbox for WhatsApp's number, shared by every sandbox
     * (https://www.twilio.com/docs/whatsapp/sandbox).
     */
    public static final String WHATSAPP_NUMBER = "+14155238886";
    /** The template's WebhookRoute and WebhookIntegration TimeoutInMillis. */
    static final String ROUTE_KEY = "POST /twilio/webhook";
    static final long INTEGRATION_TIMEOUT_MILLIS = 10_000;
    /** Webhook functions are not capped by the template; locally a few instances serve any load. */
    static final int INBOUND_MAX_INSTANCES = 4;
    /** Every event source's pollers at once, and the deletes in between, without opening and closing connections. */
    static final int POLLER_CONNECTIONS = 64;
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(90);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final StackOptions options;
    private final long startNanos = System.nanoTime();
    private PortPlan ports;
    private LocalSqs sqs;
    private SqsClient sqsClient;
    private LocalLexServer lex;
    private LocalFlexServer flex;
    private SecretsManagerServer secrets;
    private HttpApiGateway gateway;
    private final Map<String, LambdaFunction> functions = new java.util.LinkedHashMap<>();
    private final Map<String, SqsEventSource> eventSources = new java.util.LinkedHashMap<>();
    private PagesServer pages;
    private OpsMonitor ops;
    private final List<CrashProxy> crashProxies = new ArrayList<>();
    private java.util.Random draws;
    private Path jniLibrary;
    private StackInfo info;
    private Duration startupTime;

    private LocalStack(StackOptions options) {
        this.options = options;
    }

    /** Starts every piece; on any failure stops what started and throws {@link StackStartException}. */
    public static LocalStack start(StackOptions options) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e instanceof StackStartException ? e : new StackStartException(e.getMessage(), e);
        }
    }

    private void startAll() {
        Path project = options.projectDir().toAbsolutePath().normalize();
        SamTemplate template = SamTemplate.read(project.resolve("template.yaml"));
        List<Path> runtimeJars = runtimeJars(project);
        for (String fn : FUNCTIONS) {
            requireJar(project.resolve(template.function(fn).codeUri()));
        }
        CrashFaults crashFaults = CrashFaults.split(options.faults());
        java.util.Random draws = crashFaults.seed() == null ? new java.util.Random() : new java.util.Random(crashFaults.seed());
        LexFaults lexFaults = LexFaults.split(crashFaults.rest());
        FaultSpec flexFaults = FaultSpec.parse(lexFaults.flexSpec());
        ports = PortPlan.from(options.portBase());

        sqs = track(new LocalSqs(ports.sqs()));
        sqsClient = track(SqsClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(sqs.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(ApacheHttpClient.builder().maxConnections(POLLER_CONNECTIONS).build()).build());
        Map<String, SamTemplate.QueueSpec> queues = new java.util.LinkedHashMap<>(template.queues());
        if (options.maxReceiveCount() != null) {
            queues.replaceAll((id, q) -> q.deadLetterQueue() == null ? q : q.withMaxReceiveCount(options.maxReceiveCount()));
        }
        sqs.createQueues(sqsClient, queues);

        LexBot bot = BotLoader.load(project.resolve("template.yaml")).stream().filter(b -> b.name().equals(BOT))
                .findFirst().orElseThrow(() -> new StackStartException("template.yaml defines no Lex bot " + BOT));
        String aliasId = bot.aliasIds().stream().filter(id -> !id.equals(LocalLexServer.TEST_ALIAS_ID)).findFirst()
                .orElseThrow(() -> new StackStartException("the template's bot " + BOT + " has no alias"));
        LocalLexServer.Builder lexBuilder = LocalLexServer.builder().port(ports.lex()).bot(bot);
        if (lexFaults.aliasCap() > 0) {
            lexBuilder.aliasConcurrencyLimit(aliasId, lexFaults.aliasCap());
        }
        lex = track(startLex(lexBuilder));

        flex = track(LocalFlexServer.builder().port(ports.flex()).start());
        secrets = track(new SecretsManagerServer(ports.secrets(), Map.of(HandlerEnvironment.TWILIO_SECRET_ID,
                JSON.createObjectNode().put("accountSid", flex.accountSid()).put("authToken", flex.authToken())
                        .toString())));

        // With the template's connection-override fragment, as the README's wiring step configures Twilio.
        String webhookUrl = "http://127.0.0.1:" + ports.httpApi() + ROUTE_KEY.substring(ROUTE_KEY.indexOf(' ') + 1)
                + webhookFragment(template);
        FlexConfigurator configurator = new FlexConfigurator(flex.baseUrl(), flex.accountSid(), flex.authToken());
        boolean chat = options.platform().equals("chat");
        String addressSid = chat ? null : configurator.createWebchatAddress(webhookUrl);
        String flexFlowSid = chat ? configurator.createFlexFlow(flex.chatServiceSid(), webhookUrl) : null;
        Map<String, String> phoneAddresses = new java.util.LinkedHashMap<>();
        if (!chat) {
            configurator.createPhoneAddress("sms", SMS_NUMBER, webhookUrl);
            configurator.createPhoneAddress("whatsapp", WHATSAPP_NUMBER, webhookUrl);
            phoneAddresses.put("sms", SMS_NUMBER);
            phoneAddresses.put("whatsapp", "whatsapp:" + WHATSAPP_NUMBER);
        }

        String registry = HandlerEnvironment.botRegistry(template, bot.botId(), aliasId);
        // Targeted crash faults: the handlers call Lex, SQS and Twilio through proxies that see each call's caller.
        String sqsUrl = sqs.baseUrl();
        String lexUrl = lex.baseUrl().toString();
        String flexUrl = flex.baseUrl();
        if (!crashFaults.points().isEmpty()) {
            CrashProxy.HandlerJvms jvms = new StackJvms();
            sqsUrl = crashProxy(CrashPoint.Service.SQS, sqsUrl, crashFaults, draws, jvms);
            lexUrl = crashProxy(CrashPoint.Service.LEX, lexUrl, crashFaults, draws, jvms);
            flexUrl = crashProxy(CrashPoint.Service.FLEX, flexUrl, crashFaults, draws, jvms);
        }
        HandlerEnvironment.Values values = new HandlerEnvironment.Values(options.platform(), registry, webhookUrl,
                sqs.queueUrl("InboundQueue"), sqs.queueUrl("OutboundQueue"), template.parameterDefault("BotAuthorIdentity"),
                flex.workspaceSid(), flex.workflowSid(), template.parameterDefault("TaskRouterTaskChannel"),
                chat ? flex.chatServiceSid() : null, sqsUrl, lexUrl, secrets.baseUrl(), flexUrl);
        Path logDir = project.resolve("local-stack").resolve("target").resolve("lambda-logs");
        jniLibrary = RuntimeInterfaceClient.unpackJni(runtimeJars, project.resolve("local-stack").resolve("target")
                .resolve("lambda-runtime-jni"));
        startFunction(template.function(INBOUND), values, runtimeJars, logDir, ports.runtimeInbound(), INBOUND_MAX_INSTANCES);
        startFunction(template.function(PROCESS), values, runtimeJars, logDir, ports.runtimeProcess(), 0);
        startFunction(template.function(OUTBOUND), values, runtimeJars, logDir, ports.runtimeOutbound(), 0);
        for (LambdaFunction function : functions.values()) {
            function.awaitReady(INIT_TIMEOUT);
        }
        Map<String, String> deadLetterSources = new java.util.TreeMap<>();
        template.queues().values().stream().filter(q -> q.deadLetterQueue() != null)
                .forEach(q -> deadLetterSources.put(q.deadLetterQueue(), q.logicalId()));
        ops = track(OpsMonitor.start(logDir, functions, new DeadLetters(sqsClient, sqs.queueUrls(), deadLetterSources)));
        this.draws = draws;
        if (crashFaults.random() > 0) {
            functions.values().forEach(f -> f.crashRandomly(crashFaults.random(), draws));
        }
        gateway = track(new HttpApiGateway(ports.httpApi(), ROUTE_KEY, functions.get(INBOUND), INTEGRATION_TIMEOUT_MILLIS));
        for (String fn : List.of(PROCESS, OUTBOUND)) {
            FunctionSpec spec = template.function(fn);
            SamTemplate.SqsEventSpec event = spec.sqsEvent()
                    .orElseThrow(() -> new StackStartException("template.yaml: " + fn + " has no SQS event"));
            eventSources.put(fn, track(new SqsEventSource(sqsClient, sqs.queueUrl(event.queue()), event,
                    functions.get(fn), options.redeliveryDelay())));
        }
        flex.setFaults(flexFaults);

        info = new StackInfo(options.platform(), flex.baseUrl(), flex.accountSid(), flex.authToken(),
                flex.chatServiceSid(), flex.chatServiceSid(), flexFlowSid, addressSid, flex.workspaceSid(),
                flex.workflowSid(), flex.workerSid(), flex.taskQueueSid(), lex.baseUrl().toString(), sqs.baseUrl(),
                webhookUrl, List.of(BOT), phoneAddresses);
        pages = track(PagesServer.start(ports.pages(), info, new OpsApi(ops)));
        startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
        if (options.readyFile() != null) {
            writeReadyFile(options.readyFile());
        }
        LOG.info("local stack up in {} ms: webchat {} agent desk {}", startupTime.toMillis(), pages.webchatUrl(),
                pages.agentDeskUrl());
    }

    private void startFunction(FunctionSpec spec, HandlerEnvironment.Values values, List<Path> runtimeJars, Path logDir,
                               int port, int maxInstances) {
        List<Path> classpath = new ArrayList<>();
        classpath.add(options.projectDir().toAbsolutePath().normalize().resolve(spec.codeUri()));
        classpath.addAll(runtimeJars);
        int max = maxInstances > 0 ? maxInstances : spec.sqsEvent().map(SamTemplate.SqsEventSpec::maximumConcurrency).orElse(1);
        Map<String, String> environment = new HashMap<>(HandlerEnvironment.of(spec, values));
        environment.putAll(options.functionEnvironment());
        FunctionRuntime runtime = new FunctionRuntime(spec.logicalId(), spec.handler(), classpath, environment,
                spec.memorySize(), Duration.ofSeconds(spec.timeoutSeconds()), max,
                logDir, jniLibrary);
        functions.put(spec.logicalId(), track(LambdaFunction.start(runtime, port)));
    }

    /** Starts a crash proxy in front of {@code target}; returns the proxy's base URL. */
    private String crashProxy(CrashPoint.Service service, String target, CrashFaults faults, java.util.Random draws,
                              CrashProxy.HandlerJvms jvms) {
        CrashProxy proxy = track(new CrashProxy(service, target, faults.points(), draws, jvms));
        crashProxies.add(proxy);
        return proxy.baseUrl();
    }

    private static LocalLexServer startLex(LocalLexServer.Builder builder) {
        try {
            return builder.start();
        } catch (Exception e) {
            throw new StackStartException("local Lex did not start: " + e.getMessage(), e);
        }
    }

    /** The runtime interface client and its dependencies, copied by the build to local-stack/target/lambda-runtime. */
    private static List<Path> runtimeJars(Path project) {
        Path dir = project.resolve("local-stack").resolve("target").resolve("lambda-runtime");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
            if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))) {
                throw new StackStartException(dir + " holds no runtime interface client jar; build first: "
                        + "./mvnw -B -ntp -q -DskipTests package");
            }
            return jars;
        } catch (IOException e) {
            throw new StackStartException(dir + " is missing; build first: ./mvnw -B -ntp -q -DskipTests package", e);
        }
    }

    private static void requireJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new StackStartException(jar + " is missing; build first: ./mvnw -B -ntp -q -DskipTests package");
        }
    }

    private void writeReadyFile(Path file) {
        ObjectNode ready = JSON.valueToTree(info);
        ready.put("webchatUrl", pages.webchatUrl());
        ready.put("agentDeskUrl", pages.agentDeskUrl());
        ready.put("opsUrl", pages.opsUrl());
        ready.put("phoneUrl", pages.phoneUrl());
        ready.put("secretsManagerUrl", secrets.baseUrl());
        ready.put("twilioSecretId", HandlerEnvironment.TWILIO_SECRET_ID);
        ready.set("queueUrls", JSON.valueToTree(sqs.queueUrls()));
        ready.put("startupMillis", startupTime.toMillis());
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ready));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StackStartException("could not write the ready file " + file + ": " + e.getMessage(), e);
        }
    }

    private <T extends AutoCloseable> T track(T piece) {
        started.push(piece);
        return piece;
    }

    public StackInfo info() {
        return info;
    }

    public String webchatUrl() {
        return pages.webchatUrl();
    }

    public String agentDeskUrl() {
        return pages.agentDeskUrl();
    }

    /** The customer phone page (SMS and WhatsApp). */
    public String phoneUrl() {
        return pages.phoneUrl();
    }

    /** The operations page. */
    public String opsUrl() {
        return pages.opsUrl();
    }

    /** What the operations page shows (metrics read from the handlers' logs, errors, queues). */
    public OpsMonitor ops() {
        return ops;
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** The Secrets Manager stand-in holding the Twilio secret (its version history and read count). */
    public SecretsManagerServer secrets() {
        return secrets;
    }

    /** The local Flex, e.g. to change its faults while running. */
    public LocalFlexServer flex() {
        return flex;
    }

    /** URL of a template queue by logical id ({@code InboundQueue}, {@code OutboundDeadLetterQueue}, ...). */
    public String queueUrl(String logicalId) {
        return sqs.queueUrl(logicalId);
    }

    /** Highest receive count seen per message id by the event source of {@code function} (a template logical id). */
    public Map<String, Integer> receiveCounts(String function) {
        return eventSources.get(function).receiveCounts();
    }

    /** The Lambda function {@code logicalId} runs as (its invocation timings, instances). */
    public LambdaFunction function(String logicalId) {
        return functions.get(logicalId);
    }

    /** The SQS event source that feeds {@code function} (null for the webhook function). */
    public SqsEventSource eventSource(String function) {
        return eventSources.get(function);
    }

    /** Instances of {@code function} running now. */
    public int instanceCount(String function) {
        return functions.get(function).instanceCount();
    }

    /**
     * Replaces the {@code lambda:} crash faults while running (a spec as for {@code --faults}; its other entries are
     * ignored). Targeted points need the proxies, which start only when the stack started with a
     * {@code lambda:crash@POINT} entry (e.g. {@code lambda:crash@before-lex=0}).
     */
    public void setCrashFaults(String spec) {
        CrashFaults faults = CrashFaults.split(spec);
        if (!faults.points().isEmpty() && crashProxies.isEmpty()) {
            throw new IllegalStateException("crash points need the stack started with a lambda:crash@POINT fault");
        }
        crashProxies.forEach(p -> p.setPoints(faults.points()));
        functions.values().forEach(f -> f.crashRandomly(faults.random(), draws));
    }

    /** JVMs killed by crash faults so far, by {@code function:point} ({@code point} {@code random} for lambda:crash=P). */
    public Map<String, Integer> crashes() {
        Map<String, Integer> all = new java.util.TreeMap<>();
        functions.forEach((name, f) -> f.crashes().forEach((point, n) -> all.put(name + ":" + point, n)));
        return all;
    }

    /** The handler JVMs of every function, for the crash proxies. */
    private final class StackJvms implements CrashProxy.HandlerJvms {
        @Override
        public java.util.Collection<ProcessHandle> all() {
            return functions.values().stream().flatMap(f -> f.processes().stream()).toList();
        }

        @Override
        public String functionOf(long pid) {
            return functions.entrySet().stream().filter(e -> e.getValue().runs(pid)).map(Map.Entry::getKey).findFirst()
                    .orElse(null);
        }

        @Override
        public boolean kill(long pid, String reason) {
            return functions.values().stream().anyMatch(f -> f.kill(pid, reason));
        }
    }

    /** Stops everything, newest first: pollers, handler JVMs, servers; frees every port. */
    @Override
    public void close() {
        eventSources.values().forEach(SqsEventSource::beginShutdown);
        functions.values().forEach(LambdaFunction::beginShutdown);
        while (!started.isEmpty()) {
            AutoCloseable piece = started.pop();
            try {
                piece.close();
            } catch (Exception | LinkageError e) {
                LOG.warn("{} did not stop cleanly: {}", piece.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** The {@code lex:cap=N} entry of a fault spec, and the rest for the local Flex. */
    record LexFaults(int aliasCap, String flexSpec) {
        static LexFaults split(String spec) {
            int cap = 0;
            List<String> rest = new ArrayList<>();
            for (String entry : spec.split(",")) {
                String e = entry.strip();
                if (e.startsWith("lex:cap=")) {
                    try {
                        cap = Integer.parseInt(e.substring("lex:cap=".length()));
                    } catch (NumberFormatException x) {
                        throw new IllegalArgumentException("lex:cap needs a whole number, got '" + e + "'");
                    }
                    if (cap < 1) {
                        throw new IllegalArgumentException("lex:cap must be at least 1, got " + cap);
                    }
                } else if (!e.isEmpty()) {
                    rest.add(e);
                }
            }
            return new LexFaults(cap, String.join(",", rest));
        }
    }

    /** The fragment ({@code #rc=..&rp=..}) of the inbound function's WEBHOOK_PUBLIC_URL in template.yaml. */
    static String webhookFragment(SamTemplate template) {
        String url = template.environmentText(INBOUND, "WEBHOOK_PUBLIC_URL", "#");
        return url.substring(url.indexOf('#'));
    }
}
