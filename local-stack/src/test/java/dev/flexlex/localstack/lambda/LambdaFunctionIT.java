package dev.flexlex.localstack.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flexlex.localstack.StackStartException;
import dev.flexlex.localstack.aws.HttpApiGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lambda Runtime API and instance pool, with tiny handlers run by the real runtime interface client. */
class LambdaFunctionIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path logs;

    private LambdaFunction start(String handlerClass, Duration timeout, int maxInstances) {
        return start(handlerClass, timeout, maxInstances, Map.of());
    }

    private LambdaFunction start(String handlerClass, Duration timeout, int maxInstances, Map<String, String> extraEnv) {
        List<Path> classpath = new ArrayList<>();
        classpath.add(Path.of("target", "test-classes").toAbsolutePath());
        try (Stream<Path> jars = Files.list(Path.of("target", "lambda-runtime"))) {
            jars.map(Path::toAbsolutePath).forEach(classpath::add);
        } catch (IOException e) {
            throw new AssertionError("target/lambda-runtime is built in process-resources", e);
        }
        String handler = TestHandlers.class.getName() + "$" + handlerClass + "::handleRequest";
        Map<String, String> env = new java.util.HashMap<>(Map.of("AWS_LAMBDA_FUNCTION_NAME", "Fn" + handlerClass,
                "_HANDLER", handler, "AWS_REGION", "us-east-1"));
        env.putAll(extraEnv);
        return LambdaFunction.start(new FunctionRuntime("Fn" + handlerClass, handler, classpath, env,
                256, timeout, maxInstances, logs, RuntimeInterfaceClient.unpackJni(classpath, logs.resolve("jni"))), 0);
    }

    @Test
    void aJvmGetsLambdasC1OnlyDefaultUnlessTheFunctionsJavaToolOptionsSetItsOwn() throws Exception {
        try (LambdaFunction fn = start("JitFlags", Duration.ofSeconds(10), 1)) {
            fn.awaitReady(Duration.ofSeconds(30));
            JsonNode flags = JSON.readTree(fn.invoke("{}").get(20, TimeUnit.SECONDS).payload());
            assertEquals("1", flags.path("TieredStopAtLevel").asText(), flags.toString());
            assertEquals("true", flags.path("TieredCompilation").asText(), flags.toString());
        }
        try (LambdaFunction fn = start("JitFlags", Duration.ofSeconds(10), 1,
                Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=4"))) {
            fn.awaitReady(Duration.ofSeconds(30));
            JsonNode flags = JSON.readTree(fn.invoke("{}").get(20, TimeUnit.SECONDS).payload());
            assertEquals("4", flags.path("TieredStopAtLevel").asText(), "the function's flag wins: " + flags);
        }
    }

    @Test
    void cpuSinceInitLeavesOutTheInitAndCountsTheInvocations() throws Exception {
        try (LambdaFunction fn = start("CpuBurner", Duration.ofSeconds(20), 1)) {
            fn.awaitReady(Duration.ofSeconds(60));
            double afterInit = fn.cpuMillisSinceInit();
            assertTrue(afterInit < 400, "init's 800 ms of CPU are not counted: " + afterInit);
            assertTrue(fn.invoke("{}").get(30, TimeUnit.SECONDS).ok());
            double afterInvocation = fn.cpuMillisSinceInit();
            assertTrue(afterInvocation - afterInit >= 300, "the invocation's 300 ms are: " + afterInvocation);
        }
    }

    @Test
    void anInvocationCarriesLambdasRequestIdArnAndDeadline() throws Exception {
        try (LambdaFunction fn = start("Echo", Duration.ofSeconds(10), 1)) {
            fn.awaitReady(Duration.ofSeconds(30));
            InvokeResult result = fn.invoke("{\"hello\":1}").get(20, TimeUnit.SECONDS);
            assertTrue(result.ok(), result.toString());
            JsonNode out = JSON.readTree(result.payload());
            assertEquals("{\"hello\":1}", out.path("event").asText());
            assertEquals("arn:aws:lambda:us-east-1:000000000000:function:FnEcho", out.path("arn").asText());
            assertEquals("FnEcho", out.path("functionName").asText());
            assertEquals(36, out.path("requestId").asText().length());
            long remaining = out.path("remaining").asLong();
            assertTrue(remaining > 0 && remaining <= 10_000, "time left " + remaining);
        }
    }

    @Test
    void aThrowingHandlerIsAFunctionErrorNamingTheException() throws Exception {
        try (LambdaFunction fn = start("Thrower", Duration.ofSeconds(10), 1)) {
            fn.awaitReady(Duration.ofSeconds(30));
            InvokeResult result = fn.invoke("{}").get(20, TimeUnit.SECONDS);
            assertFalse(result.ok());
            assertTrue(result.payload().contains("boom on purpose"), result.payload());
            assertTrue(fn.invoke("{}").get(20, TimeUnit.SECONDS).payload().contains("boom on purpose"),
                    "the instance keeps serving after a function error");
        }
    }

    @Test
    void anInvocationOverTheTimeoutFailsAndItsInstanceIsReplaced() throws Exception {
        try (LambdaFunction fn = start("Sleeper", Duration.ofSeconds(1), 1)) {
            fn.awaitReady(Duration.ofSeconds(30));
            InvokeResult late = fn.invoke("30000").get(20, TimeUnit.SECONDS);
            assertEquals(new InvokeResult(false, "{\"errorMessage\":\"Task timed out after 1 seconds\"}", "Sandbox.Timedout"),
                    late);
            InvokeResult next = fn.invoke("10").get(30, TimeUnit.SECONDS);
            assertEquals("\"slept\"", next.payload(), "a fresh instance serves the next event: " + next);
        }
    }

    @Test
    void eachInvocationRecordsItsWaitAndItsDuration() throws Exception {
        try (LambdaFunction fn = start("Sleeper", Duration.ofSeconds(10), 1)) {
            fn.awaitReady(Duration.ofSeconds(30));
            assertEquals("\"slept\"", fn.invoke("300").get(20, TimeUnit.SECONDS).payload());
            List<Double> durations = fn.invocationDurations().millis();
            assertEquals(1, durations.size(), durations.toString());
            assertTrue(durations.get(0) >= 300 && durations.get(0) < 20_000, "the handler slept 300 ms: " + durations);
            assertEquals(1, fn.invocationWaits().millis().size());
            assertTrue(fn.invocationWaits().millis().get(0) >= 0);
        }
    }

    @Test
    void aJvmThatExitsMidInvocationFailsItWithRuntimeExitError() throws Exception {
        try (LambdaFunction fn = start("Exiter", Duration.ofSeconds(10), 1)) {
            List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            fn.addInvocationListener((function, r) -> heard.add(function + " " + r.ok() + " " + r.errorType()));
            fn.awaitReady(Duration.ofSeconds(30));
            InvokeResult result = fn.invoke("{}").get(20, TimeUnit.SECONDS);
            assertEquals("Runtime.ExitError", result.errorType(), result.toString());
            long deadline = System.currentTimeMillis() + 5_000;
            while (heard.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of(fn.name() + " false Runtime.ExitError"), heard, "the operations page hears of it");
        }
    }

    @Test
    void atLowLoadEveryEventGoesToTheInstanceIdleMostRecentlySoOneJvmStaysWarm() throws Exception {
        try (LambdaFunction fn = start("PidSleeper", Duration.ofSeconds(20), 3)) {
            fn.awaitReady(Duration.ofSeconds(30));
            List<CompletableFuture<InvokeResult>> burst = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                burst.add(fn.invoke("1500"));
            }
            for (CompletableFuture<InvokeResult> result : burst) {
                assertTrue(result.get(60, TimeUnit.SECONDS).ok());
            }
            assertTrue(fn.instanceCount() >= 2, "the burst started more instances: " + fn.instanceCount());
            long deadline = System.currentTimeMillis() + 60_000;
            while (fn.idleInstanceCount() < fn.instanceCount()) {
                assertTrue(System.currentTimeMillis() < deadline, "instances did not all become idle");
                Thread.sleep(50);
            }
            java.util.Set<String> servedBy = new java.util.HashSet<>();
            for (int i = 0; i < 10; i++) {
                servedBy.add(fn.invoke("0").get(20, TimeUnit.SECONDS).payload());
            }
            assertEquals(1, servedBy.size(), "one after another, the events went to " + servedBy);
        }
    }

    @Test
    void aFailedInitFailsTheStartWithTheHandlersMessage() {
        try (LambdaFunction fn = start("BrokenInit", Duration.ofSeconds(10), 1)) {
            StackStartException e = assertThrows(StackStartException.class, () -> fn.awaitReady(Duration.ofSeconds(30)));
            assertTrue(e.getMessage().startsWith("FnBrokenInit failed its init:"), e.getMessage());
            assertTrue(e.getMessage().contains("missing REQUIRED_SETTING"), e.getMessage());
        }
    }

    @Test
    void concurrentEventsStartMoreInstancesUpToTheCap() throws Exception {
        try (LambdaFunction fn = start("Sleeper", Duration.ofSeconds(20), 2)) {
            fn.awaitReady(Duration.ofSeconds(30));
            List<CompletableFuture<InvokeResult>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(fn.invoke("1500"));
            }
            int most = 0;
            for (CompletableFuture<InvokeResult> result : results) {
                while (!result.isDone()) {
                    most = Math.max(most, fn.instanceCount());
                    Thread.sleep(20);
                }
                assertEquals("\"slept\"", result.get().payload());
            }
            assertEquals(2, Math.max(most, fn.instanceCount()), "scaled to the cap of 2, not beyond");
        }
    }

    @Test
    void theHttpApiSendsThePayload20EventAndWritesTheFunctionsAnswer() throws Exception {
        try (LambdaFunction fn = start("GatewayEcho", Duration.ofSeconds(10), 1)) {
            fn.awaitReady(Duration.ofSeconds(30));
            try (HttpApiGateway api = new HttpApiGateway(0, "POST /twilio/webhook", fn, 10_000)) {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(api.url() + "?bot=OrderFlowers&x=1"))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", "sig")
                        .POST(HttpRequest.BodyPublishers.ofString("Body=hi+there&Author=ann")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(201, answer.statusCode());
                assertEquals("yes", answer.headers().firstValue("X-Echo").orElseThrow());
                JsonNode event = JSON.readTree(answer.body());
                assertEquals("2.0", event.path("version").asText());
                assertEquals("POST /twilio/webhook", event.path("routeKey").asText());
                assertEquals("/twilio/webhook", event.path("rawPath").asText());
                assertEquals("bot=OrderFlowers&x=1", event.path("rawQueryString").asText());
                assertEquals("OrderFlowers", event.path("queryStringParameters").path("bot").asText());
                assertEquals("sig", event.path("headers").path("x-twilio-signature").asText());
                assertEquals("application/x-www-form-urlencoded", event.path("headers").path("content-type").asText());
                assertTrue(event.path("isBase64Encoded").asBoolean());
                assertEquals("Body=hi+there&Author=ann", new String(Base64.getDecoder().decode(event.path("body").asText()),
                        StandardCharsets.UTF_8));
                JsonNode context = event.path("requestContext");
                assertEquals("POST", context.path("http").path("method").asText());
                assertEquals("/twilio/webhook", context.path("http").path("path").asText());
                assertEquals("127.0.0.1", context.path("http").path("sourceIp").asText());
                assertEquals("$default", context.path("stage").asText());
                assertFalse(context.path("requestId").asText().isEmpty());

                HttpResponse<String> failed = http.send(HttpRequest.newBuilder(URI.create(api.url()))
                        .POST(HttpRequest.BodyPublishers.ofString("boom")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(500, failed.statusCode());
                assertEquals("{\"message\":\"Internal Server Error\"}", failed.body());

                HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(api.url() + "x"))
                        .POST(HttpRequest.BodyPublishers.ofString("a=b")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(404, elsewhere.statusCode());
                assertEquals("{\"message\":\"Not Found\"}", elsewhere.body());
            }
        }
    }
}
