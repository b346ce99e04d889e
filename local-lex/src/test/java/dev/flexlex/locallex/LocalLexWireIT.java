package dev.flexlex.locallex;

import static dev.flexlex.locallex.testing.OrderFlowers.BOT_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.testing.LexClients;
import dev.flexlex.locallex.testing.OrderFlowers;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lexruntimev2.LexRuntimeV2Client;
import software.amazon.awssdk.services.lexruntimev2.model.RecognizeTextResponse;

/**
 * The same conversation three ways: SigV4-signed through the Java SDK, unsigned through
 * {@code java.net.http}, and over cleartext HTTP/2 with prior knowledge (as the JavaScript SDK v3 speaks
 * to an {@code http://} endpoint) through Jetty's HTTP/2 client. All get the same answers.
 */
class LocalLexWireIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> SCRIPT = List.of("I would like to order some flowers", "roses", "2026-11-26", "5 pm", "yes");
    private static LocalLexServer server;
    private static LexRuntimeV2Client sdk;
    private static org.eclipse.jetty.client.HttpClient h2c;
    private static final HttpClient PLAIN = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        server = LocalLexServer.builder().port(0).bot(OrderFlowers.bot(java.time.Clock.systemUTC())).start();
        sdk = LexClients.client(server.baseUrl());
        h2c = new org.eclipse.jetty.client.HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
        h2c.start();
    }

    @AfterAll
    static void stop() throws Exception {
        h2c.stop();
        sdk.close();
        server.close();
    }

    private static String textPath(String sessionId) {
        return "/bots/" + BOT_ID + "/botAliases/TSTALIASID/botLocales/en_US/sessions/" + sessionId + "/text";
    }

    @Test
    void unsignedRequestsGetTheSameAnswersAsSignedOnes() throws Exception {
        for (String text : SCRIPT) {
            RecognizeTextResponse signed = sdk.recognizeText(r -> r.botId(BOT_ID).botAliasId("TSTALIASID")
                    .localeId("en_US").sessionId("signed-1").text(text));
            HttpResponse<String> unsigned = PLAIN.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + textPath("unsigned-1")))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(MAPPER.createObjectNode().put("text", text).toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, unsigned.statusCode(), unsigned.body());
            assertEquals("application/json", unsigned.headers().firstValue("Content-Type").orElseThrow());
            assertSameTurn(MAPPER.readTree(sdkJson(signed)), MAPPER.readTree(unsigned.body()), "unsigned-1");
        }
    }

    @Test
    void cleartextHttp2WithPriorKnowledgeGetsTheSameAnswersAsHttp11() throws Exception {
        for (String text : SCRIPT) {
            RecognizeTextResponse http11 = sdk.recognizeText(r -> r.botId(BOT_ID).botAliasId("TSTALIASID")
                    .localeId("en_US").sessionId("h11-1").text(text));
            ContentResponse http2 = h2c.POST(server.baseUrl() + textPath("h2c-1"))
                    .body(new StringRequestContent("application/json", MAPPER.createObjectNode().put("text", text).toString()))
                    .send();
            assertEquals(HttpVersion.HTTP_2, http2.getVersion());
            assertEquals(200, http2.getStatus(), http2.getContentAsString());
            assertSameTurn(MAPPER.readTree(sdkJson(http11)), MAPPER.readTree(http2.getContentAsString()), "h2c-1");
        }
    }

    @Test
    void http2CarriesPutSessionHeadersAndErrorsToo() throws Exception {
        String sessionPath = "/bots/" + BOT_ID + "/botAliases/TSTALIASID/botLocales/en_US/sessions/h2c-put";
        ContentResponse put = h2c.POST(server.baseUrl() + sessionPath)
                .body(new StringRequestContent("application/json",
                        "{\"sessionState\":{\"sessionAttributes\":{\"k\":\"v\"}},"
                                + "\"messages\":[{\"contentType\":\"PlainText\",\"content\":\"Hello\"}]}"))
                .send();
        assertEquals(HttpVersion.HTTP_2, put.getVersion());
        assertEquals(200, put.getStatus(), put.getContentAsString());
        assertEquals("h2c-put", put.getHeaders().get("x-amz-lex-session-id"));
        assertEquals("v", gunzip(put.getHeaders().get("x-amz-lex-session-state")).path("sessionAttributes").path("k").asText());
        assertEquals("Hello", gunzip(put.getHeaders().get("x-amz-lex-messages")).path(0).path("content").asText());

        ContentResponse missing = h2c.newRequest(server.baseUrl() + sessionPath.replace("h2c-put", "h2c-none"))
                .method(HttpMethod.GET).send();
        assertEquals(404, missing.getStatus());
        assertEquals("ResourceNotFoundException", missing.getHeaders().get("x-amzn-ErrorType"));
        assertFalse(MAPPER.readTree(missing.getContentAsString()).path("message").asText().isEmpty());
    }

    /** The SDK's parsed response, written back as the runtime's JSON through the SDK's own model. */
    /**
     * Lex counts a prompt's retries on the server; local-lex does too, and never lets that memory reach the
     * wire: every member of every answered {@code sessionState} is one the runtime model defines, and the
     * count still works (the third wrong answer to a prompt with MaxRetries 2 gives up for the fallback intent).
     */
    @Test
    void answeredSessionStatesHoldOnlyModelMembersWhileRetriesAreStillCounted() throws Exception {
        JsonNode model = MAPPER.readTree(java.nio.file.Path.of("..", "..", "shared", "contracts", "aws",
                "lexv2-runtime-2020-08-07.service-2.json").toFile());
        java.util.Set<String> allowed = new java.util.HashSet<>();
        model.path("shapes").path("SessionState").path("members").fieldNames().forEachRemaining(allowed::add);
        String session = "retries-on-the-server";
        List<String> turns = List.of("I would like to order some flowers", "a bicycle", "a spaceship", "a submarine");
        JsonNode last = null;
        for (String text : turns) {
            HttpResponse<String> answer = PLAIN.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + textPath(session)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(MAPPER.createObjectNode().put("text", text).toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            last = MAPPER.readTree(answer.body());
            assertOnlyModelMembers(last.path("sessionState"), allowed);
        }
        assertEquals("FallbackIntent", last.path("sessionState").path("intent").path("name").asText(), last.toString());
        HttpResponse<String> session1 = PLAIN.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + textPath(session).replace("/text", ""))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, session1.statusCode(), session1.body());
        assertOnlyModelMembers(MAPPER.readTree(session1.body()).path("sessionState"), allowed);
    }

    private static void assertOnlyModelMembers(JsonNode state, java.util.Set<String> allowed) {
        assertFalse(allowed.isEmpty(), "the runtime model's SessionState members were not read");
        state.fieldNames().forEachRemaining(name -> assertTrue(allowed.contains(name),
                "sessionState member '" + name + "' is not in the runtime model: " + state));
    }

    private static String sdkJson(RecognizeTextResponse response) throws Exception {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("sessionId", response.sessionId());
        json.set("messages", MAPPER.valueToTree(response.messages().stream()
                .map(m -> MAPPER.createObjectNode().put("contentType", m.contentTypeAsString()).put("content", m.content()))
                .toList()));
        json.put("intent", response.sessionState().intent().name());
        json.put("dialogAction", response.sessionState().dialogAction().typeAsString());
        json.put("slotToElicit", response.sessionState().dialogAction().slotToElicit());
        json.put("interpretations", response.interpretations().size());
        return json.toString();
    }

    private static void assertSameTurn(JsonNode expected, JsonNode actual, String sessionId) {
        assertEquals(sessionId, actual.path("sessionId").asText());
        assertEquals(expected.get("messages"), actual.get("messages"));
        JsonNode state = actual.path("sessionState");
        assertEquals(expected.path("intent").asText(), state.path("intent").path("name").asText());
        assertEquals(expected.path("dialogAction").asText(), state.path("dialogAction").path("type").asText());
        assertEquals(expected.path("slotToElicit").asText(null), state.path("dialogAction").path("slotToElicit").asText(null));
        assertEquals(expected.path("interpretations").asInt(), actual.path("interpretations").size());
        assertNotNull(state.get("originatingRequestId"));
    }

    private static JsonNode gunzip(String header) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(header)))) {
            return MAPPER.readTree(in);
        }
    }
}
