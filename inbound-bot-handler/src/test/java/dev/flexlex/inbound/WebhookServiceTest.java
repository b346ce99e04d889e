package dev.flexlex.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.chat.ChatNotFoundException;
import dev.flexlex.chat.TransientChatException;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.ChatChannel;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.queue.QueuePublishException;
import dev.flexlex.queue.QueuePublisher;
import dev.flexlex.registry.BotRegistry;
import dev.flexlex.twilio.TwilioCredentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The webhook's rules over fakes of our own interfaces and the real signature check. */
class WebhookServiceTest {
    static final String URL = "https://abc123defg.execute-api.us-east-1.amazonaws.com/twilio/webhook";
    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    static final String CHAT = "CH00000000000000000000000000000001";
    static final String MESSAGE = "IM00000000000000000000000000000001";
    static final Instant NOW = Instant.parse("2026-11-25T22:00:00Z");
    static final String REGISTRY = "{\"defaultBot\":\"OrderFlowers\",\"bots\":{"
            + "\"OrderFlowers\":{\"botId\":\"B1\",\"botAliasId\":\"A1\",\"localeId\":\"en_US\",\"agentIntents\":[\"TalkToAgent\"],\"closingIntents\":[\"OrderFlowers\"]},"
            + "\"OrderPizza\":{\"botId\":\"B2\",\"botAliasId\":\"A2\",\"localeId\":\"en_US\",\"agentIntents\":[],\"closingIntents\":[]}}}";

    record Sent(String group, String dedup, Object record) {
    }

    static final class RecordingQueue implements QueuePublisher {
        final List<Sent> sent = new ArrayList<>();
        boolean down;
        /** Sends refused before the queue comes back. */
        int refusals;

        @Override
        public void publish(String groupId, String dedupId, Object record) {
            if (down || refusals-- > 0) {
                throw new QueuePublishException("SQS is down", null);
            }
            sent.add(new Sent(groupId, dedupId, record));
        }
    }

    static final class FakeFacts implements ChatFactsSource {
        ChatFacts facts = ChatFacts.NONE;
        RuntimeException failure;
        final List<String> asked = new ArrayList<>();

        @Override
        public ChatFacts facts(ChatPlatformKind platform, String serviceSid, String chatSid) {
            asked.add(platform.wireName() + " " + serviceSid + " " + chatSid);
            if (failure != null) {
                throw failure;
            }
            return facts;
        }
    }

    static final TwilioCredentials CREDENTIALS = new TwilioCredentials() {
        @Override
        public String accountSid() {
            return "AC00000000000000000000000000000001";
        }

        @Override
        public String authToken() {
            return TOKEN;
        }
    };

    final RecordingQueue queue = new RecordingQueue();
    final FakeFacts facts = new FakeFacts();

    /** The enqueue's clock: pauses between attempts advance it instead of sleeping. */
    long nanos;
    final List<Duration> pauses = new ArrayList<>();

    WebhookService service(String registry, ChatPlatformKind platform) {
        BudgetedEnqueue enqueue = new BudgetedEnqueue(queue, BudgetedEnqueue.BUDGET, () -> nanos, d -> {
            pauses.add(d);
            nanos += d.toNanos();
        });
        return new WebhookService(platform, new TwilioSignatureVerifier(URL, CREDENTIALS), BotRegistry.parse(registry),
                facts, enqueue, "bot", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    WebhookService service() {
        return service(REGISTRY, ChatPlatformKind.CONVERSATIONS);
    }

    static Map<String, String> conversationsMessage() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("EventType", "onMessageAdded");
        form.put("AccountSid", "AC00000000000000000000000000000001");
        form.put("ConversationSid", CHAT);
        form.put("ChatServiceSid", "IS00000000000000000000000000000001");
        form.put("MessageSid", MESSAGE);
        form.put("WebhookSid", "WH00000000000000000000000000000001");
        form.put("Author", "customer-42");
        form.put("Body", "I would like to order flowers");
        form.put("Attributes", "{}");
        form.put("Source", "SDK");
        return form;
    }

    static Map<String, String> chatMessage() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("EventType", "onMessageSent");
        form.put("ChannelSid", "CH00000000000000000000000000000002");
        form.put("InstanceSid", "IS00000000000000000000000000000002");
        form.put("MessageSid", "IM00000000000000000000000000000002");
        form.put("From", "customer-43");
        form.put("Body", "hi");
        form.put("Source", "SDK");
        return form;
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Twilio's documented signature: HMAC-SHA1 over URL + sorted name/value pairs, base64. */
    static String sign(String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static WebhookRequest signed(String query, Map<String, String> form) {
        return new WebhookRequest(query, encode(form), sign(query == null ? URL : URL + "?" + query, form));
    }

    static JsonNode json(WebhookResponse response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    BotTurn onlyTurn() {
        assertEquals(1, queue.sent.size());
        return (BotTurn) queue.sent.get(0).record();
    }

    @Test
    void aSignedCustomerMessageIsEnqueuedAsATurn() {
        facts.facts = new ChatFacts(null, "Ada", null);

        WebhookResponse response = service().handle(signed(null, conversationsMessage()));

        assertEquals(200, response.status());
        assertEquals(CHAT, queue.sent.get(0).group());
        assertEquals(MESSAGE, queue.sent.get(0).dedup());
        assertEquals(new BotTurn(1, ChatPlatformKind.CONVERSATIONS, CHAT, MESSAGE, "WH00000000000000000000000000000001",
                "customer-42", "Ada", "OrderFlowers", "I would like to order flowers", NOW), onlyTurn());
    }

    /** An inbound SMS or WhatsApp message as Twilio posts it for a participant bound to the phone. */
    static Map<String, String> phoneMessage(String author, String body) {
        Map<String, String> form = conversationsMessage();
        form.put("Author", author);
        form.put("Body", body);
        form.put("ParticipantSid", "MB00000000000000000000000000000001");
        form.put("Source", "SMS");
        return form;
    }

    @Test
    void anSmsMessageIsATurnOnSmsWithTheNumberAsIdentityAndMaskedAsNameAndTheDefaultBot() {
        WebhookResponse response = service().handle(signed(null, phoneMessage("+15005550006", "hello")));

        assertEquals(200, response.status());
        assertEquals(new BotTurn(1, ChatPlatformKind.CONVERSATIONS, CHAT, MESSAGE, "WH00000000000000000000000000000001",
                "+15005550006", "+1•••••0006", "OrderFlowers", "hello", NOW, 0, ChatChannel.SMS), onlyTurn());
    }

    @Test
    void aWhatsAppMessageIsATurnOnWhatsAppWithTheBotOfTheWebhookUrlAndTheNameFromTheAttributes() {
        facts.facts = new ChatFacts(null, "Ada", null);

        service().handle(signed("bot=OrderPizza", phoneMessage("whatsapp:+447700900123", "hello")));

        BotTurn turn = onlyTurn();
        assertEquals(ChatChannel.WHATSAPP, turn.channel());
        assertEquals("whatsapp:+447700900123", turn.customerIdentity());
        assertEquals("Ada", turn.customerName());
        assertEquals("OrderPizza", turn.botName());
    }

    @Test
    void aWebchatMessageStaysOnWebEvenWhenItsIdentityLooksLikeANumberIfTheChatNamesItsCustomer() {
        facts.facts = new ChatFacts(null, "Ada", "+15005550006");

        service().handle(signed(null, phoneMessage("+15005550006", "hi")));

        assertEquals(ChatChannel.WEB, onlyTurn().channel());
        assertEquals("Ada", onlyTurn().customerName());
    }

    @Test
    void aWebchatMessageWithPreEngagementDataIsOnWeb() {
        Map<String, String> form = conversationsMessage();
        form.put("Attributes", "{\"pre_engagement_data\":{\"friendlyName\":\"Ada\"}}");

        service().handle(signed(null, form));

        assertEquals(ChatChannel.WEB, onlyTurn().channel());
        assertEquals("Ada", onlyTurn().customerName());
    }

    @Test
    void aLegacyChatMessageIsOnTheChatChannel() {
        service(REGISTRY, ChatPlatformKind.CHAT).handle(signed(null, chatMessage()));

        assertEquals(ChatChannel.CHAT, onlyTurn().channel());
    }

    @Test
    void aBadOrMissingSignatureIs403AndNothingIsEnqueued() {
        Map<String, String> form = conversationsMessage();
        WebhookRequest tampered = new WebhookRequest(null, encode(form).replace("flowers", "weeds"), sign(URL, form));
        WebhookRequest unsigned = new WebhookRequest(null, encode(form), null);
        WebhookRequest otherUrl = new WebhookRequest(null, encode(form), sign(URL + "/x", form));

        for (WebhookRequest request : List.of(tampered, unsigned, otherUrl)) {
            WebhookResponse response = service().handle(request);
            assertEquals(403, response.status());
            assertTrue(json(response).path("error").asText().contains("X-Twilio-Signature"));
        }
        assertEquals(List.of(), queue.sent);
        assertEquals(List.of(), facts.asked);
    }

    @Test
    void aMissingFieldIs400NamingIt() {
        for (String field : List.of("MessageSid", "ConversationSid", "Author")) {
            Map<String, String> form = conversationsMessage();
            form.remove(field);

            WebhookResponse response = service().handle(signed(null, form));

            assertEquals(400, response.status(), field);
            assertEquals(field, json(response).path("field").asText());
        }
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void aMediaOnlyMessageWithoutBodyIsEnqueuedWithItsMediaCount() {
        Map<String, String> form = conversationsMessage();
        form.remove("Body");
        form.put("Media", "[{\"Sid\":\"ME00000000000000000000000000000001\",\"ContentType\":\"image/png\"},"
                + "{\"Sid\":\"ME00000000000000000000000000000002\",\"ContentType\":\"image/jpeg\"}]");

        WebhookResponse response = service().handle(signed(null, form));

        assertEquals(200, response.status(), response.body());
        BotTurn turn = onlyTurn();
        assertEquals("", turn.text());
        assertEquals(2, turn.mediaCount());
    }

    @Test
    void mediaIsCountedFromAChatMediaSidAndFromAMediaValueThatIsNotAnArray() {
        Map<String, String> chat = chatMessage();
        chat.put("Body", "");
        chat.put("MediaSid", "ME00000000000000000000000000000001");
        Map<String, String> odd = conversationsMessage();
        odd.put("Body", "");
        odd.put("Media", "not json");

        service(REGISTRY, ChatPlatformKind.CHAT).handle(signed(null, chat));
        service().handle(signed(null, odd));

        assertEquals(2, queue.sent.size());
        assertEquals(1, ((BotTurn) queue.sent.get(0).record()).mediaCount());
        assertEquals(1, ((BotTurn) queue.sent.get(1).record()).mediaCount());
    }

    @Test
    void aMalformedSidIs400NamingIt() {
        Map<String, String> form = conversationsMessage();
        form.put("MessageSid", "IM-not-a-sid");

        WebhookResponse response = service().handle(signed(null, form));

        assertEquals(400, response.status());
        assertEquals("MessageSid", json(response).path("field").asText());
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void aMalformedOptionalWebhookSidIs400Too() {
        Map<String, String> form = conversationsMessage();
        form.put("WebhookSid", "nope");

        WebhookResponse response = service().handle(signed(null, form));

        assertEquals(400, response.status());
        assertEquals("WebhookSid", json(response).path("field").asText());
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void aMissingEventTypeIs400() {
        Map<String, String> form = conversationsMessage();
        form.remove("EventType");

        assertEquals("EventType", json(service().handle(signed(null, form))).path("field").asText());
    }

    @Test
    void aBodyWithABrokenPercentEscapeIs400() {
        WebhookResponse response = service().handle(new WebhookRequest(null, "EventType=%zz", "sig"));

        assertEquals(400, response.status());
        assertEquals("body", json(response).path("field").asText());
    }

    @Test
    void theBotsOwnMessagesAreIgnored() {
        Map<String, String> byAuthor = conversationsMessage();
        byAuthor.put("Author", "bot");
        Map<String, String> byTag = conversationsMessage();
        byTag.put("Author", "someone");
        byTag.put("Source", "API");
        byTag.put("Attributes", "{\"flexLex\":{\"turn\":\"IM1\",\"part\":1,\"parts\":1}}");

        for (Map<String, String> form : List.of(byAuthor, byTag)) {
            WebhookResponse response = service().handle(signed(null, form));
            assertEquals(200, response.status());
            assertEquals("ignored", json(response).path("status").asText());
        }
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void anAgentsMessageIsIgnoredWhenTheChatNamesItsCustomer() {
        facts.facts = new ChatFacts(null, "Ada", "customer-42");
        Map<String, String> form = conversationsMessage();
        form.put("Author", "agent@example.com");

        assertEquals("ignored", json(service().handle(signed(null, form))).path("status").asText());
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void aCustomerMessageSentThroughTheApiIsATurn() {
        Map<String, String> form = conversationsMessage();
        form.put("Source", "API");

        assertEquals(200, service().handle(signed(null, form)).status());
        assertEquals(1, queue.sent.size());
    }

    @Test
    void theBotOnTheWebhookUrlOverridesThePreEngagementData() {
        facts.facts = new ChatFacts("OrderFlowers", null, null);

        service().handle(signed("bot=OrderPizza", conversationsMessage()));

        assertEquals("OrderPizza", onlyTurn().botName());
    }

    @Test
    void thePreEngagementDataNamesTheBot() {
        facts.facts = new ChatFacts("OrderPizza", null, null);

        service().handle(signed(null, conversationsMessage()));

        assertEquals("OrderPizza", onlyTurn().botName());
        assertEquals(List.of("conversations IS00000000000000000000000000000001 " + CHAT), facts.asked);
    }

    @Test
    void preEngagementDataInTheMessageAttributesSavesTheFetch() {
        Map<String, String> form = conversationsMessage();
        form.put("Attributes", "{\"pre_engagement_data\":{\"botName\":\"OrderPizza\",\"friendlyName\":\"Ada\"}}");

        service().handle(signed(null, form));

        assertEquals("OrderPizza", onlyTurn().botName());
        assertEquals("Ada", onlyTurn().customerName());
        assertEquals(List.of(), facts.asked);
    }

    @Test
    void anUnknownBotFallsBackToTheDefault() {
        service().handle(signed("bot=NoSuchBot", conversationsMessage()));

        assertEquals("OrderFlowers", onlyTurn().botName());
    }

    @Test
    void anUnknownBotWithoutADefaultIsStillATurnForAnAgent() {
        String noDefault = REGISTRY.replace("\"defaultBot\":\"OrderFlowers\",", "");

        WebhookResponse response = service(noDefault, ChatPlatformKind.CONVERSATIONS)
                .handle(signed("bot=NoSuchBot", conversationsMessage()));

        assertEquals(200, response.status());
        assertNull(onlyTurn().botName());
    }

    @Test
    void otherEventTypesAreAcknowledgedAndIgnored() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("EventType", "onConversationStateUpdated");
        form.put("ConversationSid", CHAT);

        WebhookResponse response = service().handle(signed(null, form));

        assertEquals(200, response.status());
        assertEquals("ignored", json(response).path("status").asText());
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void aProgrammableChatMessageIsReadFromItsOwnFields() {
        service(REGISTRY, ChatPlatformKind.CHAT).handle(signed(null, chatMessage()));

        BotTurn turn = onlyTurn();
        assertEquals(ChatPlatformKind.CHAT, turn.platform());
        assertEquals("customer-43", turn.customerIdentity());
        assertNull(turn.webhookSid());
        assertEquals(List.of("chat IS00000000000000000000000000000002 CH00000000000000000000000000000002"), facts.asked);
    }

    @Test
    void anEventOfTheOtherPlatformIs400() {
        WebhookResponse response = service(REGISTRY, ChatPlatformKind.CHAT).handle(signed(null, conversationsMessage()));

        assertEquals(400, response.status());
        assertEquals("EventType", json(response).path("field").asText());
        assertEquals(List.of(), queue.sent);
    }

    @Test
    void anSqsFailureOutlastingTheWebhooksTimeBudgetIs5xx() {
        queue.down = true;

        WebhookResponse response = service().handle(signed(null, conversationsMessage()));

        assertEquals(503, response.status());
        assertTrue(queue.sent.isEmpty());
        assertTrue(pauses.stream().mapToLong(Duration::toMillis).sum() <= BudgetedEnqueue.BUDGET.toMillis());
    }

    @Test
    void withTheConnectionOverrideFragmentInWebhookPublicUrlTheSignatureStillChecks() {
        String fragment = "#ct=2000&rt=5000&tt=15000&rc=2&rp=ct,rt,5xx";
        WebhookService withFragment = new WebhookService(ChatPlatformKind.CONVERSATIONS,
                new TwilioSignatureVerifier(URL + fragment, CREDENTIALS), BotRegistry.parse(REGISTRY), facts, queue,
                "bot", Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, String> form = conversationsMessage();

        assertEquals(200, withFragment.handle(signed("bot=OrderPizza", form)).status(),
                "signed over the URL as requested: the fragment is never sent");
        assertEquals(200, withFragment.handle(new WebhookRequest("bot=OrderPizza", encode(form),
                sign(URL + "?bot=OrderPizza" + fragment, form))).status(), "signed over the URL as configured");
        assertEquals(403, withFragment.handle(new WebhookRequest(null, encode(form),
                sign(URL + "#rc=5", form))).status());
        assertEquals(2, queue.sent.size());
    }

    @Test
    void anSqsFailurePassingWithinTheBudgetIsRetriedAndTheTurnEnqueuedOnce() {
        queue.refusals = 3;

        WebhookResponse response = service().handle(signed(null, conversationsMessage()));

        assertEquals(200, response.status(), "Twilio's default policy would not retry a 5xx: the message would be lost");
        assertEquals(1, queue.sent.size());
        assertEquals(3, pauses.size());
    }

    @Test
    void twilioUnreachableForTheChatIs5xxAndAGoneChatIsIgnored() {
        facts.failure = new TransientChatException("down", 503, null);
        assertEquals(503, service().handle(signed(null, conversationsMessage())).status());

        facts.failure = new ChatNotFoundException("gone", null);
        assertEquals("ignored", json(service().handle(signed(null, conversationsMessage()))).path("status").asText());
        assertEquals(List.of(), queue.sent);
    }
}
