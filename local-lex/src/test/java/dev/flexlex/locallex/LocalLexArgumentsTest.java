package dev.flexlex.locallex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flexlex.locallex.runtime.UnknownSessionError;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalLexArgumentsTest {

    @Test
    void parsesEveryFlagWithRepeatedBots() throws Exception {
        LocalLexArguments args = LocalLexArguments.parse("--port", "8090", "--bot", "template.yaml", "--bot", "export.zip",
                "--time-zone", "America/New_York", "--host", "0.0.0.0", "--concurrency-limit", "10",
                "--concurrency-limit", "TSTALIASID=5", "--unknown-session-error", "BadRequest");
        assertEquals(8090, args.port());
        assertEquals(List.of(Path.of("template.yaml"), Path.of("export.zip")), args.bots());
        assertEquals(ZoneId.of("America/New_York"), args.timeZone());
        assertEquals("0.0.0.0", args.host());
        assertEquals(10, args.defaultAliasLimit());
        assertEquals(Map.of("TSTALIASID", 5), args.aliasLimits());
        assertEquals(UnknownSessionError.BAD_REQUEST, args.unknownSessionError());
    }

    @Test
    void defaultsAreLoopbackUtcAndNoLimitOverride() throws Exception {
        LocalLexArguments args = LocalLexArguments.parse("--port", "0", "--bot", "t.yaml");
        assertEquals("127.0.0.1", args.host());
        assertEquals(ZoneId.of("UTC"), args.timeZone());
        assertNull(args.defaultAliasLimit());
        assertTrue(args.aliasLimits().isEmpty());
        assertEquals(UnknownSessionError.RESOURCE_NOT_FOUND, args.unknownSessionError());
    }

    @Test
    void badArgumentsFailNamingTheArgument() {
        assertMessage("--port is required", "--bot", "t.yaml");
        assertMessage("at least one --bot", "--port", "1");
        assertMessage("--port abc", "--port", "abc", "--bot", "t.yaml");
        assertMessage("--port 70000", "--port", "70000", "--bot", "t.yaml");
        assertMessage("--time-zone Nowhere/City", "--port", "1", "--bot", "t.yaml", "--time-zone", "Nowhere/City");
        assertMessage("Unknown option --colour", "--port", "1", "--bot", "t.yaml", "--colour", "red");
        assertMessage("--bot needs a value", "--port", "1", "--bot");
        assertMessage("Unknown option --bogus", "--bogus");
        assertMessage("Unexpected argument 'stray'", "stray");
        assertMessage("--concurrency-limit x", "--port", "1", "--bot", "t", "--concurrency-limit", "x");
        assertMessage("--unknown-session-error NotFound: expected ResourceNotFound or BadRequest",
                "--port", "1", "--bot", "t", "--unknown-session-error", "NotFound");
        assertMessage("the alias id is missing", "--port", "1", "--bot", "t", "--concurrency-limit", "=3");
    }

    private static void assertMessage(String part, String... args) {
        LocalLexArguments.UsageException e = assertThrows(LocalLexArguments.UsageException.class,
                () -> LocalLexArguments.parse(args));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
