package dev.flexlex.localstack.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to run one function: its name and handler, the JVM classpath (the unmodified handler jar, then the
 * runtime interface client jars), the environment the template gives it, its timeout and instance cap, and the
 * client's native library unpacked once ({@link RuntimeInterfaceClient#unpackJni}).
 */
public record FunctionRuntime(String functionName, String handler, List<Path> classpath, Map<String, String> environment,
                              int memorySize, Duration timeout, int maxInstances, Path logDir, Path jniLibrary) {
    public FunctionRuntime {
        classpath = List.copyOf(classpath);
        environment = Map.copyOf(environment);
        if (maxInstances < 1) {
            throw new IllegalArgumentException("maxInstances must be at least 1, got " + maxInstances);
        }
    }
}
