package dev.flexlex.it.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same sources built twice give byte-identical jars ({@code project.build.outputTimestamp} in the parent POM):
 * otherwise every {@code sam deploy} uploads new code for all three functions, and Lambda publishes a new version and
 * takes a new SnapStart snapshot of each, changed or not.
 *
 * <p>The first build is the one this reactor just made (the handler modules are built before this module). The test
 * copies the project's sources (no {@code target/}) to a temporary folder, packages the handler modules there with the
 * same Maven, JDK and local repository, offline, and compares every jar of those modules byte for byte. The second
 * build runs later and in another folder, so a jar that carried a build time, a file time or a path would differ.
 */
class ReproducibleJarsIT {
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> HANDLERS = List.of("inbound-bot-handler", "process-bot-turn", "outbound-chat-handler");
    private static final List<String> MODULES = List.of("shared-model", "inbound-bot-handler", "process-bot-turn",
            "outbound-chat-handler");
    private static final Set<String> NOT_SOURCES = Set.of("target", ".git", ".idea", "node_modules");

    @Test
    void theHandlerModulesBuiltAgainElsewhereGiveByteIdenticalJars(@TempDir Path copy) throws Exception {
        Map<String, String> first = jarDigests(PROJECT);
        for (String handler : HANDLERS) {
            assertTrue(first.containsKey(handler + "/target/" + handler + ".jar"),
                    handler + "'s shaded jar is missing: package the handler modules first (mvn verify builds them)");
        }

        copySources(PROJECT, copy);
        build(copy);
        Map<String, String> second = jarDigests(copy);

        assertEquals(first.keySet(), second.keySet(), "the second build made other jars");
        List<String> differing = new ArrayList<>();
        for (String jar : first.keySet()) {
            if (!first.get(jar).equals(second.get(jar))) {
                differing.add(jar + " differs: " + firstDifferences(PROJECT.resolve(jar), copy.resolve(jar)));
            }
        }
        assertEquals(List.of(), differing, "the same sources built twice must give byte-identical jars");
    }

    /** module-relative path of each jar in the modules' target folders → its SHA-256. */
    private static Map<String, String> jarDigests(Path root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        for (String module : MODULES) {
            Path target = root.resolve(module).resolve("target");
            if (!Files.isDirectory(target)) {
                continue;
            }
            try (Stream<Path> files = Files.list(target)) {
                for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).toList()) {
                    digests.put(module + "/target/" + jar.getFileName(), sha256(jar));
                }
            }
        }
        return digests;
    }

    private static void copySources(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path relative = from.relativize(path);
                boolean skipped = false;
                for (Path part : relative) {
                    skipped |= NOT_SOURCES.contains(part.toString());
                }
                if (skipped || relative.toString().isEmpty()) {
                    continue;
                }
                Path destination = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else if (Files.isRegularFile(path)) {
                    Files.copy(path, destination);
                }
            }
        }
    }

    /** Packages the handler modules (and shared-model) of the copy, with the Maven and JDK running this build. */
    private static void build(Path copy) throws Exception {
        List<String> command = new ArrayList<>();
        String mavenHome = System.getProperty("flexlex.mavenHome", "");
        command.add(mavenHome.isBlank() || mavenHome.startsWith("${")
                ? PROJECT.resolve("mvnw").toString() : Path.of(mavenHome, "bin", "mvn").toString());
        command.addAll(List.of("-B", "-ntp", "-q", "-o", "package", "-DskipTests", "-pl", String.join(",", HANDLERS), "-am"));
        String localRepository = System.getProperty("flexlex.localRepository", "");
        if (!localRepository.isBlank() && !localRepository.startsWith("${")) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        Path log = copy.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(copy.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_ARGS");
        Process process = builder.start();
        // A guard against a hung build, not a speed check: the build takes a minute or two.
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("the second build did not finish within 20 minutes: " + tail(log));
        }
        if (process.exitValue() != 0) {
            fail("the second build failed (" + String.join(" ", command) + "): " + tail(log));
        }
    }

    /** Names the first entries whose name, order, time or bytes differ, so a failure says what is not reproducible. */
    private static String firstDifferences(Path a, Path b) throws IOException {
        List<String> differences = new ArrayList<>();
        try (ZipFile first = new ZipFile(a.toFile()); ZipFile second = new ZipFile(b.toFile())) {
            List<? extends ZipEntry> one = first.stream().toList();
            List<? extends ZipEntry> two = second.stream().toList();
            if (one.size() != two.size()) {
                differences.add(one.size() + " entries against " + two.size());
            }
            for (int i = 0; i < Math.min(one.size(), two.size()) && differences.size() < 5; i++) {
                ZipEntry x = one.get(i);
                ZipEntry y = two.get(i);
                if (!x.getName().equals(y.getName())) {
                    differences.add("entry " + i + " is " + x.getName() + " against " + y.getName());
                } else if (x.getTime() != y.getTime()) {
                    differences.add(x.getName() + " time " + x.getTime() + " against " + y.getTime());
                } else if (x.getCrc() != y.getCrc()) {
                    differences.add(x.getName() + " content");
                }
            }
        }
        return differences.isEmpty() ? "same entries, other bytes (zip metadata)" : String.join("; ", differences);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
