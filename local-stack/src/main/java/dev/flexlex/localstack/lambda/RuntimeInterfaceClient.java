package dev.flexlex.localstack.lambda;

import dev.flexlex.localstack.StackStartException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The native library of Lambda's runtime interface client, unpacked once for every handler JVM. Left to itself, each
 * JVM copies it to the same fixed path ({@code /tmp/.libaws-lambda-jni.so}, replacing the file) and loads it, so
 * instances starting together overwrite the library another one is mapping, which crashes that JVM with SIGBUS in
 * the dynamic loader. The client reads a ready library from the system property {@link #PROPERTY} instead.
 */
public final class RuntimeInterfaceClient {
    /** The system property the client loads its JNI library from, when set. */
    public static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private RuntimeInterfaceClient() {
    }

    /** Unpacks this machine's JNI library from the client jar among {@code runtimeJars} into {@code dir}. */
    public static Path unpackJni(List<Path> runtimeJars, Path dir) {
        Path jar = runtimeJars.stream()
                .filter(j -> j.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                .findFirst().orElseThrow(() -> new StackStartException("no runtime interface client jar in " + runtimeJars));
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String name = "libaws-lambda-jni.linux-" + (arch.contains("aarch64") || arch.contains("arm64") ? "aarch_64" : "x86_64")
                + ".so";
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry("jni/" + name);
            if (entry == null) {
                throw new StackStartException(jar + " has no jni/" + name + " for this machine");
            }
            Files.createDirectories(dir);
            Path target = dir.resolve(name);
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            // A new file moved into place: a JVM still mapping the previous one keeps its own copy.
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new StackStartException("could not unpack the runtime interface client's native library: "
                    + e.getMessage(), e);
        }
    }
}
