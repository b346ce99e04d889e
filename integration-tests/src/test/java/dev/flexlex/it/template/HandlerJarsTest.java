package dev.flexlex.it.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Each function's {@code CodeUri} jar (built by the reactor before this module's tests) holds the class its
 * {@code Handler} names, as a Lambda RequestStreamHandler Lambda can construct with one way in, reads every variable the template sets,
 * and carries only the clients that function loads.
 */
class HandlerJarsTest {
    /** Package folders of clients a function must not carry (not loaded = not paid for at cold start). */
    private static final Map<SuiteFunction, List<String>> MUST_NOT_CARRY = Map.of(
            SuiteFunction.INBOUND, List.of("software/amazon/awssdk/services/lexruntimev2/"),
            SuiteFunction.PROCESS, List.of("com/twilio/", "software/amazon/awssdk/services/secretsmanager/"),
            SuiteFunction.OUTBOUND, List.of("software/amazon/awssdk/services/lexruntimev2/",
                    "software/amazon/awssdk/services/sqs/"));
    private static final List<String> NO_FUNCTION_CARRIES = List.of(
            "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/nio/netty/", "io/netty/");

    private final Template template = Template.load();

    @Test
    void everyHandlerIsALambdaStreamHandlerInItsShadedJar() throws Exception {
        for (SuiteFunction function : SuiteFunction.values()) {
            Path jar = codeUri(function);
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                Class<?> handler = Class.forName(function.handlerClass, false, loader);
                Class<?> requestHandler = Class.forName("com.amazonaws.services.lambda.runtime.RequestStreamHandler", false, loader);
                Class<?> context = Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader);

                assertTrue(requestHandler.isAssignableFrom(handler), function.handlerClass + " implements RequestStreamHandler");
                assertTrue(Modifier.isPublic(handler.getConstructor().getModifiers()),
                        function.handlerClass + " has the public no-arg constructor Lambda calls");
                Method handle = handler.getMethod("handleRequest", InputStream.class, OutputStream.class, context);
                assertEquals(function.handlerClass, handle.getDeclaringClass().getName());
                // One way in: the stream entry point is the handler's only public method, and its constructors are
                // the no-arg one Lambda calls and the one over the built service.
                assertEquals(List.of(handle), java.util.Arrays.stream(handler.getDeclaredMethods())
                        .filter(m -> Modifier.isPublic(m.getModifiers())).toList(), function.handlerClass);
                assertEquals(2, handler.getConstructors().length, function.handlerClass);
            }
        }
    }

    @Test
    void everyVariableTheTemplateSetsIsReadByTheFunctionsCode() throws Exception {
        for (SuiteFunction function : SuiteFunction.values()) {
            JsonNode variables = template.resource(function.logicalId).path("Properties").path("Environment").path("Variables");
            Set<String> unread = new TreeSet<>();
            variables.fieldNames().forEachRemaining(unread::add);
            try (JarFile jar = new JarFile(codeUri(function).toFile())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().startsWith("dev/flexlex/") && entry.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            String constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                            unread.removeIf(constants::contains);
                        }
                    }
                }
            }
            assertEquals(Set.of(), unread, function.logicalId + ": variables set in template.yaml that no class of "
                    + function.module + " mentions");
        }
    }

    @Test
    void eachJarCarriesOnlyTheClientsItsFunctionLoads() throws Exception {
        for (SuiteFunction function : SuiteFunction.values()) {
            List<String> forbidden = new ArrayList<>(NO_FUNCTION_CARRIES);
            forbidden.addAll(MUST_NOT_CARRY.get(function));
            Path path = codeUri(function);
            try (JarFile jar = new JarFile(path.toFile())) {
                List<String> found = jar.stream().map(JarEntry::getName)
                        .filter(name -> forbidden.stream().anyMatch(name::startsWith))
                        .limit(3)
                        .toList();
                assertEquals(List.of(), found, function.module + ".jar carries classes its function never loads");
                System.out.printf("%s.jar: %,d bytes, %,d entries%n", function.module, Files.size(path), jar.size());
            }
        }
    }

    private Path codeUri(SuiteFunction function) throws IOException {
        String codeUri = template.resource(function.logicalId).path("Properties").path("CodeUri").asText();
        Path jar = Template.FILE.toAbsolutePath().getParent().resolve(codeUri).normalize();
        assertTrue(Files.isRegularFile(jar), jar + " missing: build the handler modules first "
                + "(mvn verify from the project root, or -pl integration-tests -am)");
        assertFalse(Files.size(jar) == 0, jar + " is empty");
        return jar;
    }
}
