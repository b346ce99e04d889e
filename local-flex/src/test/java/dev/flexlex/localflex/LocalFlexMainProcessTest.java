package dev.flexlex.localflex;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user runs it: a separate JVM on {@link LocalFlexMain}. */
class LocalFlexMainProcessTest {

    private static ProcessBuilder java(String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[args.length + 4];
        command[0] = javaBin;
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = LocalFlexMain.class.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        return new ProcessBuilder(command);
    }

    @Test
    void badArgumentsPrintUsageAndExit2() throws Exception {
        Process p = java("--port", "0", "--faults", "sms:500=1").start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue());
        assertTrue(err.contains("unknown product 'sms'"), err);
        assertTrue(err.contains("usage: java -jar local-flex.jar --port N"), err);
    }

    @Test
    void startsAndPrintsItsBaseUrlAndCredentials() throws Exception {
        Process p = java("--port", "0").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue(first != null && first.matches("local-flex listening on http://127\\.0\\.0\\.1:\\d+"), first);
            assertEquals("  account SID        " + Account.DEFAULT_ACCOUNT_SID, out.readLine());
            assertEquals("  auth token         " + Account.DEFAULT_AUTH_TOKEN, out.readLine());
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
