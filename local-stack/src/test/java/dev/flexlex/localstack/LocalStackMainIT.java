package dev.flexlex.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link LocalStackMain} as a process: bad arguments and a taken port end it with a clear message and non-zero exit. */
class LocalStackMainIT {

    @Test
    void aTakenPortEndsTheStartWithAMessageNamingItAndExit1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int base = taken.getLocalPort() - 2; // the port of the local Flex
            Result result = run("--port-base", Integer.toString(base), "--project-dir", "..");
            assertEquals(1, result.exit(), result.output());
            assertTrue(result.output().contains("port " + taken.getLocalPort() + " on 127.0.0.1 (for local Flex) is taken"),
                    result.output());
            assertTrue(result.output().contains("--port-base"), "says how to pick other ports: " + result.output());
        }
    }

    @Test
    void anUnknownArgumentPrintsTheUsageAndExits2() throws Exception {
        Result result = run("--plattform", "chat");
        assertEquals(2, result.exit(), result.output());
        assertTrue(result.output().contains("unknown argument '--plattform'"), result.output());
        assertTrue(result.output().contains("usage: java -jar local-stack/target/local-stack.jar"), result.output());
    }

    @Test
    void aBadFaultSpecIsRefusedBeforeAnythingStarts() throws Exception {
        Result result = run("--faults", "conversations:503=0.1", "--project-dir", "..");
        assertEquals(2, result.exit(), result.output());
        assertTrue(result.output().contains("unknown fault kind '503'"), result.output());
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalStackMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("LocalStackMain did not end within 60 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
