package dev.flexlex.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.bench.Events;
import dev.flexlex.bench.Results;
import dev.flexlex.chat.ConversationsChatPlatform;
import dev.flexlex.chat.HandoffRouting;
import dev.flexlex.locallex.LocalLexServer;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.definition.BotLoader;
import dev.flexlex.localstack.HandlerEnvironment;
import dev.flexlex.localstack.LocalStack;
import dev.flexlex.localstack.SamTemplate;
import dev.flexlex.localstack.StackInfo;
import dev.flexlex.localstack.StackOptions;
import dev.flexlex.localstack.aws.HttpApiGateway;
import dev.flexlex.localstack.lambda.FunctionRuntime;
import dev.flexlex.localstack.lambda.LambdaFunction;
import dev.flexlex.localstack.lambda.RuntimeInterfaceClient;
import dev.flexlex.model.Json;
import dev.flexlex.twilio.TwilioApiAddress;
import dev.flexlex.twilio.TwilioClient;
import dev.flexlex.twilio.TwilioCredentials;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;

/**
 * Sections 3 and 4 on the local stack ({@link LocalStack}: the three unmodified handler jars under the runtime
 * interface client, ElasticMQ, local Lex, local Flex): customer message → bot reply in the chat for (a) the queued
 * design, (b) {@link DirectBridge}, (c) the loopback floor (one RecognizeText + one Twilio message post), then the
 * queued design at rising concurrency.
 */
public final class LatencySection {
    public static final String SECTION = "3. Turn latency on the local stack (customer message -> bot reply in the chat)";
    public static final String THROUGHPUT = "4. Throughput of the queued design";
    static final List<String> SCRIPT = List.of("I want to order flowers", "roses", "tomorrow", "5 pm", "yes");
    static final long POLL_MILLIS = 10;
    static final int ONE_CHAT_MESSAGES = 100;
    static final long TURN_TIMEOUT_MILLIS = 30_000;

    private final LocalStack stack;
    private final StackInfo info;
    private final FlexRest flex;
    static final String DIRECT_ROUTE = "POST /direct/webhook";
    /**
     * Both designs primed at init ({@code PRIMING_ROUNDS} as the template says): what a SnapStart snapshot holds on
     * Lambda, where the template's flags are chosen for it. The local stack itself has no snapshots and does not prime.
     */
    static final Map<String, String> PRIMED = Map.of(dev.flexlex.priming.Priming.PRIME_AT_INIT, "true");
    /** As many instances as the process function may run (its MaximumConcurrency): one JVM per concurrent turn. */
    static final int DIRECT_MAX_INSTANCES = 10;
    private final String directUrl;
    private final LambdaFunction directFunction;
    private final HttpApiGateway directGateway;
    private final LexBot bot;
    private final String aliasId;
    private final TwilioCredentials credentials;
    private final AtomicInteger names = new AtomicInteger();
    private final AtomicInteger timeouts = new AtomicInteger();
    private final TurnHops hops;

    private LatencySection(LocalStack stack, Path project, Path readyFile) throws Exception {
        this.stack = stack;
        this.info = stack.info();
        this.flex = new FlexRest(info.flexBaseUrl(), info.accountSid(), info.authToken());
        this.hops = new TurnHops(stack);
        this.credentials = new TwilioCredentials() {
            @Override
            public String accountSid() {
                return info.accountSid();
            }

            @Override
            public String authToken() {
                return info.authToken();
            }
        };
        SamTemplate template = SamTemplate.read(project.resolve("template.yaml"));
        bot = BotLoader.load(project.resolve("template.yaml")).stream().filter(b -> b.name().equals("OrderFlowers"))
                .findFirst().orElseThrow();
        aliasId = bot.aliasIds().stream().filter(id -> !id.equals(LocalLexServer.TEST_ALIAS_ID)).findFirst().orElseThrow();
        String registry = HandlerEnvironment.botRegistry(template, bot.botId(), aliasId);
        JsonNode ready = Json.mapper().readTree(Files.readString(readyFile));
        int gatewayPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            gatewayPort = socket.getLocalPort();
        }
        directUrl = "http://127.0.0.1:" + gatewayPort + DIRECT_ROUTE.substring(DIRECT_ROUTE.indexOf(' ') + 1);
        // The three functions' variables together, pointed at the stack's Lex, Flex and Secrets Manager; the queue
        // URLs are required by the configs but unused (the direct bridge hands each message on in-line).
        String unusedQueue = "http://127.0.0.1:9/000000000000/Unused.fifo";
        HandlerEnvironment.Values values = new HandlerEnvironment.Values("conversations", registry, directUrl,
                unusedQueue, unusedQueue, template.parameterDefault("BotAuthorIdentity"), info.workspaceSid(),
                info.workflowSid(), template.parameterDefault("TaskRouterTaskChannel"), null, "http://127.0.0.1:9",
                info.lexBaseUrl(), ready.path("secretsManagerUrl").asText(), info.flexBaseUrl());
        Set<String> variables = new TreeSet<>();
        Map<String, String> plain = new HashMap<>();
        LocalStack.FUNCTIONS.forEach(fn -> variables.addAll(template.function(fn).environmentKeys()));
        // The bridge's JVM runs what the process function runs, with its flags and priming (the same in all three).
        plain.putAll(template.function(LocalStack.PROCESS).plainEnvironment());
        SamTemplate.FunctionSpec inbound = template.function("InboundBotHandlerFunction");
        String handler = DirectBridge.class.getName() + "::handleRequest";
        Map<String, String> env = new HashMap<>(HandlerEnvironment.of("DirectBridgeFunction", handler,
                inbound.memorySize(), variables, plain, values));
        // bench's class path holds two SLF4J providers; the handlers' own is the one their jars carry.
        env.putAll(PRIMED);
        env.merge("JAVA_TOOL_OPTIONS", "-Dslf4j.provider=dev.flexlex.logging.JsonLineServiceProvider",
                (flags, provider) -> flags + " " + provider);
        List<Path> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            classpath.add(Path.of(entry));
        }
        List<Path> runtimeJars;
        try (var jars = Files.list(project.resolve("local-stack").resolve("target").resolve("lambda-runtime"))) {
            runtimeJars = jars.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        classpath.addAll(runtimeJars);
        Path benchTarget = project.resolve("bench").resolve("target");
        directFunction = LambdaFunction.start(new FunctionRuntime("DirectBridgeFunction", handler, classpath, env,
                inbound.memorySize(),
                Duration.ofSeconds(inbound.timeoutSeconds()), DIRECT_MAX_INSTANCES, benchTarget.resolve("lambda-logs"),
                RuntimeInterfaceClient.unpackJni(runtimeJars, benchTarget.resolve("lambda-runtime-jni"))), 0);
        directFunction.awaitReady(Duration.ofSeconds(120));
        directGateway = new HttpApiGateway(gatewayPort, DIRECT_ROUTE, directFunction, 10_000);
    }

    public static void run(Results results, int messages, int concurrency) throws Exception {
        Path project = Events.projectDir();
        long t0 = System.nanoTime();
        Path readyFile = project.resolve("bench").resolve("target").resolve("stack-ready.json");
        try (LocalStack stack = startStack(project, readyFile)) {
            System.out.printf(Locale.ROOT, "  local stack up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            LatencySection section = new LatencySection(stack, project, readyFile);
            try {
                section.measure(results, messages, concurrency);
            } finally {
                section.directGateway.close();
                section.directFunction.close();
            }
        }
    }

    /**
     * Failed records come back after 1 s instead of the queue's 6-minute visibility timeout, so a handler JVM that
     * crashes mid-run (see the note) costs its turns seconds, not the run. A start that fails is tried once more.
     */
    private static LocalStack startStack(Path project, Path readyFile) {
        return startStack(StackOptions.defaults(project).withReadyFile(readyFile).withFunctionEnvironment(PRIMED));
    }

    /** {@code options} on free ports, failed records back after 1 s; a start that fails is tried once more. */
    static LocalStack startStack(StackOptions given) {
        StackOptions options = given.withPortBase(0).withRedeliveryDelay(Duration.ofSeconds(1));
        try {
            return LocalStack.start(options);
        } catch (RuntimeException first) {
            System.out.println("  local stack did not start (" + first.getMessage() + "); once more");
            return LocalStack.start(options);
        }
    }

    private void measure(Results results, int messages, int concurrency) throws Exception {
        // Warm-up, not measured: the handler JVMs' and the bridge's first turns load and compile their classes.
        // Long warm-ups: the stack starts handler JVMs one at a time while events wait (up to each function's cap),
        // and each new JVM is slow until its code is compiled; measured figures should be the steady state.
        int warmUp = Math.max(20 * concurrency, 3 * messages);
        phase(this::queuedChat, concurrency, warmUp);
        phase(this::directChat, concurrency, warmUp);
        List<Double> queued = new ArrayList<>();
        List<Double> directMs = new ArrayList<>();
        Map<String, LambdaFunction> jvms = new LinkedHashMap<>();
        LocalStack.FUNCTIONS.forEach(fn -> jvms.put(jvmsLabel(fn), stack.function(fn)));
        jvms.put("direct bridge JVMs", directFunction);
        hops.clear();
        CpuSample before = CpuSample.now(jvms);
        // Halves interleaved, so a change in the machine's load falls on both designs alike.
        Phase a1 = phase(this::queuedChat, concurrency, messages / 2);
        CpuSample afterQueued = CpuSample.now(jvms);
        Phase b1 = phase(this::directChat, concurrency, messages / 2);
        CpuSample afterDirect = CpuSample.now(jvms);
        Phase a2 = phase(this::queuedChat, concurrency, messages - messages / 2);
        Phase b2 = phase(this::directChat, concurrency, messages - messages / 2);
        queued.addAll(a1.millis);
        queued.addAll(a2.millis);
        directMs.addAll(b1.millis);
        directMs.addAll(b2.millis);
        int unanswered = timeouts.getAndSet(0);
        List<Double> floor = floor(concurrency, messages);
        Collections.sort(queued);
        Collections.sort(directMs);
        Collections.sort(floor);
        String how = messages + " messages, " + concurrency + " chats at once, one message in flight per chat; reply seen by polling"
                + " the chat every max(" + POLL_MILLIS + " ms, 10% of the wait)";
        report(results, "(a) queued design", queued, how);
        report(results, "(b) direct bridge", directMs, how);
        report(results, "(c) loopback floor", floor, messages + " x (RecognizeText + Twilio message post), " + concurrency
                + " at once, timed directly");
        results.add(SECTION, "(a)+(b) turns without a reply within " + TURN_TIMEOUT_MILLIS / 1000 + " s", unanswered, "turns",
                "counted at " + TURN_TIMEOUT_MILLIS / 1000 + " s in the percentiles");
        results.add(SECTION, "(a)/(b) median", pct(queued, 50) / pct(directMs, 50), "x", "");
        results.add(SECTION, "(a)/(b) p99", pct(queued, 99) / pct(directMs, 99), "x", "");
        results.add(SECTION, "(a)/(c) median", pct(queued, 50) / pct(floor, 50), "x", "reported, not a target");
        results.add(SECTION, "(a)/(c) p99", pct(queued, 99) / pct(floor, 99), "x", "");
        cpuPerTurn(results, "(a)", before, afterQueued, a1.millis.size());
        cpuPerTurn(results, "(b)", afterQueued, afterDirect, b1.millis.size());
        handlerCpuRatio(results, afterQueued.minus(before), a1.millis.size(), afterDirect.minus(afterQueued),
                b1.millis.size());
        hops.report(results, SECTION, "(a) " + concurrency + " chats, ", pct(queued, 50));
        hops.billing(results, SECTION, "(a) " + concurrency + " chats, ", queued.size());
        // The same three at one chat: the design's own latency, without 20 chats queueing for 2 cores. Warmed up at one
        // chat first: then one JVM per function serves (the stack routes to the instance idle most recently), and the
        // one that ends up serving may have had few turns so far; its first couple of hundred turns are still compiling.
        phase(this::queuedChat, 1, 3 * ONE_CHAT_MESSAGES);
        phase(this::directChat, 1, 3 * ONE_CHAT_MESSAGES);
        hops.clear();
        CpuSample beforeOne = CpuSample.now(jvms);
        List<Double> queuedOne = sorted(phase(this::queuedChat, 1, ONE_CHAT_MESSAGES).millis);
        Map<String, Double> cpuOne = CpuSample.now(jvms).minus(beforeOne);
        hops.report(results, SECTION, "(a) 1 chat, ", pct(queuedOne, 50));
        hops.billing(results, SECTION, "(a) 1 chat, ", queuedOne.size());
        for (String fn : LocalStack.FUNCTIONS) {
            results.add(SECTION, "(a) 1 chat, " + fn + ": CPU per turn", cpuOne.get(jvmsLabel(fn)) / queuedOne.size(), "ms",
                    "the function's JVMs' CPU time after init over the 1-chat turns / turns");
        }
        directFunction.invocationDurations().clear();
        List<Double> directOne = sorted(phase(this::directChat, 1, ONE_CHAT_MESSAGES).millis);
        List<Double> bridgeDurations = sorted(directFunction.invocationDurations().millis());
        List<Double> floorOne = sorted(floor(1, ONE_CHAT_MESSAGES));
        String one = ONE_CHAT_MESSAGES + " messages, 1 chat, after " + 3 * ONE_CHAT_MESSAGES + " at 1 chat as warm-up";
        report(results, "(a) queued design, 1 chat,", queuedOne, one);
        report(results, "(b) direct bridge, 1 chat,", directOne, one);
        report(results, "(c) loopback floor, 1 chat,", floorOne, one + ", timed directly");
        results.add(SECTION, "(b) 1 chat, direct bridge handler duration median", pct(bridgeDurations, 50), "ms",
                String.format(Locale.ROOT, "p99 %.1f ms; the whole turn inside one invocation", pct(bridgeDurations, 99)));
        results.add(SECTION, "(a)/(b) median, 1 chat", pct(queuedOne, 50) / pct(directOne, 50), "x", "");
        results.add(SECTION, "(a)/(c) median, 1 chat", pct(queuedOne, 50) / pct(floorOne, 50), "x", "");
        for (String fn : LocalStack.FUNCTIONS) {
            results.add(SECTION, "(a) handler JVMs running: " + fn, stack.instanceCount(fn), "JVMs",
                    "after the measurement (the stack scales each function as events wait)");
        }
        results.add(SECTION, "(b) direct bridge JVMs running", directFunction.instanceCount(), "JVMs",
                "capped at " + DIRECT_MAX_INSTANCES + " (the process function's MaximumConcurrency)");
        throughput(results);
    }

    /** The CPU rows' name of a function's JVMs: {@code inbound handler JVMs} for the inbound function, and so on. */
    public static String jvmsLabel(String function) {
        return switch (function) {
            case LocalStack.INBOUND -> "inbound handler JVMs";
            case LocalStack.PROCESS -> "process handler JVMs";
            case LocalStack.OUTBOUND -> "outbound handler JVMs";
            default -> function + " JVMs";
        };
    }

    private void report(Results results, String name, List<Double> sorted, String how) {
        results.add(SECTION, name + " median", pct(sorted, 50), "ms", how);
        results.add(SECTION, name + " p99", pct(sorted, 99), "ms", "");
    }

    private void throughput(Results results) throws Exception {
        double baseP99 = Double.NaN;
        double sustained = 0;
        int sustainedAt = 0;
        for (int c : List.of(1, 5, 10, 20, 40)) {
            int n = Math.max(100, 10 * c);
            Phase p;
            QueueDepths.Depth inbound;
            QueueDepths.Depth outbound;
            try (QueueDepths depths = new QueueDepths(info.sqsBaseUrl(), Map.of("InboundQueue",
                    stack.queueUrl("InboundQueue"), "OutboundQueue", stack.queueUrl("OutboundQueue")))) {
                p = phase(this::queuedChat, c, n);
                inbound = depths.depth("InboundQueue");
                outbound = depths.depth("OutboundQueue");
            }
            List<Double> sorted = new ArrayList<>(p.millis);
            Collections.sort(sorted);
            double p99 = pct(sorted, 99);
            double rate = p.millis.size() / p.seconds;
            if (c == 1) {
                baseP99 = p99;
            }
            if (p99 <= 2 * baseP99 && rate > sustained) {
                sustained = rate;
                sustainedAt = c;
            }
            results.add(THROUGHPUT, c + " chats: turns per second", rate, "turns/s", n + " messages");
            results.add(THROUGHPUT, c + " chats: p99", p99, "ms", String.format(Locale.ROOT, "median %.0f ms", pct(sorted, 50)));
            results.add(THROUGHPUT, c + " chats: turns waiting on InboundQueue, max", inbound.maxWaiting(), "messages",
                    String.format(Locale.ROOT, "mean %.1f; in flight at most %d; sampled every %d ms", inbound.meanWaiting(),
                            inbound.maxInFlight(), QueueDepths.PERIOD_MILLIS));
            results.add(THROUGHPUT, c + " chats: replies waiting on OutboundQueue, max", outbound.maxWaiting(), "messages",
                    String.format(Locale.ROOT, "mean %.1f; in flight at most %d", outbound.meanWaiting(),
                            outbound.maxInFlight()));
        }
        results.add(THROUGHPUT, "sustained before p99 doubles", sustained, "turns/s",
                "highest rate with p99 <= 2x the 1-chat p99 (at " + sustainedAt + " chats)");
    }

    /**
     * (a)'s handler JVMs (the three functions') against (b)'s (the bridge's and what the stack's functions did
     * meanwhile), CPU time per turn: the runner JVM is left out of both.
     */
    private static void handlerCpuRatio(Results results, Map<String, Double> queued, int queuedTurns, Map<String, Double> direct, int directTurns) {
        double a = queued.entrySet().stream().filter(e -> e.getKey().endsWith("JVMs")).mapToDouble(Map.Entry::getValue)
                .sum() / queuedTurns;
        double b = direct.entrySet().stream().filter(e -> e.getKey().endsWith("JVMs")).mapToDouble(Map.Entry::getValue)
                .sum() / directTurns;
        results.add(SECTION, "(a)/(b) handler-JVM CPU per turn", a / b, "x", String.format(Locale.ROOT,
                "(a) %.1f ms, (b) %.1f ms: process CPU time of the handler JVMs only, first halves", a, b));
    }

    /** CPU time per turn of each piece over one half of a design's turns, and the total: where the 2 cores go. */
    private void cpuPerTurn(Results results, String design, CpuSample before, CpuSample after, int turns) {
        double total = 0;
        for (Map.Entry<String, Double> e : after.minus(before).entrySet()) {
            if (e.getValue() > 0) {
                results.add(SECTION, design + " CPU per turn: " + e.getKey(), e.getValue() / turns, "ms",
                        "process CPU time over the first " + design + " half / its turns");
                total += e.getValue();
            }
        }
        results.add(SECTION, design + " CPU per turn: all of it", total / turns, "ms", String.format(Locale.ROOT,
                "%.0f turns/s would fill the machine's %d cores", turns * 1000.0 * Runtime.getRuntime().availableProcessors()
                        / total, Runtime.getRuntime().availableProcessors()));
    }

    /** Runs customers in {@code concurrency} chats until {@code messages} turns are done. */
    private Phase phase(ChatOpener opener, int concurrency, int messages) throws Exception {
        return phase(opener, concurrency, messages, names, timeouts);
    }

    /**
     * Runs customers in {@code concurrency} chats until {@code messages} turns are done; {@code names} numbers the
     * customers, {@code timeouts} counts the turns left unanswered.
     */
    static Phase phase(ChatOpener opener, int concurrency, int messages, AtomicInteger names, AtomicInteger timeouts)
            throws Exception {
        AtomicInteger remaining = new AtomicInteger(messages);
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = CustomerThreads.CHATS;
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                while (remaining.get() > 0) {
                    Chat chat = opener.open("Customer " + names.incrementAndGet());
                    for (String line : SCRIPT) {
                        if (remaining.getAndDecrement() <= 0) {
                            return null;
                        }
                        try {
                            millis.add(chat.turn(line, POLL_MILLIS, TURN_TIMEOUT_MILLIS));
                        } catch (Chat.NoAnswerException e) {
                            // Counted at the timeout (it weighs on p99 as a late reply would); the chat is abandoned.
                            millis.add((double) TURN_TIMEOUT_MILLIS);
                            timeouts.incrementAndGet();
                            break;
                        }
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            workers.forEach(worker -> worker.cancel(true));
        }
        return new Phase(new ArrayList<>(millis), (System.nanoTime() - start) / 1e9);
    }

    record Phase(List<Double> millis, double seconds) {
    }

    @FunctionalInterface
    interface ChatOpener {
        Chat open(String name);
    }

    /** (a): a Flex webchat on the stack's address configuration, whose webhook is the stack's HTTP API. */
    private Chat queuedChat(String name) {
        return Chat.webchat(flex, info, name);
    }

    /** (b): the same kind of conversation, its webhook pointed at the direct bridge. */
    private Chat directChat(String name) {
        String identity = "direct-" + names.incrementAndGet();
        String attributes = "{\"customerIdentity\":\"" + identity + "\",\"pre_engagement_data\":{\"friendlyName\":\""
                + name + "\",\"bot\":\"OrderFlowers\"}}";
        String sid = flex.post("/conversations/v1/Conversations", FlexRest.form("Attributes", attributes))
                .path("sid").asText();
        flex.post("/conversations/v1/Conversations/" + sid + "/Participants", FlexRest.form("Identity", identity));
        flex.post("/conversations/v1/Conversations/" + sid + "/Webhooks", FlexRest.form("Target", "webhook",
                "Configuration.Url", directUrl, "Configuration.Method", "POST", "Configuration.Filters", "onMessageAdded"));
        return new Chat(flex, sid, identity);
    }

    /** (c): the hops no design avoids, timed directly: one RecognizeText, one message post as the bot. */
    private List<Double> floor(int concurrency, int messages) throws Exception {
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        try (LexRuntimeV2Client lex = LexRuntimeV2Client.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create(info.lexBaseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            ConversationsChatPlatform twilio = new ConversationsChatPlatform(
                    TwilioClient.create(credentials, TwilioApiAddress.of(info.flexBaseUrl())), "bot", directUrl,
                    new HandoffRouting(info.workspaceSid(), info.workflowSid(), "chat"));
            AtomicInteger remaining = new AtomicInteger(messages + 2 * concurrency);
            int warmup = 2 * concurrency;
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    String chatSid = flex.post("/conversations/v1/Conversations", FlexRest.form("FriendlyName", "floor"))
                            .path("sid").asText();
                    for (int i = 0; ; i++) {
                        int n = remaining.getAndDecrement();
                        if (n <= 0) {
                            return null;
                        }
                        String session = "floor-" + chatSid + "-" + (i / SCRIPT.size());
                        String text = SCRIPT.get(i % SCRIPT.size());
                        long start = System.nanoTime();
                        lex.recognizeText(r -> r.botId(bot.botId()).botAliasId(aliasId).localeId("en_US")
                                .sessionId(session).text(text));
                        twilio.postMessage(chatSid, "What type of flowers would you like to order?", "{}");
                        double ms = (System.nanoTime() - start) / 1e6;
                        if (n <= messages) {
                            millis.add(ms);
                        } else if (n > messages + warmup) {
                            throw new IllegalStateException("count");
                        }
                    }
                }));
            }
            try {
                for (Future<?> worker : workers) {
                    worker.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        return new ArrayList<>(millis);
    }

    static List<Double> sorted(List<Double> values) {
        List<Double> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** CPU time so far of this JVM (ElasticMQ, local Lex, local Flex, gateway, pollers) and of each handler JVM. */
    record CpuSample(Map<String, Double> millis) {
        /** This JVM's CPU time so far, and that of each named function's running JVMs. */
        static CpuSample now(Map<String, LambdaFunction> functions) {
            Map<String, Double> m = new LinkedHashMap<>();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            double customers = CustomerThreads.cpuMillis();
            m.put("local stack JVM (ElasticMQ, Lex, Flex, gateway, pollers, Runtime API)", os.getProcessCpuTime() / 1e6 - customers);
            m.put("the bench's customers (their chats and polling for replies)", customers);
            // After init only: init (and the priming in it) is what a SnapStart snapshot does once, at publish.
            functions.forEach((name, function) -> m.put(name, function.cpuMillisSinceInit()));
            return new CpuSample(m);
        }

        Map<String, Double> minus(CpuSample before) {
            Map<String, Double> d = new LinkedHashMap<>();
            millis.forEach((k, v) -> d.put(k, v - before.millis.getOrDefault(k, 0.0)));
            return d;
        }
    }
}
