package dev.flexlex.localstack.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Tiny handlers run by the real runtime interface client in their own JVMs (classpath: test-classes and the
 * runtime jars only, so no Jackson: JSON is written by hand).
 */
public final class TestHandlers {
    private TestHandlers() {
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Answers what Lambda told it: request id, ARN, time left, function name, and the event as a string. */
    public static final class Echo implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            out.write(("{\"requestId\":" + quote(context.getAwsRequestId()) + ",\"arn\":"
                    + quote(context.getInvokedFunctionArn()) + ",\"remaining\":" + context.getRemainingTimeInMillis()
                    + ",\"functionName\":" + quote(System.getenv("AWS_LAMBDA_FUNCTION_NAME")) + ",\"event\":"
                    + quote(event) + "}").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Spends {@value #INIT_CPU_MILLIS} ms of CPU in its constructor (init) and 300 ms in each invocation. */
    public static final class CpuBurner implements RequestStreamHandler {
        static final long INIT_CPU_MILLIS = 800;

        public CpuBurner() {
            burn(INIT_CPU_MILLIS);
        }

        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            burn(300);
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        }

        private static void burn(long cpuMillis) {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long until = threads.getCurrentThreadCpuTime() + cpuMillis * 1_000_000;
            long sink = 0;
            while (threads.getCurrentThreadCpuTime() < until) {
                sink += System.nanoTime() % 7;
            }
            if (sink == 42) {
                System.out.print("");
            }
        }
    }

    /** Answers the JVM's JIT flags as the JVM took them: {@code {"TieredStopAtLevel":"1","TieredCompilation":"true"}}. */
    public static final class JitFlags implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            com.sun.management.HotSpotDiagnosticMXBean vm = java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            out.write(("{\"TieredStopAtLevel\":" + quote(vm.getVMOption("TieredStopAtLevel").getValue())
                    + ",\"TieredCompilation\":" + quote(vm.getVMOption("TieredCompilation").getValue()) + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An HTTP API 2.0 response: 201, a header, the event as the body; fails on an event whose body is "Ym9vbQ==". */
    public static final class GatewayEcho implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (event.contains("\"Ym9vbQ==\"")) {
                throw new IllegalStateException("boom");
            }
            out.write(("{\"statusCode\":201,\"headers\":{\"Content-Type\":\"application/json\",\"X-Echo\":\"yes\"},"
                    + "\"body\":" + quote(event) + ",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Sleeps as many milliseconds as the event says, then answers "slept". */
    public static final class Sleeper implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            long millis = Long.parseLong(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("\"slept\"".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Sleeps as many milliseconds as the event says, then answers with its JVM's process id. */
    public static final class PidSleeper implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            new Sleeper().handleRequest(in, OutputStream.nullOutputStream(), context);
            out.write(("\"" + ProcessHandle.current().pid() + "\"").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Throws on every event. */
    public static final class Thrower implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) {
            throw new IllegalStateException("boom on purpose");
        }
    }

    /** Cannot be constructed: the init fails. */
    public static final class BrokenInit implements RequestStreamHandler {
        public BrokenInit() {
            throw new IllegalStateException("missing REQUIRED_SETTING");
        }

        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) {
        }
    }

    /** Exits the JVM mid-invocation. */
    public static final class Exiter implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) {
            Runtime.getRuntime().halt(3);
        }
    }
}
