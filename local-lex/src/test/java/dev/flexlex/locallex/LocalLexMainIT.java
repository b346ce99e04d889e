package dev.flexlex.locallex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.locallex.testing.LexClients;
import dev.flexlex.locallex.testing.OrderFlowers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;

/** The standalone command in its own JVM: usage errors, load errors, start-up log, a real turn, SIGTERM. */
class LocalLexMainIT {

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalLexMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static String stderr(Process process) throws IOException {
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void badArgumentsPrintTheUsageOnStderrAndExit2() throws Exception {
        Process process = launch("--port", "not-a-port", "--bot", "x.yaml");
        String err = stderr(process);
        assertEquals(2, process.waitFor());
        assertTrue(err.contains("--port not-a-port"), err);
        assertTrue(err.contains("Usage: java -jar local-lex.jar --port N --bot PATH"), err);
    }

    @Test
    void anUnloadableBotExits1NamingTheFile() throws Exception {
        Process process = launch("--port", "0", "--bot", "no-such-bot.yaml");
        String err = stderr(process);
        assertEquals(1, process.waitFor());
        assertTrue(err.contains("no-such-bot.yaml"), err);
    }

    @Test
    void startsLogsEachBotServesTurnsAndStopsCleanlyOnSigterm() throws Exception {
        Process process = launch("--port", "0", "--bot", OrderFlowers.TEMPLATE.toString(), "--time-zone", "Europe/Paris");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                lines.add("read failed: " + e);
            }
        });
        reader.start();
        try {
            String botLine = awaitLine(lines, "Serving bot");
            assertTrue(botLine.contains("name=OrderFlowers") && botLine.contains("botId=" + OrderFlowers.BOT_ID)
                    && botLine.contains(OrderFlowers.LIVE_ALIAS_ID) && botLine.contains("TSTALIASID")
                    && botLine.contains("locales=[en_US]"), botLine);
            Matcher listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)")
                    .matcher(awaitLine(lines, "listening on"));
            assertTrue(listening.find());
            try (LexRuntimeV2Client lex = LexClients.client(URI.create(listening.group(1)))) {
                assertEquals("FlowerType", lex.recognizeText(r -> r.botId(OrderFlowers.BOT_ID).botAliasId("TSTALIASID")
                        .localeId("en_US").sessionId("main-1").text("I would like to order some flowers"))
                        .sessionState().dialogAction().slotToElicit());
            }
            // SIGTERM through the handle: Process.destroy() would also close our end of the child's stdout.
            assertTrue(process.toHandle().destroy());
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stopped on SIGTERM");
            awaitLine(lines, "local-lex stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    private static String awaitLine(BlockingQueue<String> lines, String part) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (true) {
            String line = lines.poll(30, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no log line containing '" + part + "' in " + seen);
            }
            seen.add(line);
            if (line.contains(part)) {
                return line;
            }
        }
    }
}
