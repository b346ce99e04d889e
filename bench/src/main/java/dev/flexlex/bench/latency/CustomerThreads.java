package dev.flexlex.bench.latency;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bench's customers run on these threads (their turns and their HTTP client), which never end, so their CPU time
 * can be told apart from the local stack's in the one JVM both run in: the stack's own cost is what the stand-ins,
 * pollers and gateway spend, not what the customers spend asking for their replies.
 */
final class CustomerThreads {
    private static final List<Thread> THREADS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static final ThreadFactory FACTORY = work -> {
        Thread t = new Thread(work, "customer-" + NUMBER.incrementAndGet());
        t.setDaemon(true);
        THREADS.add(t);
        return t;
    };
    /** Customers' chats: at most 64 at once (the bench's highest concurrency is 40). */
    static final ExecutorService CHATS = Executors.newFixedThreadPool(64, FACTORY);
    /** The customers' HTTP client's own work. */
    static final ExecutorService HTTP = Executors.newFixedThreadPool(4, FACTORY);

    private CustomerThreads() {
    }

    /** CPU time of every customer thread so far, in milliseconds. */
    static double cpuMillis() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (Thread t : THREADS) {
            long cpu = threads.getThreadCpuTime(t.getId());
            if (cpu > 0) {
                nanos += cpu;
            }
        }
        return nanos / 1e6;
    }
}
