package dev.flexlex.localstack.lambda;

import dev.flexlex.localstack.StackStartException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the JVMs of one function's instances: each runs the unmodified handler jar under Lambda's runtime
 * interface client with the function's environment (and nothing of ours), its output appended to its own log file.
 * A crash fault kills one with SIGKILL. Which instance gets which event is the {@link InvocationDispatcher}'s job.
 *
 * <p>Thread-safe through concurrent collections alone: it holds no lock, and no action spans two of its fields.
 */
final class InstanceLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceLauncher.class);
    /**
     * The JIT flags Lambda gives a Java 17/21 function by default (C1 only; "Customize Java runtime startup behavior",
     * https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html). They go first in the JVM's
     * {@code JAVA_TOOL_OPTIONS}, so a function's own {@code JAVA_TOOL_OPTIONS} (its template variable) overrides them,
     * as Lambda lets it do: of two values of one flag, the JVM keeps the last.
     */
    static final String LAMBDA_DEFAULT_JIT_FLAGS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    /** Told when an instance's JVM has exited, after it left the running instances. */
    interface ExitListener {
        /** {@code duringInit}: the JVM exited before its init finished or failed. */
        void exited(HandlerInstance instance, boolean duringInit);
    }

    private final FunctionRuntime runtime;
    private final Supplier<String> runtimeApi;
    private final ExitListener listener;
    private final Map<Integer, HandlerInstance> running = new ConcurrentHashMap<>();
    private final AtomicInteger started = new AtomicInteger();
    private final Map<String, AtomicInteger> crashes = new ConcurrentHashMap<>();

    /** {@code runtimeApi}: the Runtime API's host and port, read at each start. */
    InstanceLauncher(FunctionRuntime runtime, Supplier<String> runtimeApi, ExitListener listener) {
        this.runtime = runtime;
        this.runtimeApi = runtimeApi;
        this.listener = listener;
    }

    /**
     * Starts one more instance. Its {@code AWS_LAMBDA_RUNTIME_API} carries its own path prefix
     * ({@code 127.0.0.1:P/i3}), so the Runtime API knows which instance asks.
     */
    HandlerInstance launch() {
        int number = started.incrementAndGet();
        String instanceName = runtime.functionName() + "#" + number;
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:+UseSerialGC", "-Xshare:auto",
                "-Xmx" + Math.max(128, runtime.memorySize() * 85 / 100) + "m",
                "-D" + RuntimeInterfaceClient.PROPERTY + "=" + runtime.jniLibrary(),
                "-cp", String.join(File.pathSeparator, runtime.classpath().stream().map(Path::toString).toList()),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", runtime.handler()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        if (path != null) {
            env.put("PATH", path);
        }
        env.putAll(runtime.environment());
        env.put("JAVA_TOOL_OPTIONS", javaToolOptions(runtime.environment().get("JAVA_TOOL_OPTIONS")));
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.get() + "/i" + number);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", instanceName);
        Path log = logFile(number);
        try {
            Files.createDirectories(log.getParent());
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            HandlerInstance instance = new HandlerInstance(number, instanceName, builder.start());
            running.put(number, instance);
            instance.process.onExit().thenRun(() -> exited(instance));
            LOG.info("{} starting (pid {}), log {}", instanceName, instance.process.pid(), log);
            return instance;
        } catch (IOException e) {
            throw new StackStartException(instanceName + " could not start: " + e.getMessage(), e);
        }
    }

    /** Lambda's default JIT flags, then the function's own {@code JAVA_TOOL_OPTIONS} (null: none), which win. */
    static String javaToolOptions(String functionOptions) {
        return functionOptions == null || functionOptions.isBlank() ? LAMBDA_DEFAULT_JIT_FLAGS
                : LAMBDA_DEFAULT_JIT_FLAGS + " " + functionOptions.strip();
    }

    private void exited(HandlerInstance instance) {
        running.remove(instance.number);
        boolean duringInit = !instance.ready.isDone();
        if (duringInit) {
            instance.ready.completeExceptionally(new IllegalStateException(
                    "the JVM exited with status " + instance.process.exitValue()));
        }
        listener.exited(instance, duringInit);
    }

    /** The runtime's {@code /init/error}: the instance's init failed with {@code error}. */
    void initFailed(HandlerInstance instance, String error) {
        LOG.error("{} init error: {}", instance.name, error);
        instance.ready.completeExceptionally(new IllegalStateException(error));
    }

    Path logFile(int number) {
        return runtime.logDir().resolve(runtime.functionName() + "-" + number + ".log");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The running instance with this number (its Runtime API path prefix), or null. */
    HandlerInstance instance(int number) {
        return running.get(number);
    }

    /** Instances running now. */
    int runningCount() {
        return running.size();
    }

    /** Instances started so far (those that died or timed out included). */
    int startedCount() {
        return started.get();
    }

    List<ProcessHandle> processes() {
        return running.values().stream().map(i -> i.process.toHandle()).toList();
    }

    long cpuNanosSinceInit() {
        return running.values().stream().mapToLong(HandlerInstance::cpuNanosSinceInit).sum();
    }

    boolean runs(long pid) {
        return running.values().stream().anyMatch(i -> i.process.pid() == pid);
    }

    /** The pid's JVM if it is one of these instances, killed with SIGKILL; waits until it is gone. */
    boolean kill(long pid, String reason) {
        HandlerInstance instance = running.values().stream().filter(i -> i.process.pid() == pid).findFirst().orElse(null);
        if (instance == null) {
            return false;
        }
        crash(instance, reason);
        return true;
    }

    /** Kills the instance's JVM (SIGKILL), counted under {@code reason}; waits until it is gone. */
    void crash(HandlerInstance instance, String reason) {
        LOG.warn("{} crash fault {}: killing pid {} (SIGKILL)", instance.name, reason, instance.process.pid());
        crashes.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet();
        instance.process.destroyForcibly();
        try {
            instance.process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** JVMs killed by crash faults so far, by reason. */
    Map<String, Integer> crashes() {
        Map<String, Integer> counts = new TreeMap<>();
        crashes.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    /** Signals every running instance to stop (SIGTERM), without waiting. */
    void signalAll() {
        running.values().forEach(HandlerInstance::destroy);
    }

    /** Waits up to {@code grace} in all for the instances to exit, then kills (SIGKILL) those still running. */
    void stopAll(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (HandlerInstance instance : List.copyOf(running.values())) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !instance.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    instance.process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
