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
 * The runtime interface client's JNI library, unpacked once per runner into a file of its own. Left to itself every
 * RIC JVM copies it to the fixed path {@code /tmp/.libaws-lambda-jni.so} at start, so JVMs starting together (or
 * one starting while another runs) rewrite a library another has mapped, and that JVM dies of SIGBUS. The RIC
 * loads the library from the system property {@link #PROPERTY} instead when it is set.
 */
final class RicNativeLibrary {
    static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static Path unpacked;

    private RicNativeLibrary() {
    }

    /** The JVM option that points the RIC at the unpacked library; unpacks it on first use. */
    static synchronized String jvmOption(List<Path> classpath) {
        if (unpacked == null) {
            unpacked = unpack(classpath);
        }
        return "-D" + PROPERTY + "=" + unpacked;
    }

    private static Path unpack(List<Path> classpath) {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String entryName = "jni/libaws-lambda-jni.linux-" + (arch.contains("aarch64") || arch.contains("arm64") ? "aarch_64" : "x86_64") + ".so";
        for (Path jar : classpath) {
            if (!jar.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client")) {
                continue;
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(entryName);
                if (entry == null) {
                    throw new StackStartException(jar + " holds no " + entryName);
                }
                Path target = Files.createTempFile("libaws-lambda-jni-", ".so");
                target.toFile().deleteOnExit();
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return target;
            } catch (IOException e) {
                throw new StackStartException("cannot unpack the runtime interface client's JNI library: " + e.getMessage(), e);
            }
        }
        throw new StackStartException("no runtime interface client jar on the function classpath " + classpath);
    }
}
