package dev.flexlex.localflex;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalFlexMainTest {

    @Test
    void badArgumentsAreNamed() {
        assertBad("--port is required", "--faults", "*:500=0.1");
        assertBad("--port must be a number", "--port", "eighty");
        assertBad("missing value after --port", "--port");
        assertBad("unknown option --verbose", "--port", "0", "--verbose", "yes");
        assertBad("go together", "--port", "0", "--account-sid", Account.DEFAULT_ACCOUNT_SID);
        assertBad("account SID must be AC", "--port", "0", "--account-sid", "ACnope", "--auth-token", "t");
        assertBad("unknown product", "--port", "0", "--faults", "voice:500=1");
        assertBad("port must be 0..65535", "--port", "70000");
    }

    private static void assertBad(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalFlexMain.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void startsWithTheGivenCredentialsAndPrintsThemWithTheDefaults() {
        String sid = "AC" + "0123456789abcdef".repeat(2);
        try (LocalFlexServer server = LocalFlexMain.parse(new String[]{"--port", "0", "--account-sid", sid,
                "--auth-token", "tok", "--faults", "chat:500=0.1"}).start()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            LocalFlexMain.describe(server, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String printed = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(printed.startsWith("local-flex listening on http://127.0.0.1:" + server.port()), printed);
            assertTrue(printed.contains(sid) && printed.contains("tok") && printed.contains(server.workspaceSid()), printed);
            assertTrue(printed.contains("chat:500=0.1"), printed);
            assertTrue(printed.contains("POST " + server.baseUrl() + "/local/v1/Inbound"), printed);
        }
    }

    @Test
    void defaultsAreDeterministic() {
        try (LocalFlexServer one = LocalFlexServer.builder().start(); LocalFlexServer two = LocalFlexServer.builder().start()) {
            assertEquals(Account.DEFAULT_ACCOUNT_SID, one.accountSid());
            assertTrue(one.accountSid().matches("AC[0-9a-f]{32}"));
            assertEquals(Account.DEFAULT_AUTH_TOKEN, one.authToken());
            assertEquals(one.chatServiceSid(), two.chatServiceSid());
            assertEquals(one.workspaceSid(), two.workspaceSid());
            assertEquals(one.workerSid(), two.workerSid());
            assertEquals(one.taskChannelSid("chat"), two.taskChannelSid("chat"));
        }
    }
}
