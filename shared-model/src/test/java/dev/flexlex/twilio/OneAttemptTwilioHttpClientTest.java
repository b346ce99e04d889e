package dev.flexlex.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.conversation.Message;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One attempt per call, whatever the status, through the real twilio-java request path. */
class OneAttemptTwilioHttpClientTest {
    static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    static final String AUTH_TOKEN = "test-auth-token-0001";
    HttpServer server;
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    volatile int status = 500;
    volatile String body = "<html>Bad gateway</html>";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + exchange.getRequestHeaders().getFirst("Authorization") + " " + form);
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    TwilioRestClient client() {
        return new TwilioRestClient.Builder(ACCOUNT_SID, AUTH_TOKEN)
                .httpClient(new OneAttemptTwilioHttpClient(
                        TwilioApiAddress.of("http://127.0.0.1:" + server.getAddress().getPort())))
                .build();
    }

    @Test
    void aServerErrorOnAPostIsSentOnceAndSurfacesWithItsStatus() {
        ApiException e = assertThrows(ApiException.class,
                () -> Message.creator("CH1").setAuthor("bot").setBody("Hi").create(client()));

        assertEquals(1, seen.size(), "twilio-java's default client would have sent this POST up to 4 times");
        assertEquals(500, e.getStatusCode(), "status kept although the body was HTML");
    }

    @Test
    void sendsTheMappedUrlWithBasicAuthAndTheFormBody() {
        status = 201;
        body = "{\"sid\":\"IM1\",\"body\":\"Hi\"}";

        Message message = Message.creator("CH1").setAuthor("bot").setBody("Hi there").create(client());

        assertEquals("IM1", message.getSid());
        String auth = "Basic " + Base64.getEncoder().encodeToString(
                (ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("POST /conversations/v1/Conversations/CH1/Messages " + auth + " Author=bot&Body=Hi+there"),
                seen);
    }

    @Test
    void reliableRequestWithRetrySettingsStillMakesOneAttempt() {
        OneAttemptTwilioHttpClient http = new OneAttemptTwilioHttpClient(
                TwilioApiAddress.of("http://127.0.0.1:" + server.getAddress().getPort()));
        Request request = new Request(HttpMethod.GET, "conversations", "/v1/Conversations/CH1");

        Response response = http.reliableRequest(request, new int[] {500}, 5, 1);

        assertEquals(500, response.getStatusCode());
        assertEquals(1, seen.size());
    }

    @Test
    void aRefusedConnectionIsAConnectionError() {
        int port = server.getAddress().getPort();
        server.stop(0);
        OneAttemptTwilioHttpClient http = new OneAttemptTwilioHttpClient(TwilioApiAddress.of("http://127.0.0.1:" + port));

        ApiConnectionException e = assertThrows(ApiConnectionException.class,
                () -> http.makeRequest(new Request(HttpMethod.GET, "conversations", "/v1/Conversations/CH1")));
        assertTrue(e.getMessage().contains("/conversations/v1/Conversations/CH1"));
    }

    @Test
    void jsonErrorBodiesAreLeftAlone() {
        assertEquals("{\"code\":20404}", OneAttemptTwilioHttpClient.errorBodyWithStatus(404, "{\"code\":20404}"));
        assertEquals("<ok>", OneAttemptTwilioHttpClient.errorBodyWithStatus(200, "<ok>"));
        assertTrue(OneAttemptTwilioHttpClient.errorBodyWithStatus(503, "").contains("\"status\":503"));
    }
}
