package dev.flexlex.localstack.lambda;

import dev.flexlex.localstack.Jetty;
import dev.flexlex.localstack.StackStartException;
import dev.flexlex.localstack.metrics.DurationSample;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lambda function run the way Lambda runs it: a Runtime API on 127.0.0.1 and a pool of JVMs, each running the
 * unmodified handler jar under Lambda's runtime interface client, which asks the API for the next event and posts
 * the response or error. One instance starts with the function; more start on demand (one at a time, while events
 * wait and no instance is free) up to {@link FunctionRuntime#maxInstances()}. An event that outlives the function's
 * timeout (counted from when an instance takes it, as Lambda counts it after init) fails with {@code Sandbox.Timedout}
 * and its instance is stopped, as Lambda does. Callers bound their own wait (the HTTP API's integration timeout).
 * An event goes to the instance that became idle most recently (Lambda likewise reuses warm environments), so at low
 * load one JVM serves, stays warm and compiles its code, and the others wait. An instance counts as idle from the
 * moment it answers, before its runtime asks for the next event.
 *
 * <p>Each instance gets its own path prefix in {@code AWS_LAMBDA_RUNTIME_API} ({@code 127.0.0.1:P/i3}), so the API
 * knows which instance holds which event.
 */
public final class LambdaFunction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaFunction.class);
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    /** How long a runtime may take to exit after SIGTERM before SIGKILL, as in Lambda's bounded shutdown phase. */
    static final Duration SHUTDOWN_GRACE = Duration.ofMillis(500);

    private final FunctionRuntime runtime;
    private final Server server;
    /** Events no instance has taken yet, oldest first; guarded by {@code this}. */
    private final Deque<PendingInvocation> pending = new ArrayDeque<>();
    /** Instances waiting in {@code /next}, most recently idle first; guarded by {@code this}. */
    private final Deque<IdleInstance> idleInstances = new ArrayDeque<>();
    /** Instances that answered and have not yet asked for the next event; guarded by {@code this}. */
    private final Map<HandlerInstance, IdleInstance> answered = new HashMap<>();
    final Map<String, PendingInvocation> inFlight = new ConcurrentHashMap<>();
    final Map<Integer, HandlerInstance> instances = new ConcurrentHashMap<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private volatile boolean launching;
    private volatile boolean closed;
    private volatile String initError;
    private volatile HandlerInstance first;
    private volatile double crashProbability;
    private volatile java.util.Random crashDraws;
    /** Mean invocation duration so far (ms), the window a random crash falls in; guarded by {@code this}. */
    private double meanDurationMillis = 200;
    private final Map<String, AtomicInteger> crashes = new ConcurrentHashMap<>();
    private final DurationSample waits = new DurationSample();
    private final DurationSample durations = new DurationSample();

    private LambdaFunction(FunctionRuntime runtime, int port) {
        this.runtime = runtime;
        this.server = Jetty.start("Lambda Runtime API of " + runtime.functionName(), port,
                runtime.maxInstances() + 8, new RuntimeApiHandler(this));
    }

    /** Starts the Runtime API on {@code port} and the first instance; {@link #awaitReady} waits for its init. */
    public static LambdaFunction start(FunctionRuntime runtime, int port) {
        LambdaFunction function = new LambdaFunction(runtime, port);
        try {
            function.launch();
        } catch (RuntimeException e) {
            function.close();
            throw e;
        }
        return function;
    }

    public String name() {
        return runtime.functionName();
    }

    public String arn() {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + runtime.functionName();
    }

    public int port() {
        return Jetty.port(server);
    }

    /** Instances waiting for an event now (started, init done, not busy). */
    public synchronized int idleInstanceCount() {
        return idleInstances.size();
    }

    /** The JVMs of the instances running now (for their CPU time, memory). */
    public List<ProcessHandle> processes() {
        return instances.values().stream().map(i -> i.process.toHandle()).toList();
    }

    /**
     * {@code lambda:crash=P}: each invocation, with probability P, kills its JVM (SIGKILL) at a moment drawn uniformly
     * from the function's mean invocation duration so far (so most crashes land inside the invocation; one drawn
     * past its end does nothing). As when Lambda loses an execution environment, the invocation fails with
     * {@code Runtime.ExitError} and the next event gets a new instance.
     */
    public void crashRandomly(double probability, java.util.Random draws) {
        this.crashDraws = draws;
        this.crashProbability = probability;
    }

    /** Kills (SIGKILL) the JVM of one invocation running now, if any: a crash in mid-invocation. */
    public boolean crashOneBusy(String reason) {
        HandlerInstance busy = inFlight.values().stream().map(i -> i.heldBy).filter(i -> i != null && i.process.isAlive())
                .findFirst().orElse(null);
        if (busy == null) {
            return false;
        }
        crash(busy, reason);
        return true;
    }

    /** The pid's JVM if it is an instance of this function, killed with SIGKILL; waits until it is gone. */
    public boolean kill(long pid, String reason) {
        HandlerInstance instance = instances.values().stream().filter(i -> i.process.pid() == pid).findFirst().orElse(null);
        if (instance == null) {
            return false;
        }
        crash(instance, reason);
        return true;
    }

    private void crash(HandlerInstance instance, String reason) {
        LOG.warn("{} crash fault {}: killing pid {} (SIGKILL)", instance.name, reason, instance.process.pid());
        crashes.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet();
        instance.process.destroyForcibly();
        try {
            instance.process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** JVMs killed by crash faults so far, by point ({@code random} for {@code lambda:crash=P}). */
    public Map<String, Integer> crashes() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        crashes.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    /** Whether {@code pid} is one of this function's instances running now. */
    public boolean runs(long pid) {
        return instances.values().stream().anyMatch(i -> i.process.pid() == pid);
    }

    /** Instances started since the function started (those that died or timed out included). */
    public int instancesStarted() {
        return numbers.get();
    }

    /** Instances running now. */
    public int instanceCount() {
        return instances.size();
    }

    /** How long events waited for an instance to take them (a cold start included, as in Lambda's latency). */
    public DurationSample invocationWaits() {
        return waits;
    }

    /** From an instance taking an event to its response or error: what Lambda reports as Duration. */
    public DurationSample invocationDurations() {
        return durations;
    }

    /** Waits until the first instance has run its init (the handler's constructor) and asked for an event. */
    public void awaitReady(Duration timeout) {
        try {
            first.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StackStartException(name() + " did not finish its init within " + timeout.toSeconds()
                    + " s; see " + logFile(first.number));
        } catch (ExecutionException e) {
            throw new StackStartException(name() + " failed its init: " + e.getCause().getMessage() + "; see "
                    + logFile(first.number), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted waiting for " + name());
        }
    }

    /** Invokes the function with a JSON event, as Lambda's {@code Invoke} (RequestResponse) would. */
    public CompletableFuture<InvokeResult> invoke(String eventJson) {
        if (closed) {
            return CompletableFuture.completedFuture(InvokeResult.error("Function.Stopped", "{}"));
        }
        PendingInvocation invocation = new PendingInvocation(UUID.randomUUID().toString(), eventJson);
        synchronized (this) {
            IdleInstance idle = idleInstances.pollFirst();
            if (idle != null) {
                idle.handed.complete(invocation);
            } else {
                pending.addLast(invocation);
            }
        }
        scaleIfNeeded();
        return invocation.result;
    }

    private void timedOut(PendingInvocation invocation) {
        synchronized (this) {
            pending.remove(invocation);
        }
        inFlight.remove(invocation.requestId);
        HandlerInstance holder = invocation.heldBy;
        LOG.warn("{} requestId={} timed out after {} s", name(), invocation.requestId, runtime.timeout().toSeconds());
        if (holder != null) {
            holder.destroy();
        }
        invocation.result.complete(InvokeResult.error("Sandbox.Timedout",
                "{\"errorMessage\":\"Task timed out after " + runtime.timeout().toSeconds() + " seconds\"}"));
    }

    /** Starts one more instance when events wait, none is free and none is starting. */
    void scaleIfNeeded() {
        synchronized (this) {
            if (closed || launching || pending.size() <= idleInstances.size()
                    || instances.size() >= runtime.maxInstances()) {
                return;
            }
            launching = true;
        }
        try {
            launch();
        } catch (RuntimeException e) {
            LOG.error("{} could not start another instance", name(), e);
            launching = false;
        }
    }

    private void launch() {
        int number = numbers.incrementAndGet();
        String instanceName = name() + "#" + number;
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
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
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + port() + "/i" + number);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", instanceName);
        Path log = logFile(number);
        try {
            Files.createDirectories(log.getParent());
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            HandlerInstance instance = new HandlerInstance(number, instanceName, builder.start());
            instances.put(number, instance);
            if (first == null) {
                first = instance;
            }
            instance.process.onExit().thenRun(() -> exited(instance));
            LOG.info("{} starting (pid {}), log {}", instanceName, instance.process.pid(), log);
        } catch (IOException e) {
            throw new StackStartException(instanceName + " could not start: " + e.getMessage(), e);
        }
    }

    private Path logFile(int number) {
        return runtime.logDir().resolve(name() + "-" + number + ".log");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void exited(HandlerInstance instance) {
        instances.remove(instance.number);
        synchronized (this) {
            idleInstances.removeIf(idle -> idle.instance == instance);
            IdleInstance registered = answered.remove(instance);
            PendingInvocation handed = registered == null ? null : registered.handed.getNow(null);
            if (handed != null) {
                pending.addFirst(handed);
            }
        }
        if (!instance.ready.isDone()) {
            launching = false;
            instance.ready.completeExceptionally(new IllegalStateException(
                    initError != null ? initError : "the JVM exited with status " + instance.process.exitValue()));
        }
        inFlight.values().stream().filter(i -> i.heldBy == instance).forEach(i -> {
            inFlight.remove(i.requestId);
            i.result.complete(InvokeResult.error("Runtime.ExitError",
                    "{\"errorMessage\":\"Runtime exited with status " + instance.process.exitValue() + "\"}"));
        });
        if (!closed) {
            LOG.warn("{} exited with status {}", instance.name, instance.process.exitValue());
            scaleIfNeeded();
        }
    }

    // --- called by the Runtime API ---

    /** The next event for {@code instance}, waiting as long as it takes (null when the function closes). */
    PendingInvocation next(HandlerInstance instance) throws InterruptedException {
        if (!instance.ready.isDone()) {
            instance.ready.complete(null);
            launching = false;
            LOG.info("{} ready", instance.name);
        }
        IdleInstance idle;
        synchronized (this) {
            idle = answered.remove(instance);
            if (idle == null) {
                if (closed) {
                    return null;
                }
                idle = becomeIdle(instance);
            }
        }
        scaleIfNeeded();
        PendingInvocation invocation;
        while (true) {
            try {
                invocation = idle.handed.get(1, TimeUnit.SECONDS);
                break;
            } catch (TimeoutException e) {
                if (closed) {
                    return null;
                }
            } catch (ExecutionException e) {
                return null;
            }
        }
        if (invocation == null) {
            return null;
        }
        if (!instance.process.isAlive()) {
            // Handed to an instance that died meanwhile: back to the front of the line for another one.
            synchronized (this) {
                pending.addFirst(invocation);
            }
            scaleIfNeeded();
            return null;
        }
        if (invocation.result.isDone()) {
            return next(instance);
        }
        long timeoutMillis = runtime.timeout().toMillis();
        invocation.deadlineEpochMillis = System.currentTimeMillis() + timeoutMillis;
        invocation.heldBy = instance;
        invocation.takenNanos = System.nanoTime();
        waits.addNanos(invocation.takenNanos - invocation.submittedNanos);
        inFlight.put(invocation.requestId, invocation);
        PendingInvocation taken = invocation;
        CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS).execute(() -> {
            if (!taken.result.isDone()) {
                timedOut(taken);
            }
        });
        java.util.Random draws = crashDraws;
        if (crashProbability > 0 && draws.nextDouble() < crashProbability) {
            long delay;
            synchronized (this) {
                delay = (long) (draws.nextDouble() * meanDurationMillis);
            }
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> {
                if (!taken.result.isDone() && taken.heldBy == instance) {
                    crash(instance, "random");
                }
            });
        }
        return invocation;
    }

    /** The instance that just answered is idle from now, before its runtime asks for the next event. */
    private synchronized void idleFromNow(HandlerInstance instance) {
        if (closed || instance == null || !instance.process.isAlive() || answered.containsKey(instance)) {
            return;
        }
        answered.put(instance, becomeIdle(instance));
    }

    /** The instance takes the oldest waiting event, or goes first in line for the next one. Called holding the lock. */
    private IdleInstance becomeIdle(HandlerInstance instance) {
        IdleInstance idle = new IdleInstance(instance);
        PendingInvocation oldest = pending.pollFirst();
        if (oldest != null) {
            idle.handed.complete(oldest);
        } else {
            idleInstances.addFirst(idle);
        }
        return idle;
    }

    /** An instance waiting in {@code /next}; completed with its event, or with null when the function closes. */
    private record IdleInstance(HandlerInstance instance, CompletableFuture<PendingInvocation> handed) {
        IdleInstance(HandlerInstance instance) {
            this(instance, new CompletableFuture<>());
        }
    }

    void respond(String requestId, InvokeResult result) {
        PendingInvocation invocation = inFlight.remove(requestId);
        if (invocation != null) {
            idleFromNow(invocation.heldBy);
            long nanos = System.nanoTime() - invocation.takenNanos;
            durations.addNanos(nanos);
            synchronized (this) {
                meanDurationMillis = 0.95 * meanDurationMillis + 0.05 * nanos / 1e6;
            }
            invocation.result.complete(result);
        }
    }

    void initFailed(HandlerInstance instance, String error) {
        initError = error;
        LOG.error("{} init error: {}", instance.name, error);
        instance.ready.completeExceptionally(new IllegalStateException(error));
    }

    /** Stops taking events and signals every instance to stop, without waiting (the stack calls it on all first). */
    public void beginShutdown() {
        closed = true;
        synchronized (this) {
            idleInstances.forEach(idle -> idle.handed.complete(null));
            idleInstances.clear();
        }
        instances.values().forEach(HandlerInstance::destroy);
    }

    /**
     * Stops every instance as Lambda's shutdown phase does: SIGTERM, and SIGKILL for those still running
     * {@link #SHUTDOWN_GRACE} later (Lambda bounds the phase, 300-500 ms for the runtime when extensions run).
     */
    @Override
    public void close() {
        beginShutdown();
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        for (HandlerInstance instance : List.copyOf(instances.values())) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !instance.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    instance.process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            pending.forEach(i -> i.result.complete(InvokeResult.error("Function.Stopped", "{}")));
            pending.clear();
        }
        Jetty.stopQuietly(server);
    }
}
