package dev.flexlex.localstack.lambda;

import dev.flexlex.localstack.metrics.DurationSample;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one function's events to its instances the way Lambda does. An event goes to the instance that became idle
 * most recently (Lambda likewise reuses warm environments), so at low load one JVM serves, stays warm and compiles
 * its code, and the others wait; an instance counts as idle from the moment it answers, before its runtime asks for
 * the next event. While events wait and no instance is free, one more instance starts (one at a time) up to
 * {@link FunctionRuntime#maxInstances()}. An event that outlives the function's timeout (counted from when an
 * instance takes it, as Lambda counts it after init) fails with {@code Sandbox.Timedout} and its instance is stopped,
 * as Lambda does; an instance that dies fails its event with {@code Runtime.ExitError}.
 *
 * <p>All its state is guarded by its own lock ({@code this}); results are completed, and instances started or
 * killed, outside it.
 */
final class InvocationDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(InvocationDispatcher.class);

    /** An event an instance has taken: its function timeout runs from {@code takenNanos}. */
    record Taken(PendingInvocation event, HandlerInstance instance, long takenNanos, long deadlineEpochMillis) {
    }

    /** An instance waiting for an event; completed with its event, or with null when the function stops. */
    private record IdleInstance(HandlerInstance instance, CompletableFuture<PendingInvocation> handed) {
        IdleInstance(HandlerInstance instance) {
            this(instance, new CompletableFuture<>());
        }
    }

    private final FunctionRuntime runtime;
    private final InstanceLauncher launcher;
    /** Events no instance has taken yet, oldest first. */
    private final Deque<PendingInvocation> pending = new ArrayDeque<>();
    /** Instances waiting in {@code /next}, most recently idle first. */
    private final Deque<IdleInstance> idle = new ArrayDeque<>();
    /** Instances that answered and have not yet asked for the next event. */
    private final Map<HandlerInstance, IdleInstance> answered = new HashMap<>();
    /** Events taken and not yet answered, by request id. */
    private final Map<String, Taken> inFlight = new HashMap<>();
    private boolean launching;
    private boolean stopped;
    private double crashProbability;
    private Random crashDraws;
    /** Mean invocation duration so far (ms), the window a random crash falls in. */
    private double meanDurationMillis = 200;
    /** Thread-safe on their own. */
    private final DurationSample waits = new DurationSample();
    private final DurationSample durations = new DurationSample();

    InvocationDispatcher(FunctionRuntime runtime, InstanceLauncher launcher) {
        this.runtime = runtime;
        this.launcher = launcher;
    }

    /** Queues a JSON event for the next free instance; the future completes with its result. */
    CompletableFuture<InvokeResult> submit(String eventJson) {
        PendingInvocation invocation = new PendingInvocation(UUID.randomUUID().toString(), eventJson);
        synchronized (this) {
            if (stopped) {
                return CompletableFuture.completedFuture(InvokeResult.error("Function.Stopped", "{}"));
            }
            IdleInstance taker = idle.pollFirst();
            if (taker != null) {
                taker.handed.complete(invocation);
            } else {
                pending.addLast(invocation);
            }
        }
        scaleIfNeeded();
        return invocation.result;
    }

    /** Starts one more instance when events wait, none is free and none is starting. */
    private void scaleIfNeeded() {
        synchronized (this) {
            if (stopped || launching || pending.size() <= idle.size() || launcher.runningCount() >= runtime.maxInstances()) {
                return;
            }
            launching = true;
        }
        try {
            launcher.launch();
        } catch (RuntimeException e) {
            LOG.error("{} could not start another instance", runtime.functionName(), e);
            synchronized (this) {
                launching = false;
            }
        }
    }

    // --- called by the Runtime API ---

    /** The next event for {@code instance}, waiting as long as it takes (null when the function stops). */
    Taken next(HandlerInstance instance) throws InterruptedException {
        if (instance.markReady()) {
            LOG.info("{} ready", instance.name);
            synchronized (this) {
                launching = false;
            }
        }
        IdleInstance waiting;
        synchronized (this) {
            waiting = answered.remove(instance);
            if (waiting == null) {
                if (stopped) {
                    return null;
                }
                waiting = becomeIdle(instance);
            }
        }
        scaleIfNeeded();
        PendingInvocation invocation = await(waiting);
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
        return take(invocation, instance);
    }

    private PendingInvocation await(IdleInstance waiting) throws InterruptedException {
        while (true) {
            try {
                return waiting.handed.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (isStopped()) {
                    return null;
                }
            } catch (ExecutionException e) {
                return null;
            }
        }
    }

    private Taken take(PendingInvocation invocation, HandlerInstance instance) {
        long timeoutMillis = runtime.timeout().toMillis();
        Taken taken = new Taken(invocation, instance, System.nanoTime(), System.currentTimeMillis() + timeoutMillis);
        waits.addNanos(taken.takenNanos() - invocation.submittedNanos);
        long crashDelay = -1;
        synchronized (this) {
            inFlight.put(invocation.requestId, taken);
            if (crashProbability > 0 && crashDraws.nextDouble() < crashProbability) {
                crashDelay = (long) (crashDraws.nextDouble() * meanDurationMillis);
            }
        }
        CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS).execute(() -> {
            if (!invocation.result.isDone()) {
                timedOut(taken);
            }
        });
        if (crashDelay >= 0) {
            CompletableFuture.delayedExecutor(crashDelay, TimeUnit.MILLISECONDS).execute(() -> {
                if (!invocation.result.isDone()) {
                    launcher.crash(instance, "random");
                }
            });
        }
        return taken;
    }

    /** The instance's answer to event {@code requestId}; false when no instance holds that event. */
    boolean respond(String requestId, InvokeResult result) {
        Taken taken;
        long nanos;
        synchronized (this) {
            taken = inFlight.remove(requestId);
            if (taken == null) {
                return false;
            }
            idleFromNow(taken.instance());
            nanos = System.nanoTime() - taken.takenNanos();
            meanDurationMillis = 0.95 * meanDurationMillis + 0.05 * nanos / 1e6;
        }
        durations.addNanos(nanos);
        taken.event().result.complete(result);
        return true;
    }

    private void timedOut(Taken taken) {
        synchronized (this) {
            inFlight.remove(taken.event().requestId);
        }
        LOG.warn("{} requestId={} timed out after {} s", runtime.functionName(), taken.event().requestId,
                runtime.timeout().toSeconds());
        taken.instance().destroy();
        taken.event().result.complete(InvokeResult.error("Sandbox.Timedout",
                "{\"errorMessage\":\"Task timed out after " + runtime.timeout().toSeconds() + " seconds\"}"));
    }

    /** The instance that just answered is idle from now, before its runtime asks for the next event. Holding the lock. */
    private void idleFromNow(HandlerInstance instance) {
        if (stopped || !instance.process.isAlive() || answered.containsKey(instance)) {
            return;
        }
        answered.put(instance, becomeIdle(instance));
    }

    /** The instance takes the oldest waiting event, or goes first in line for the next one. Holding the lock. */
    private IdleInstance becomeIdle(HandlerInstance instance) {
        IdleInstance waiting = new IdleInstance(instance);
        PendingInvocation oldest = pending.pollFirst();
        if (oldest != null) {
            waiting.handed.complete(oldest);
        } else {
            idle.addFirst(waiting);
        }
        return waiting;
    }

    /** The launcher's news that an instance's JVM exited: its event fails, one handed to it goes to another. */
    void exited(HandlerInstance instance, boolean duringInit) {
        List<Taken> lost = new ArrayList<>();
        boolean stopping;
        synchronized (this) {
            idle.removeIf(waiting -> waiting.instance == instance);
            IdleInstance registered = answered.remove(instance);
            PendingInvocation handed = registered == null ? null : registered.handed.getNow(null);
            if (handed != null) {
                pending.addFirst(handed);
            }
            if (duringInit) {
                launching = false;
            }
            inFlight.values().removeIf(taken -> taken.instance() == instance && lost.add(taken));
            stopping = stopped;
        }
        int status = instance.process.exitValue();
        lost.forEach(taken -> taken.event().result.complete(InvokeResult.error("Runtime.ExitError",
                "{\"errorMessage\":\"Runtime exited with status " + status + "\"}")));
        if (!stopping) {
            LOG.warn("{} exited with status {}", instance.name, status);
            scaleIfNeeded();
        }
    }

    // --- faults, figures, shutdown ---

    /** See {@link LambdaFunction#crashRandomly}. */
    synchronized void crashRandomly(double probability, Random draws) {
        this.crashDraws = draws;
        this.crashProbability = probability;
    }

    /** An instance running an event now whose JVM is alive, or null. */
    synchronized HandlerInstance busyInstance() {
        return inFlight.values().stream().map(Taken::instance).filter(i -> i.process.isAlive()).findFirst().orElse(null);
    }

    synchronized int idleCount() {
        return idle.size();
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    DurationSample waits() {
        return waits;
    }

    DurationSample durations() {
        return durations;
    }

    /** Hands out no more events: instances waiting for one are told to stop, new events fail. */
    void stop() {
        List<IdleInstance> waiting;
        synchronized (this) {
            stopped = true;
            waiting = new ArrayList<>(idle);
            idle.clear();
        }
        waiting.forEach(i -> i.handed.complete(null));
    }

    /** Fails the events no instance took with {@code Function.Stopped}. */
    void failPending() {
        List<PendingInvocation> left;
        synchronized (this) {
            left = new ArrayList<>(pending);
            pending.clear();
        }
        left.forEach(i -> i.result.complete(InvokeResult.error("Function.Stopped", "{}")));
    }
}
