package dev.flexlex.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalStackMain} as a process: bad arguments and a taken port end it with a clear message and non-zero exit;
 * SIGTERM ends it and its handler JVMs.
 */
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

    @Test
    void anUnknownCrashPointIsRefusedBeforeAnythingStarts() throws Exception {
        Result result = run("--faults", "lambda:crash@after-lunch=0.1", "--project-dir", "..");
        assertEquals(2, result.exit(), result.output());
        assertTrue(result.output().contains("unknown crash point 'after-lunch'; known: before-lex"), result.output());
    }

    /** SIGTERM (what Ctrl-C's INT and a service manager's stop do too) ends the stack and every handler JVM. */
    @Test
    void sigtermStopsTheStackAndItsHandlerJvmsWithinFiveSeconds(@TempDir Path dir) throws Exception {
        Path ready = dir.resolve("ready.json");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalStackMain.class.getName(), "--port-base", "0",
                "--ready-file", ready.toString(), "--project-dir", ".."));
        Process stack = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stack.log").toFile()).start();
        try {
            long deadline = System.currentTimeMillis() + 400_000;
            while (!Files.exists(ready)) {
                assertTrue(stack.isAlive(), "the stack ended before it was up: " + Files.readString(dir.resolve("stack.log")));
                assertTrue(System.currentTimeMillis() < deadline, "the stack was not up within 400 s");
                Thread.sleep(200);
            }
            // The banner (printed once up) links the operations page, at the URL the ready file gives.
            String opsUrl = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(ready))
                    .path("opsUrl").asText();
            assertTrue(opsUrl.matches("http://127\\.0\\.0\\.1:\\d+/ops/"), opsUrl);
            // ... and the customer phone page; the ready file names the shop's SMS and WhatsApp addresses.
            com.fasterxml.jackson.databind.JsonNode readyJson = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(Files.readString(ready));
            String phoneUrl = readyJson.path("phoneUrl").asText();
            assertTrue(phoneUrl.matches("http://127\\.0\\.0\\.1:\\d+/phone/"), phoneUrl);
            assertEquals(LocalStack.SMS_NUMBER, readyJson.path("phoneAddresses").path("sms").asText(), readyJson.toString());
            assertEquals("whatsapp:" + LocalStack.WHATSAPP_NUMBER, readyJson.path("phoneAddresses").path("whatsapp").asText());
            while (!Files.readString(dir.resolve("stack.log")).contains("Operations:        " + opsUrl)
                    || !Files.readString(dir.resolve("stack.log")).contains("Customer phone:    " + phoneUrl)) {
                assertTrue(stack.isAlive() && System.currentTimeMillis() < deadline, "no banner linking " + opsUrl + ": "
                        + Files.readString(dir.resolve("stack.log")));
                Thread.sleep(100);
            }
            List<ProcessHandle> children = stack.descendants().toList();
            assertTrue(children.size() >= 3, "one JVM per function at least: " + children);
            long start = System.nanoTime();
            stack.destroy(); // SIGTERM
            boolean stopped = stack.waitFor(5, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(stopped, "the stack still runs 5 s after SIGTERM");
            for (ProcessHandle child : children) {
                long left = Math.max(0, 5_000 - (System.nanoTime() - start) / 1_000_000);
                try {
                    child.onExit().get(left, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("handler JVM " + child.pid() + " still runs 5 s after SIGTERM");
                }
            }
            System.out.println("stack and " + children.size() + " handler JVMs stopped " + millis + " ms after SIGTERM");
        } finally {
            stack.descendants().forEach(ProcessHandle::destroyForcibly);
            stack.destroyForcibly();
        }
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
