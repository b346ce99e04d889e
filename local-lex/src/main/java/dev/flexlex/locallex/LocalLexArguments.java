package dev.flexlex.locallex;

import dev.flexlex.locallex.runtime.UnknownSessionError;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@link LocalLexMain}, parsed and checked up front; a bad argument fails with a
 * {@link UsageException} naming it.
 */
record LocalLexArguments(String host, int port, List<Path> bots, ZoneId timeZone, Integer defaultAliasLimit,
                         Map<String, Integer> aliasLimits, UnknownSessionError unknownSessionError, boolean help) {

    static final String USAGE = """
            Usage: java -jar local-lex.jar --port N --bot PATH [--bot PATH ...] [options]

              --port N                   port to listen on, HTTP/1.1 and h2c (0 = any free port)
              --bot PATH                 a SAM/CloudFormation template with AWS::Lex::Bot resources, or a
                                         Lex V2 export (LexJson .zip or unpacked folder); repeatable
              --time-zone ZONE           zone for relative dates when a request has no x-amz-lex:time-zone
                                         request attribute (IANA id, e.g. America/New_York; default UTC)
              --host HOST                interface to bind (default 127.0.0.1)
              --concurrency-limit N      concurrent RecognizeText requests per alias (default 25; 0 = no cap)
              --concurrency-limit ALIASID=N
                                         the cap of one alias id (default TSTALIASID=2); repeatable
              --unknown-session-error ResourceNotFound|BadRequest
                                         GetSession's answer for an unknown session: ResourceNotFoundException
                                         404 (the service model; default) or BadRequestException 400 (the API
                                         reference's text; then also for an unknown bot, alias or locale)
              --help                     this text
            """;

    /** A command line that cannot be run; the message names the offending argument. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private static final java.util.Set<String> FLAGS =
            java.util.Set.of("--port", "--bot", "--time-zone", "--host", "--concurrency-limit",
                    "--unknown-session-error");

    static LocalLexArguments parse(String... args) throws UsageException {
        String host = "127.0.0.1";
        Integer port = null;
        List<Path> bots = new ArrayList<>();
        ZoneId zone = ZoneId.of("UTC");
        Integer defaultLimit = null;
        Map<String, Integer> aliasLimits = new LinkedHashMap<>();
        UnknownSessionError unknownSession = UnknownSessionError.RESOURCE_NOT_FOUND;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if ("--help".equals(flag) || "-h".equals(flag)) {
                return new LocalLexArguments(host, 0, List.of(), zone, null, Map.of(), unknownSession, true);
            }
            if (!flag.startsWith("--")) {
                throw new UsageException("Unexpected argument '" + flag + "'");
            }
            if (!FLAGS.contains(flag)) {
                throw new UsageException("Unknown option " + flag);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> port = port(value);
                case "--bot" -> bots.add(Path.of(value));
                case "--time-zone" -> zone = zone(value);
                case "--host" -> host = value;
                case "--unknown-session-error" -> {
                    unknownSession = UnknownSessionError.fromFlag(value);
                    if (unknownSession == null) {
                        throw new UsageException("--unknown-session-error " + value
                                + ": expected ResourceNotFound or BadRequest");
                    }
                }
                case "--concurrency-limit" -> {
                    int eq = value.indexOf('=');
                    if (eq < 0) {
                        defaultLimit = limit(value);
                    } else if (eq == 0) {
                        throw new UsageException("--concurrency-limit " + value + ": the alias id is missing");
                    } else {
                        aliasLimits.put(value.substring(0, eq), limit(value.substring(eq + 1)));
                    }
                }
                default -> throw new UsageException("Unknown option " + flag);
            }
        }
        if (port == null) {
            throw new UsageException("--port is required");
        }
        if (bots.isEmpty()) {
            throw new UsageException("at least one --bot PATH is required");
        }
        return new LocalLexArguments(host, port, List.copyOf(bots), zone, defaultLimit, Map.copyOf(aliasLimits),
                unknownSession, false);
    }

    private static int port(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--port " + value + ": expected a number 0..65535");
    }

    private static int limit(String value) throws UsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--concurrency-limit " + value + ": expected a whole number");
        }
    }

    private static ZoneId zone(String value) throws UsageException {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new UsageException("--time-zone " + value + ": not a time zone id (e.g. UTC, Europe/Paris)");
        }
    }
}
