package dev.flexlex.bench.cold;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.bench.Events;
import dev.flexlex.bench.Results;
import dev.flexlex.bench.StandIns;
import dev.flexlex.localstack.LocalStack;
import dev.flexlex.localstack.lambda.FunctionRuntime;
import dev.flexlex.localstack.lambda.InvokeResult;
import dev.flexlex.localstack.lambda.LambdaFunction;
import dev.flexlex.localstack.lambda.RuntimeInterfaceClient;
import dev.flexlex.model.Json;
import dev.flexlex.priming.Priming;
import dev.flexlex.twilio.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Sections 2 and 5: each shaded handler jar (and a hello-world jar) started in a fresh JVM by the local stack's
 * Lambda launcher ({@link LambdaFunction}: {@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1}, the jar alone plus
 * the runtime interface client on the class path) and fed an {@code events/} input, clients pointed at the local
 * stand-ins. Reports time to the first response (init + first invocation), the second invocation, what the
 * handlers' priming saves (the first invocation again in a JVM started with {@code PRIME_AT_INIT=true}, which runs
 * the priming a SnapStart snapshot gets before the runtime's first /next), jar size, loaded classes, and after 1000
 * invocations the JVM's heap and RSS against the template's MemorySize.
 */
public final class ColdStartSection {
    public static final String SECTION = "2. Cold start (fresh JVM, the template's JVM flags, local stand-ins)";
    public static final String MEMORY = "5. Memory after 1000 invocations";
    public static final String HELLO = "HelloWorld";
    static final List<String> FUNCTIONS = Stream.concat(Stream.of(HELLO), LocalStack.FUNCTIONS.stream()).toList();
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(120);

    private final Path project;
    private final StandIns standIns;
    private final Path work;
    private final List<Path> runtimeJars;
    private final Path jniLibrary;
    private final Map<String, IntFunction<String>> events = new HashMap<>();
    private final Map<String, Path> jars = new HashMap<>();

    private ColdStartSection(Path project, StandIns standIns) throws IOException {
        this.project = project;
        this.standIns = standIns;
        this.work = project.resolve("bench").resolve("target").resolve("cold-start");
        Files.createDirectories(work);
        try (Stream<Path> files = Files.list(project.resolve("local-stack").resolve("target").resolve("lambda-runtime"))) {
            runtimeJars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        jniLibrary = RuntimeInterfaceClient.unpackJni(runtimeJars, work.resolve("lambda-runtime-jni"));
        // Copies: a build running meanwhile rewrites the jars in target/, which crashes a JVM that maps them.
        Path copies = Files.createDirectories(work.resolve("jars"));
        for (String fn : FUNCTIONS.subList(1, FUNCTIONS.size())) {
            Path jar = project.resolve(standIns.template().function(fn).codeUri());
            jars.put(fn, Files.copy(jar, copies.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING));
        }
        String conversation = standIns.createConversation();
        String webhook = resignedWebhook(conversation);
        String turns = Events.text("sqs-bot-turns.json");
        String replies = Events.text("sqs-bot-replies.json").replace("CH00000000000000000000000000000001", conversation);
        // Invocation 0 is the sample as it is; others get fresh message SIDs, so no turn is "already done".
        events.put(HELLO, i -> webhook);
        events.put(LocalStack.INBOUND, i -> webhook);
        events.put(LocalStack.PROCESS, i -> i == 0 ? turns : turns.replace("IM0000000000", String.format("IM%010d", i)));
        events.put(LocalStack.OUTBOUND, i -> i == 0 ? replies : replies.replace("IM0000000000", String.format("IM%010d", i)));
    }

    public static void run(Results results, int reps, int invocations) throws Exception {
        Path project = Events.projectDir();
        try (StandIns standIns = new StandIns(project)) {
            new ColdStartSection(project, standIns).measure(results, reps, invocations);
        }
    }

    /**
     * For the flags section: per function (hello-world first), the medians of {@code reps} JVMs started with
     * {@code env} over the function's own environment: {cold start, init, first invocation, second invocation}.
     * Hello-world gets {@code env}'s {@code JAVA_TOOL_OPTIONS} only (it has no priming).
     */
    public static Map<String, double[]> coldStarts(Map<String, String> env, String label, int reps) throws Exception {
        Path project = Events.projectDir();
        try (StandIns standIns = new StandIns(project)) {
            ColdStartSection section = new ColdStartSection(project, standIns);
            Map<String, double[]> medians = new LinkedHashMap<>();
            for (String fn : FUNCTIONS) {
                // Hello-world: the variant's flags only, over the template's (it has no priming).
                Map<String, String> own = fn.equals(HELLO) ? env.entrySet().stream()
                        .filter(e -> e.getKey().equals("JAVA_TOOL_OPTIONS"))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)) : env;
                List<double[]> samples = new ArrayList<>();
                for (int rep = 0; rep < reps; rep++) {
                    samples.add(section.coldStart(fn, rep, own, " " + label, 500 + 10 * rep));
                }
                medians.put(fn, new double[] {median(samples, 0), median(samples, 1), median(samples, 2),
                        median(samples, 3)});
            }
            return medians;
        }
    }

    private void measure(Results results, int reps, int invocations) throws Exception {
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        Map<String, List<double[]>> primed = new LinkedHashMap<>();
        for (int rep = 0; rep < reps; rep++) {
            for (String fn : FUNCTIONS) {
                samples.computeIfAbsent(fn, k -> new ArrayList<>()).add(coldStart(fn, rep, false));
                if (!fn.equals(HELLO)) {
                    primed.computeIfAbsent(fn, k -> new ArrayList<>()).add(coldStart(fn, rep, true));
                }
            }
        }
        double hello = median(samples.get(HELLO), 0);
        Map<String, Double> cold = new HashMap<>();
        for (String fn : FUNCTIONS) {
            List<double[]> s = samples.get(fn);
            cold.put(fn, median(s, 0));
            String how = "median of " + reps + ", JVM start to first response";
            results.add(SECTION, fn + " cold start", cold.get(fn), "ms", how);
            results.add(SECTION, fn + "  of which init", median(s, 1), "ms", "JVM start to the runtime's first /next");
            results.add(SECTION, fn + "  first invocation", median(s, 2), "ms", "after init");
            results.add(SECTION, fn + "  second invocation", median(s, 3), "ms", "a warm invocation, for reference");
            if (!fn.equals(HELLO)) {
                results.add(SECTION, fn + " cold start / hello-world", cold.get(fn) / hello, "x", "same run");
                List<double[]> p = primed.get(fn);
                results.add(SECTION, fn + "  first invocation, primed at init", median(p, 2), "ms", String.format(
                        Locale.ROOT, "%s=true (the priming a SnapStart snapshot gets); init then %.0f ms",
                        Priming.PRIME_AT_INIT, median(p, 1)));
                results.add(SECTION, fn + "  priming saves", median(s, 2) - median(p, 2), "ms",
                        "first invocation without minus with priming, medians");
            }
            results.add(SECTION, fn + " jar size", Files.size(jar(fn)) / 1024.0, "KiB", jar(fn).getFileName().toString());
        }
        for (String fn : FUNCTIONS) {
            classesAndMemory(results, fn, invocations);
        }
        for (String fn : FUNCTIONS.subList(1, FUNCTIONS.size())) {
            appCds(results, fn, cold, hello);
        }
    }

    /**
     * What-if: the same cold start with an AppCDS archive of the classes the first response loaded (a class list
     * written by {@code -XX:DumpLoadedClassList} on a first run, dumped with {@code -Xshare:dump}), passed with
     * {@code JAVA_TOOL_OPTIONS}, which Lambda lets a function set.
     */
    private void appCds(Results results, String fn, Map<String, Double> cold, double hello) throws Exception {
        Path list = work.resolve(fn + ".classlist");
        Path archive = work.resolve(fn + ".jsa");
        Files.deleteIfExists(list);
        Files.deleteIfExists(archive);
        try (LambdaFunction function = LambdaFunction.start(runtime(fn,
                Map.of("JAVA_TOOL_OPTIONS", "-XX:DumpLoadedClassList=" + list)), 0)) {
            function.awaitReady(INIT_TIMEOUT);
            check(fn, function.invoke(events.get(fn).apply(0)).get(60, TimeUnit.SECONDS));
            check(fn, function.invoke(events.get(fn).apply(1)).get(60, TimeUnit.SECONDS));
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:dump",
                "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive, "-cp", classpath(fn));
        Process dump = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(fn + ".cds-dump.log").toFile()).start();
        if (!dump.waitFor(180, TimeUnit.SECONDS) || dump.exitValue() != 0 || !Files.isRegularFile(archive)) {
            dump.destroyForcibly();
            results.note("AppCDS archive of " + fn + " could not be dumped; see bench/target/cold-start/" + fn + ".cds-dump.log");
            return;
        }
        List<double[]> samples = new ArrayList<>();
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            try (LambdaFunction function = LambdaFunction.start(runtime(fn,
                    Map.of("JAVA_TOOL_OPTIONS", "-XX:SharedArchiveFile=" + archive)), 0)) {
                function.awaitReady(INIT_TIMEOUT);
                check(fn, function.invoke(events.get(fn).apply(0)).get(60, TimeUnit.SECONDS));
                samples.add(new double[] {ms(System.nanoTime() - t0)});
            }
        }
        double withCds = median(samples, 0);
        results.add(SECTION, fn + " cold start with AppCDS (what-if)", withCds, "ms", String.format(Locale.ROOT,
                "median of 3; %.2fx hello-world; without: %.0f ms; archive %.0f MB", withCds / hello, cold.get(fn),
                Files.size(archive) / 1048576.0));
    }

    private String classpath(String fn) {
        List<String> entries = new ArrayList<>();
        entries.add(jar(fn).toString());
        runtimeJars.forEach(j -> entries.add(j.toString()));
        return String.join(java.io.File.pathSeparator, entries);
    }

    /**
     * One JVM: init, a first invocation with a turn never seen before (fresh message SIDs), a second one.
     *
     * @param primeAtInit start it with {@code PRIME_AT_INIT=true}
     * @return {cold ms, init ms, first invocation ms, second invocation ms}
     */
    private double[] coldStart(String fn, int rep, boolean primeAtInit) throws Exception {
        return coldStart(fn, rep, primeAtInit ? Map.of(Priming.PRIME_AT_INIT, "true") : Map.of(),
                primeAtInit ? " primed at init" : "", (primeAtInit ? 300 : 100) + rep);
    }

    /** As above, the JVM started with {@code env} over the function's own; {@code first0} numbers its first turn. */
    private double[] coldStart(String fn, int rep, Map<String, String> env, String label, int first0) throws Exception {
        long t0 = System.nanoTime();
        try (LambdaFunction function = LambdaFunction.start(runtime(fn, env), 0)) {
            function.awaitReady(INIT_TIMEOUT);
            long ready = System.nanoTime();
            check(fn, function.invoke(events.get(fn).apply(first0)).get(60, TimeUnit.SECONDS));
            long first = System.nanoTime();
            check(fn, function.invoke(events.get(fn).apply(first0 + 100)).get(60, TimeUnit.SECONDS));
            long second = System.nanoTime();
            double[] r = {ms(first - t0), ms(ready - t0), ms(first - ready), ms(second - first)};
            System.out.printf(Locale.ROOT, "  %s rep %d%s: cold %.0f ms (init %.0f, first %.1f, second %.1f)%n", fn,
                    rep + 1, label, r[0], r[1], r[2], r[3]);
            return r;
        }
    }

    private void classesAndMemory(Results results, String fn, int invocations) throws Exception {
        Path classLog = work.resolve(fn + "-classes.log");
        Files.deleteIfExists(classLog);
        Map<String, String> extra = Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog);
        try (LambdaFunction function = LambdaFunction.start(runtime(fn, extra), 0)) {
            function.awaitReady(INIT_TIMEOUT);
            check(fn, function.invoke(events.get(fn).apply(0)).get(60, TimeUnit.SECONDS));
            List<String> lines = Files.readAllLines(classLog);
            long fromJar = lines.stream().filter(l -> l.contains(jar(fn).getFileName().toString())).count();
            results.add(SECTION, fn + " classes loaded", lines.size(), "classes",
                    "-Xlog:class+load up to the first response; " + fromJar + " from the function's jar");
            for (int i = 1; i <= invocations; i++) {
                check(fn, function.invoke(events.get(fn).apply(1000 + i)).get(60, TimeUnit.SECONDS));
            }
            long pid = pidOf(fn);
            int memorySize = memorySize(fn);
            double rss = rssMb(pid);
            double heap = heapUsedMb(pid);
            results.add(MEMORY, fn + " RSS", rss, "MB", "after " + invocations + " invocations; MemorySize "
                    + memorySize + " MB -> " + String.format(Locale.ROOT, "%.0f%%", 100 * rss / memorySize));
            results.add(MEMORY, fn + " heap used", heap, "MB", "jcmd GC.heap_info (Serial GC, -Xmx 85% of MemorySize)");
        }
    }

    private FunctionRuntime runtime(String fn, Map<String, String> extraEnv) {
        List<Path> classpath = new ArrayList<>();
        classpath.add(jar(fn));
        classpath.addAll(runtimeJars);
        // Hello-world runs with the JIT flags the template gives the functions, so the ratio compares like with like.
        Map<String, String> env = new HashMap<>(fn.equals(HELLO) ? helloEnvironment() : standIns.environment(fn));
        extraEnv.forEach((name, value) -> env.merge(name, value,
                (own, extra) -> name.equals("JAVA_TOOL_OPTIONS") ? own + " " + extra : extra));
        String handler = fn.equals(HELLO) ? HelloHandler.class.getName() + "::handleRequest"
                : standIns.template().function(fn).handler();
        return new FunctionRuntime(fn, handler, classpath, env, memorySize(fn), Duration.ofSeconds(60), 1,
                work.resolve("logs"), jniLibrary);
    }

    private Map<String, String> helloEnvironment() {
        String flags = standIns.template().function(LocalStack.INBOUND).plainEnvironment().get("JAVA_TOOL_OPTIONS");
        return flags == null ? Map.of() : Map.of("JAVA_TOOL_OPTIONS", flags);
    }

    private int memorySize(String fn) {
        return fn.equals(HELLO) ? 1024 : standIns.template().function(fn).memorySize();
    }

    private Path jar(String fn) {
        if (fn.equals(HELLO)) {
            return helloJar();
        }
        return jars.get(fn);
    }

    /** The hello-world handler alone in a jar, as small as a Lambda jar gets. */
    private Path helloJar() {
        Path jar = work.resolve("hello-world.jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        String entry = HelloHandler.class.getName().replace('.', '/') + ".class";
        try (InputStream in = HelloHandler.class.getClassLoader().getResourceAsStream(entry);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
        return jar;
    }

    private static void check(String fn, InvokeResult result) {
        if (!result.ok()) {
            throw new IllegalStateException(fn + " failed: " + result.errorType() + " " + result.payload());
        }
        if (result.payload().contains("\"statusCode\"") && !result.payload().contains("\"statusCode\":200")) {
            throw new IllegalStateException(fn + " answered " + result.payload());
        }
        if (result.payload().contains("\"itemIdentifier\"")) {
            throw new IllegalStateException(fn + " reported failed records: " + result.payload());
        }
    }

    /** The sample webhook re-signed for a conversation that exists on the local Flex (same URL, same test token). */
    private static String resignedWebhook(String conversationSid) {
        ObjectNode event = (ObjectNode) Events.tree("webhook-conversations.json");
        String body = new String(java.util.Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8)
                .replace("CH00000000000000000000000000000001", conversationSid);
        String url = StandIns.WEBHOOK_URL;
        event.put("body", java.util.Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        ((ObjectNode) event.path("headers")).put("x-twilio-signature", sign(url, body));
        return event.toString();
    }

    /** Twilio's X-Twilio-Signature of a form body under the stand-ins' token. */
    static String sign(String url, String formBody) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : formBody.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return WebhookSignature.of(StandIns.AUTH_TOKEN, url, params);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static long pidOf(String fn) {
        String handler = fn.equals(HELLO) ? HelloHandler.class.getName() : fn;
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains(fn.equals(HELLO) ? handler : "AWSLambda"))
                .filter(ProcessHandle::isAlive)
                .mapToLong(ProcessHandle::pid).max()
                .orElseThrow(() -> new IllegalStateException("no JVM of " + fn + " found"));
    }

    static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** Sum of the "used" figures of {@code jcmd <pid> GC.heap_info} (young + old generation). */
    static double heapUsedMb(long pid) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        double kb = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("generation\\s+total \\d+K, used (\\d+)K").matcher(out);
        boolean found = false;
        while (m.find()) {
            kb += Long.parseLong(m.group(1));
            found = true;
        }
        return found ? kb / 1024 : Double.NaN;
    }

    private static double median(List<double[]> samples, int index) {
        double[] values = samples.stream().mapToDouble(s -> s[index]).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
