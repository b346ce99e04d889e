package dev.flexlex.localstack.lambda;

import dev.flexlex.localstack.Jetty;
import dev.flexlex.localstack.StackStartException;
import dev.flexlex.localstack.metrics.DurationSample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Server;

/**
 * One Lambda function run the way Lambda runs it: a Runtime API on 127.0.0.1 ({@link RuntimeApiHandler}) and a pool
 * of JVMs, each running the unmodified handler jar under Lambda's runtime interface client, which asks the API for
 * the next event and posts the response or error. {@link InstanceLauncher} starts and stops the JVMs;
 * {@link InvocationDispatcher} hands the events to them, scales the pool and times events out. One instance starts
 * with the function; callers bound their own wait (the HTTP API's integration timeout).
 */
public final class LambdaFunction implements FunctionInvoker, AutoCloseable {
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    /** How long a runtime may take to exit after SIGTERM before SIGKILL, as in Lambda's bounded shutdown phase. */
    static final Duration SHUTDOWN_GRACE = Duration.ofMillis(500);

    private final FunctionRuntime runtime;
    private final InstanceLauncher launcher;
    private final InvocationDispatcher dispatcher;
    private final Server server;
    private final HandlerInstance first;
    private final java.util.List<InvocationListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private LambdaFunction(FunctionRuntime runtime, int port) {
        this.runtime = runtime;
        this.launcher = new InstanceLauncher(runtime, () -> "127.0.0.1:" + port(),
                (instance, duringInit) -> dispatcher().exited(instance, duringInit));
        this.dispatcher = new InvocationDispatcher(runtime, launcher);
        this.server = Jetty.start("Lambda Runtime API of " + runtime.functionName(), port,
                runtime.maxInstances() + 8, new RuntimeApiHandler(launcher, dispatcher, arn()));
        try {
            this.first = launcher.launch();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The dispatcher, for the launcher's exit listener (built before the dispatcher, told only after both exist). */
    private InvocationDispatcher dispatcher() {
        return dispatcher;
    }

    /** Starts the Runtime API on {@code port} and the first instance; {@link #awaitReady} waits for its init. */
    public static LambdaFunction start(FunctionRuntime runtime, int port) {
        return new LambdaFunction(runtime, port);
    }

    @Override
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
    public int idleInstanceCount() {
        return dispatcher.idleCount();
    }

    /**
     * CPU time the running instances' JVMs spent after their init, in milliseconds: what serving invocations cost
     * (with their JIT compiling and garbage collection), without the init a SnapStart snapshot would have done once.
     */
    public double cpuMillisSinceInit() {
        return launcher.cpuNanosSinceInit() / 1e6;
    }

    /** The JVMs of the instances running now (for their CPU time, memory). */
    public List<ProcessHandle> processes() {
        return launcher.processes();
    }

    /**
     * {@code lambda:crash=P}: each invocation, with probability P, kills its JVM (SIGKILL) at a moment drawn uniformly
     * from the function's mean invocation duration so far (so most crashes land inside the invocation; one drawn
     * past its end does nothing). As when Lambda loses an execution environment, the invocation fails with
     * {@code Runtime.ExitError} and the next event gets a new instance.
     */
    public void crashRandomly(double probability, Random draws) {
        dispatcher.crashRandomly(probability, draws);
    }

    /** Kills (SIGKILL) the JVM of one invocation running now, if any: a crash in mid-invocation. */
    public boolean crashOneBusy(String reason) {
        HandlerInstance busy = dispatcher.busyInstance();
        if (busy == null) {
            return false;
        }
        launcher.crash(busy, reason);
        return true;
    }

    /** The pid's JVM if it is an instance of this function, killed with SIGKILL; waits until it is gone. */
    public boolean kill(long pid, String reason) {
        return launcher.kill(pid, reason);
    }

    /** JVMs killed by crash faults so far, by point ({@code random} for {@code lambda:crash=P}). */
    public Map<String, Integer> crashes() {
        return launcher.crashes();
    }

    /** Whether {@code pid} is one of this function's instances running now. */
    public boolean runs(long pid) {
        return launcher.runs(pid);
    }

    /** Instances started since the function started (those that died or timed out included). */
    public int instancesStarted() {
        return launcher.startedCount();
    }

    /** Instances running now. */
    public int instanceCount() {
        return launcher.runningCount();
    }

    /** How long events waited for an instance to take them (a cold start included, as in Lambda's latency). */
    public DurationSample invocationWaits() {
        return dispatcher.waits();
    }

    /** From an instance taking an event to its response or error: what Lambda reports as Duration. */
    public DurationSample invocationDurations() {
        return dispatcher.durations();
    }

    /** {@code listener} hears of every invocation's end from now on (the operations page counts the failed ones). */
    public void addInvocationListener(InvocationListener listener) {
        listeners.add(listener);
    }

    /** Waits until the first instance has run its init (the handler's constructor) and asked for an event. */
    public void awaitReady(Duration timeout) {
        try {
            first.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StackStartException(name() + " did not finish its init within " + timeout.toSeconds()
                    + " s; see " + launcher.logFile(first.number));
        } catch (ExecutionException e) {
            throw new StackStartException(name() + " failed its init: " + e.getCause().getMessage() + "; see "
                    + launcher.logFile(first.number), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted waiting for " + name());
        }
    }

    /** Invokes the function with a JSON event, as Lambda's {@code Invoke} (RequestResponse) would. */
    @Override
    public CompletableFuture<InvokeResult> invoke(String eventJson) {
        CompletableFuture<InvokeResult> result = dispatcher.submit(eventJson);
        result.thenAccept(r -> listeners.forEach(l -> l.ended(name(), r)));
        return result;
    }

    /** Stops taking events and signals every instance to stop, without waiting (the stack calls it on all first). */
    public void beginShutdown() {
        dispatcher.stop();
        launcher.signalAll();
    }

    /**
     * Stops every instance as Lambda's shutdown phase does: SIGTERM, and SIGKILL for those still running
     * {@link #SHUTDOWN_GRACE} later (Lambda bounds the phase, 300-500 ms for the runtime when extensions run).
     */
    @Override
    public void close() {
        beginShutdown();
        launcher.stopAll(SHUTDOWN_GRACE);
        dispatcher.failPending();
        Jetty.stopQuietly(server);
    }
}
