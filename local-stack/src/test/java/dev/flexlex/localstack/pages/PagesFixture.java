package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.flexlex.localflex.LocalFlexServer;
import dev.flexlex.localstack.StackInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A local Flex configured as the runner configures it (a webchat address and SMS and WhatsApp addresses, or a Flex
 * Flow, pointing at a webhook), a
 * webhook receiver that counts what Twilio sends it, and the pages server on top; plus a JSON client for the pages.
 */
final class PagesFixture implements AutoCloseable {
    static final List<String> BOTS = List.of("OrderFlowers", "OrderPizza");
    /** The shop's SMS and WhatsApp number on the conversations platform. */
    static final String SHOP_NUMBER = "+15005550006";

    final LocalFlexServer flex;
    final TwilioRest twilio;
    final StackInfo info;
    final PagesServer pages;
    final AtomicInteger webhookCalls = new AtomicInteger();
    private final HttpServer receiver;
    private final HttpClient http = HttpClient.newHttpClient();

    PagesFixture(String platform) {
        flex = LocalFlexServer.builder().port(0).start();
        try {
            receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        receiver.createContext("/webhook", exchange -> {
            webhookCalls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String webhookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook";
        twilio = new TwilioRest(flex.baseUrl(), flex.accountSid(), flex.authToken());
        String address = null;
        String flow = null;
        Map<String, String> phoneAddresses = new java.util.LinkedHashMap<>();
        if (platform.equals("conversations")) {
            address = twilio.post("/conversations/v1/Configuration/Addresses", Map.of("Type", "chat", "Address", "webchat",
                    "AutoCreation.Enabled", "true", "AutoCreation.Type", "webhook", "AutoCreation.WebhookUrl", webhookUrl,
                    "AutoCreation.WebhookFilters", "onMessageAdded")).path("sid").asText();
            for (String type : List.of("sms", "whatsapp")) {
                twilio.post("/conversations/v1/Configuration/Addresses", Map.of("Type", type, "Address", SHOP_NUMBER,
                        "AutoCreation.Enabled", "true", "AutoCreation.Type", "webhook", "AutoCreation.WebhookUrl", webhookUrl,
                        "AutoCreation.WebhookFilters", "onMessageAdded"));
            }
            phoneAddresses.put("sms", SHOP_NUMBER);
            phoneAddresses.put("whatsapp", "whatsapp:" + SHOP_NUMBER);
        } else {
            flow = twilio.post("/flex-api/v1/FlexFlows", Map.of("FriendlyName", "Webchat", "ChatServiceSid", flex.chatServiceSid(),
                    "ChannelType", "web", "IntegrationType", "external", "Integration.Url", webhookUrl)).path("sid").asText();
        }
        info = new StackInfo(platform, flex.baseUrl(), flex.accountSid(), flex.authToken(), flex.chatServiceSid(),
                flex.chatServiceSid(), flow, address, flex.workspaceSid(), flex.workflowSid(), flex.workerSid(),
                flex.taskQueueSid(), "http://127.0.0.1:1", "http://127.0.0.1:2", webhookUrl, BOTS, phoneAddresses);
        pages = PagesServer.start(0, info);
    }

    record Answer(int status, JsonNode body) {
    }

    Answer call(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pages.baseUrl() + path)).timeout(Duration.ofSeconds(10));
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isEmpty() || !r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                    ? TwilioRest.JSON.createObjectNode() : TwilioRest.JSON.readTree(r.body());
            return new Answer(r.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> page(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(pages.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a chat's event stream. */
    InputStream events(String chatSid) {
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(pages.baseUrl() + "/api/chats/" + chatSid + "/events"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("events answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a chat through the pages; answers its JSON ({@code chatSid}, {@code identity}, ...). */
    JsonNode startChat(String name) {
        Answer a = call("POST", "/api/webchat/chats", "{\"name\":\"" + name + "\",\"question\":\"Roses for Friday?\",\"bot\":\"OrderFlowers\"}");
        if (a.status() != 200) {
            throw new IllegalStateException("start chat answered " + a.status() + " " + a.body());
        }
        return a.body();
    }

    /** The chat's messages as Twilio lists them. */
    JsonNode messages(String chatSid) {
        return twilio.get(chatPath(chatSid) + "/Messages").path("messages");
    }

    JsonNode chat(String chatSid) {
        return twilio.get(chatPath(chatSid));
    }

    String chatPath(String chatSid) {
        return info.platform().equals("conversations") ? "/conversations/v1/Conversations/" + chatSid
                : "/chat/v2/Services/" + flex.chatServiceSid() + "/Channels/" + chatSid;
    }

    /** Waits (up to 15 s) for a condition on state; false when it never held. */
    static boolean eventually(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        pages.close();
        receiver.stop(0);
        flex.close();
    }
}
