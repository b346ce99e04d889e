package dev.flexlex.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link LocalStack}.
 *
 * @param platform        {@code conversations} or {@code chat}
 * @param portBase        first of the stack's ten ports (see {@link PortPlan}); 0 picks free ports
 * @param readyFile       where to write the ready JSON once up, or null
 * @param faults          the local Flex fault spec (see {@code FaultSpec}), plus {@code lex:cap=N} to cap the
 *                        bot alias at N concurrent turns (Lex throttling), plus {@code lambda:crash=P} and
 *                        {@code lambda:crash@POINT=P} (see {@code CrashFaults}); empty: no faults
 * @param projectDir      the checkout: {@code template.yaml} and the handler modules' {@code target/} jars
 * @param redeliveryDelay null: failed SQS records come back after the queue's visibility timeout (Lambda's way);
 *                        else after this delay (tests use it so retries take seconds, not 6 minutes)
 * @param maxReceiveCount null: each queue's redrive policy as the template says; else this many receives before a
 *                        message goes to its dead-letter queue (a test that crashes handlers far more often than
 *                        Lambda loses an instance uses it, so a message is not dead-lettered by its batch mates' crashes)
 * @param functionEnvironment variables set in every function's environment over what the template gives (the bench
 *                        compares JVM flags and priming this way: {@code JAVA_TOOL_OPTIONS}, {@code PRIMING_ROUNDS},
 *                        {@code PRIME_AT_INIT}); empty: the template's
 */
public record StackOptions(String platform, int portBase, Path readyFile, String faults, Path projectDir,
                           Duration redeliveryDelay, Integer maxReceiveCount, Map<String, String> functionEnvironment) {
    public static final int DEFAULT_PORT_BASE = 4560;

    public StackOptions {
        if (!platform.equals("conversations") && !platform.equals("chat")) {
            throw new IllegalArgumentException("platform must be conversations or chat, got '" + platform + "'");
        }
        if (portBase != 0 && (portBase < 1024 || portBase > 65535 - PortPlan.SIZE)) {
            throw new IllegalArgumentException("port base must be 1024.." + (65535 - PortPlan.SIZE) + " (or 0), got "
                    + portBase);
        }
        faults = faults == null ? "" : faults;
        Objects.requireNonNull(projectDir, "projectDir");
        if (maxReceiveCount != null && maxReceiveCount < 1) {
            throw new IllegalArgumentException("maxReceiveCount must be at least 1, got " + maxReceiveCount);
        }
        functionEnvironment = functionEnvironment == null ? Map.of() : Map.copyOf(functionEnvironment);
    }

    /** The defaults of the command line, in {@code projectDir}. */
    public static StackOptions defaults(Path projectDir) {
        return new StackOptions("conversations", DEFAULT_PORT_BASE, null, "", projectDir, null, null, Map.of());
    }

    public StackOptions withPlatform(String value) {
        return new StackOptions(value, portBase, readyFile, faults, projectDir, redeliveryDelay, maxReceiveCount, functionEnvironment);
    }

    public StackOptions withPortBase(int value) {
        return new StackOptions(platform, value, readyFile, faults, projectDir, redeliveryDelay, maxReceiveCount, functionEnvironment);
    }

    public StackOptions withReadyFile(Path value) {
        return new StackOptions(platform, portBase, value, faults, projectDir, redeliveryDelay, maxReceiveCount, functionEnvironment);
    }

    public StackOptions withFaults(String value) {
        return new StackOptions(platform, portBase, readyFile, value, projectDir, redeliveryDelay, maxReceiveCount, functionEnvironment);
    }

    public StackOptions withRedeliveryDelay(Duration value) {
        return new StackOptions(platform, portBase, readyFile, faults, projectDir, value, maxReceiveCount, functionEnvironment);
    }

    public StackOptions withMaxReceiveCount(int value) {
        return new StackOptions(platform, portBase, readyFile, faults, projectDir, redeliveryDelay, value, functionEnvironment);
    }

    public StackOptions withFunctionEnvironment(Map<String, String> value) {
        return new StackOptions(platform, portBase, readyFile, faults, projectDir, redeliveryDelay, maxReceiveCount, value);
    }
}
