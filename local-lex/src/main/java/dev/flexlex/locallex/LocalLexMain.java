package dev.flexlex.locallex;

import dev.flexlex.locallex.bot.BotDefinitionException;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.definition.BotLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Standalone local-lex: {@code java -jar local-lex.jar --port N --bot PATH [--bot PATH ...] [--time-zone Z]}.
 * Bad arguments print the usage on stderr and exit 2; a bot definition that cannot be loaded exits 1
 * naming the file and field; SIGTERM (or Ctrl-C) stops the server cleanly.
 */
public final class LocalLexMain {

    private LocalLexMain() {
    }

    public static void main(String[] args) {
        // slf4j-simple: one line per event on stdout, before the first logger is created.
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        LocalLexArguments arguments;
        try {
            arguments = LocalLexArguments.parse(args);
        } catch (LocalLexArguments.UsageException e) {
            System.err.println("local-lex: " + e.getMessage());
            System.err.print(LocalLexArguments.USAGE);
            System.exit(2);
            return;
        }
        if (arguments.help()) {
            System.out.print(LocalLexArguments.USAGE);
            return;
        }
        try {
            LocalLexServer server = start(arguments);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    System.err.println("local-lex: error while stopping: " + e);
                }
            }, "local-lex-shutdown"));
        } catch (BotDefinitionException e) {
            System.err.println("local-lex: cannot load bot definition: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("local-lex: cannot start: " + e);
            System.exit(1);
        }
    }

    private static LocalLexServer start(LocalLexArguments arguments) throws Exception {
        List<LexBot> bots = new ArrayList<>();
        for (Path path : arguments.bots()) {
            bots.addAll(BotLoader.load(path));
        }
        LocalLexServer.Builder builder = LocalLexServer.builder()
                .host(arguments.host())
                .port(arguments.port())
                .bots(bots)
                .defaultTimeZone(arguments.timeZone())
                .unknownSessionError(arguments.unknownSessionError());
        if (arguments.defaultAliasLimit() != null) {
            builder.aliasConcurrencyLimit(arguments.defaultAliasLimit());
        }
        arguments.aliasLimits().forEach(builder::aliasConcurrencyLimit);
        return builder.start();
    }
}
