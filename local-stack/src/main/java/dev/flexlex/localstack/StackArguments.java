package dev.flexlex.localstack;

import java.nio.file.Path;

/** The command line of {@link LocalStackMain}; a bad argument throws {@link IllegalArgumentException} naming it. */
final class StackArguments {
    static final String USAGE = """
            usage: java -jar local-stack/target/local-stack.jar [options]
              --platform conversations|chat   Twilio chat product the bridge serves (default conversations)
              --port-base P                   first of nine ports on 127.0.0.1 (default 4560: 4560..4568)
              --ready-file PATH               write JSON with every URL, credential and SID once up
              --faults SPEC                   local Flex faults, e.g. conversations:500=0.1,*:500after=0.05,
                                              taskrouter:429=0.1,seed=7; lex:cap=2 caps the bot alias at 2
                                              concurrent turns (Lex throttling); lambda:crash=0.05 kills a
                                              handler JVM (SIGKILL) at a random moment of 5% of invocations;
                                              lambda:crash@POINT=P at a point: before-lex, after-lex,
                                              after-publish, after-enqueue, between-parts,
                                              after-webhook-removed, after-handoff
              --project-dir DIR               the checkout (default: . or .. , whichever holds template.yaml)
              --help                          this text
            """;

    private StackArguments() {
    }

    /** Parsed options, or null for {@code --help}. */
    static StackOptions parse(String[] args, Path workingDir) {
        String platform = "conversations";
        int portBase = StackOptions.DEFAULT_PORT_BASE;
        Path readyFile = null;
        String faults = "";
        Path projectDir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--platform" -> platform = value(args, ++i, arg);
                case "--port-base" -> portBase = number(value(args, ++i, arg), arg);
                case "--ready-file" -> readyFile = Path.of(value(args, ++i, arg));
                case "--faults" -> faults = value(args, ++i, arg);
                case "--project-dir" -> projectDir = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (projectDir == null) {
            projectDir = java.nio.file.Files.exists(workingDir.resolve("template.yaml")) ? workingDir
                    : workingDir.resolve("..");
        }
        if (!java.nio.file.Files.exists(projectDir.resolve("template.yaml"))) {
            throw new IllegalArgumentException("no template.yaml in " + projectDir.toAbsolutePath().normalize()
                    + "; run from the checkout or pass --project-dir");
        }
        String rest = dev.flexlex.localstack.faults.CrashFaults.split(faults).rest();
        dev.flexlex.localflex.FaultSpec.parse(LocalStack.LexFaults.split(rest).flexSpec());
        return new StackOptions(platform, portBase, readyFile, faults, projectDir, null, null, java.util.Map.of());
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int number(String value, String flag) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, got '" + value + "'");
        }
    }
}
