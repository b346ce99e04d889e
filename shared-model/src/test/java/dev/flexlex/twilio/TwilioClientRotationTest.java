package dev.flexlex.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import com.twilio.exception.ApiException;
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

/**
 * twilio-java through {@link TwilioClient} against an in-test Twilio that accepts one token and answers any other with
 * Twilio's 401 (code 20003), as Twilio does once the token was deleted by promoting a secondary one.
 */
class TwilioClientRotationTest {
    static final String ACCOUNT = "AC00000000000000000000000000000001";
    static final String CHAT = "CH00000000000000000000000000000001";

    HttpServer server;
    volatile String accepted = "old-token";
    final List<String> tokensSeen = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                String token = new String(Base64.getDecoder().decode(auth.substring("Basic ".length())),
                        StandardCharsets.UTF_8).split(":", 2)[1];
                tokensSeen.add(token);
                boolean ok = token.equals(accepted);
                String body = ok
                        ? "{\"sid\":\"IM00000000000000000000000000000001\",\"conversation_sid\":\"" + CHAT + "\",\"body\":\"hi\",\"index\":0}"
                        : "{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(ok ? 201 : 401, bytes.length);
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

    TwilioClient client(TwilioCredentials credentials) {
        return TwilioClient.create(credentials, TwilioApiAddress.of("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    static Message post(TwilioClient twilio) {
        return Message.creator(CHAT).setAuthor("bot").setBody("hi").create(twilio.get());
    }

    @Test
    void a401ReReadsTheSecretAndSendsTheSameRequestOnceWithTheNewToken() {
        RotatingCredentials credentials = new RotatingCredentials("old-token");
        TwilioClient twilio = client(credentials);
        post(twilio);

        accepted = "new-token";         // promoted in Twilio: the old token is deleted
        credentials.stored = "new-token"; // and in the secret
        post(twilio);

        assertEquals(List.of("old-token", "old-token", "new-token"), tokensSeen);
        assertEquals(1, credentials.reReads.get());
        post(twilio);
        assertEquals("new-token", tokensSeen.get(3), "later calls use the new token from the start");
        assertEquals(1, credentials.rejections.get());
    }

    @Test
    void a401WithNoNewTokenIsTwiliosErrorAndNothingIsResent() {
        RotatingCredentials credentials = new RotatingCredentials("old-token");
        TwilioClient twilio = client(credentials);
        accepted = "new-token"; // promoted in Twilio, the secret not updated yet

        ApiException e = assertThrows(ApiException.class, () -> post(twilio));

        assertEquals(401, e.getStatusCode());
        assertEquals(List.of("old-token"), tokensSeen, "the re-read brought the same token: not resent");
        assertEquals(1, credentials.reReads.get());

        credentials.allowReRead = false; // rate-limited
        assertThrows(ApiException.class, () -> post(twilio));
        assertEquals(2, tokensSeen.size());
    }

    @Test
    void a401WhileAnotherCallReReadTheSecretIsResentWithItsToken() {
        RotatingCredentials credentials = new RotatingCredentials("old-token");
        TwilioClient twilio = client(credentials);
        accepted = "new-token";
        credentials.stored = "new-token";
        credentials.reReadByAnotherThread = true; // this call's re-read is refused, another call's brought the token

        post(twilio);

        assertEquals(List.of("old-token", "new-token"), tokensSeen);
        assertEquals(0, credentials.reReads.get());
    }
}
