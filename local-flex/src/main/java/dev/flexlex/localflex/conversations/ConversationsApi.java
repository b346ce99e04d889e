package dev.flexlex.localflex.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localflex.Account;
import dev.flexlex.localflex.http.ApiException;
import dev.flexlex.localflex.http.ApiRequest;
import dev.flexlex.localflex.http.ApiResponse;
import dev.flexlex.localflex.http.Json;
import dev.flexlex.localflex.http.MessageBodies;
import dev.flexlex.localflex.http.Paging;
import dev.flexlex.localflex.http.Routes;
import dev.flexlex.localflex.http.Sids;
import dev.flexlex.localflex.http.Table;
import dev.flexlex.localflex.http.Urls;
import dev.flexlex.localflex.messaging.ChatStore;
import dev.flexlex.localflex.messaging.WebhookConfiguration;
import dev.flexlex.localflex.webhook.WebhookDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code conversations.twilio.com/v1}: Conversations, Participants, Messages, conversation-scoped Webhooks
 * and Configuration/Addresses. A message posted with {@code X-Twilio-Webhook-Enabled: true} fires
 * {@code onMessageAdded} to the conversation's webhooks whose filters name it. Messages and webhooks are kept,
 * and fired, by a {@link ChatStore}.
 *
 * <p>SMS and WhatsApp: a participant bound by {@code MessagingBinding.Address}/{@code ProxyAddress} gets Twilio's
 * {@code messaging_binding}; every message another author posts to its conversation is recorded as delivered to that
 * phone ({@link #phoneMessages}); {@link #inbound} plays a message from a phone to an sms/whatsapp address as Twilio's
 * inbound autocreation does (the carrier's side, local-only).
 */
public final class ConversationsApi {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationsApi.class);
    static final String PRODUCT = "conversations";

    private final Account account;
    private final String chatServiceSid;
    private final String messagingServiceSid;
    private final Table conversations = new Table();
    private final ChatStore chats;
    private final Table participants;
    private final Table addresses = new Table();
    /** Phone address (a binding's {@code address}) → the messages delivered to it, oldest first. */
    private final Map<String, List<PhoneMessage>> delivered = new LinkedHashMap<>();

    public ConversationsApi(Account account, String chatServiceSid, WebhookDispatcher webhooks, int webhookRetries) {
        this.account = account;
        this.chatServiceSid = chatServiceSid;
        this.messagingServiceSid = account.defaultSid("MG", "Default Conversations Messaging Service");
        this.chats = new ChatStore("conversation_sid", "target", webhooks, webhookRetries);
        this.participants = chats.members();
    }

    public void register(Routes r) {
        r.add("POST", "/v1/Conversations", (q, v) -> ApiResponse.created(createConversation(q)))
                .add("GET", "/v1/Conversations", (q, v) -> listConversations(q))
                .add("GET", "/v1/Conversations/{}", (q, v) -> ApiResponse.ok(conversation(v.get(0), q)))
                .add("POST", "/v1/Conversations/{}", (q, v) -> ApiResponse.ok(updateConversation(conversation(v.get(0), q), q)))
                .add("DELETE", "/v1/Conversations/{}", (q, v) -> deleteConversation(conversation(v.get(0), q)))
                .add("POST", "/v1/Conversations/{}/Participants", (q, v) -> ApiResponse.created(createParticipant(conversation(v.get(0), q), q)))
                .add("GET", "/v1/Conversations/{}/Participants", (q, v) -> Paging.page(q, "participants",
                        participants.children("conversation_sid", conversation(v.get(0), q).get("sid").asText())))
                .add("GET", "/v1/Conversations/{}/Participants/{}", (q, v) -> ApiResponse.ok(participant(v, q)))
                .add("POST", "/v1/Conversations/{}/Participants/{}", (q, v) -> ApiResponse.ok(updateParticipant(participant(v, q), q)))
                .add("DELETE", "/v1/Conversations/{}/Participants/{}", (q, v) -> remove(participants, participant(v, q)))
                .add("POST", "/v1/Conversations/{}/Messages", (q, v) -> ApiResponse.created(createMessage(conversation(v.get(0), q), q)))
                .add("GET", "/v1/Conversations/{}/Messages", (q, v) -> listMessages(conversation(v.get(0), q), q))
                .add("GET", "/v1/Conversations/{}/Messages/{}", (q, v) -> ApiResponse.ok(message(v, q)))
                .add("POST", "/v1/Conversations/{}/Messages/{}", (q, v) -> ApiResponse.ok(updateMessage(message(v, q), q)))
                .add("DELETE", "/v1/Conversations/{}/Messages/{}", (q, v) -> {
                    chats.messages().remove(message(v, q).get("sid").asText());
                    return ApiResponse.noContent();
                })
                .add("POST", "/v1/Conversations/{}/Webhooks", (q, v) -> ApiResponse.created(createWebhook(conversation(v.get(0), q), q)))
                .add("GET", "/v1/Conversations/{}/Webhooks", (q, v) -> Paging.page(q, "webhooks",
                        chats.webhooks().childrenOf(conversation(v.get(0), q).get("sid").asText())))
                .add("GET", "/v1/Conversations/{}/Webhooks/{}", (q, v) -> ApiResponse.ok(webhook(v, q)))
                .add("POST", "/v1/Conversations/{}/Webhooks/{}", (q, v) -> {
                    ObjectNode w = webhook(v, q);
                    ChatStore.updateWebhook(w, q);
                    return ApiResponse.ok(w);
                })
                .add("DELETE", "/v1/Conversations/{}/Webhooks/{}", (q, v) -> {
                    chats.webhooks().remove(webhook(v, q).get("sid").asText());
                    return ApiResponse.noContent();
                })
                .add("POST", "/v1/Configuration/Addresses", (q, v) -> ApiResponse.created(createAddress(q)))
                .add("GET", "/v1/Configuration/Addresses", (q, v) -> Paging.page(q, "address_configurations",
                        q.param("Type") == null ? addresses.where(a -> true)
                                : addresses.where(a -> a.get("type").asText().equals(q.param("Type")))))
                .add("GET", "/v1/Configuration/Addresses/{}", (q, v) -> ApiResponse.ok(addresses.get(v.get(0), q)))
                .add("POST", "/v1/Configuration/Addresses/{}", (q, v) -> ApiResponse.ok(updateAddress(addresses.get(v.get(0), q), q)))
                .add("DELETE", "/v1/Configuration/Addresses/{}", (q, v) -> remove(addresses, addresses.get(v.get(0), q)));
    }

    // ---- conversations -------------------------------------------------------------------------

    public ObjectNode conversation(String sidOrUniqueName, ApiRequest q) {
        ObjectNode found = conversations.find(sidOrUniqueName);
        if (found == null) {
            found = conversations.findBy("unique_name", sidOrUniqueName);
        }
        if (found == null) {
            throw ApiException.notFound(q.path());
        }
        return found;
    }

    public ObjectNode findConversation(String sid) {
        return conversations.find(sid);
    }

    private ObjectNode createConversation(ApiRequest q) {
        String attributes = q.jsonText("Attributes", "{}");
        String state = q.oneOf("State", "active", "initializing", "inactive", "active", "closed");
        if (state.equals("closed")) {
            throw new ApiException(400, 50384, "Initial state can't be 'closed'");
        }
        String uniqueName = q.param("UniqueName");
        if (uniqueName != null && conversations.findBy("unique_name", uniqueName) != null) {
            throw new ApiException(409, 50353, "Conversation with provided unique name already exists");
        }
        ObjectNode timers = timers(q, Json.object());
        ObjectNode c = newConversation(q.param("FriendlyName"), attributes);
        c.put("unique_name", uniqueName);
        c.put("state", state);
        c.set("timers", timers);
        LOG.info("conversation {} created", c.get("sid").asText());
        return c;
    }

    /** Creates a conversation in the Flex Chat Service (used by WebChats too). */
    public ObjectNode newConversation(String friendlyName, String attributesJson) {
        String sid = Sids.random("CH");
        String now = Json.now();
        String url = Urls.of(PRODUCT, "/v1/Conversations/" + sid);
        ObjectNode c = Json.object();
        c.put("account_sid", account.accountSid());
        c.put("chat_service_sid", chatServiceSid);
        c.put("messaging_service_sid", messagingServiceSid);
        c.put("sid", sid);
        c.put("friendly_name", friendlyName);
        c.putNull("unique_name");
        c.put("attributes", attributesJson);
        c.put("state", "active");
        c.put("date_created", now);
        c.put("date_updated", now);
        c.putObject("timers");
        c.put("url", url);
        ObjectNode links = c.putObject("links");
        links.put("participants", url + "/Participants");
        links.put("messages", url + "/Messages");
        links.put("webhooks", url + "/Webhooks");
        c.putNull("bindings");
        chats.open(sid);
        return conversations.put(c);
    }

    private ApiResponse listConversations(ApiRequest q) {
        String state = q.param("State");
        return Paging.page(q, "conversations",
                conversations.where(c -> state == null || state.equals(c.get("state").asText())));
    }

    private ObjectNode updateConversation(ObjectNode c, ApiRequest q) {
        rejectIfClosed(c);
        String attributes = q.jsonText("Attributes", c.get("attributes").asText());
        String state = q.oneOf("State", c.get("state").asText(), "inactive", "active", "closed");
        ObjectNode timers = timers(q, (ObjectNode) c.get("timers"));
        c.put("attributes", attributes);
        c.put("state", state);
        c.set("timers", timers);
        Json.copyParam(q, "FriendlyName", c, "friendly_name");
        Json.copyParam(q, "UniqueName", c, "unique_name");
        c.put("date_updated", Json.now());
        LOG.info("conversation {} updated, state {}", c.get("sid").asText(), state);
        return c;
    }

    /** Twilio: a closed conversation is final; it can't be updated or chatted in (error 50377). */
    private static void rejectIfClosed(ObjectNode c) {
        if ("closed".equals(c.path("state").asText())) {
            throw new ApiException(400, 50377, "Can't update conversation as it's in final closed state");
        }
    }

    private static ObjectNode timers(ApiRequest q, ObjectNode current) {
        ObjectNode timers = current.deepCopy();
        for (String[] t : new String[][]{{"Timers.Inactive", "date_inactive"}, {"Timers.Closed", "date_closed"}}) {
            String value = q.param(t[0]);
            if (value != null) {
                try {
                    timers.put(t[1], Instant.now().plus(Duration.parse(value)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
                } catch (DateTimeParseException e) {
                    throw ApiException.invalid(t[0], "must be an ISO-8601 duration such as PT10M");
                }
            }
        }
        return timers;
    }

    private ApiResponse deleteConversation(ObjectNode c) {
        String sid = c.get("sid").asText();
        conversations.remove(sid);
        chats.delete(sid);
        LOG.info("conversation {} deleted", sid);
        return ApiResponse.noContent();
    }

    // ---- participants --------------------------------------------------------------------------

    private ObjectNode participant(List<String> v, ApiRequest q) {
        ObjectNode c = conversation(v.get(0), q);
        return participants.get(v.get(1), "conversation_sid", c.get("sid").asText(), q);
    }

    private ObjectNode createParticipant(ObjectNode c, ApiRequest q) {
        String identity = q.param("Identity");
        boolean bound = q.has("MessagingBinding.Address") || q.has("MessagingBinding.ProxyAddress");
        if ((identity == null || identity.isEmpty()) && !bound) {
            throw ApiException.missing("Identity");
        }
        if (bound && identity != null) {
            throw ApiException.invalid("Identity", "a participant is either an SDK identity or bound by MessagingBinding.Address, not both");
        }
        ObjectNode binding = bound ? binding(q.param("MessagingBinding.Address"), q.param("MessagingBinding.ProxyAddress")) : null;
        String attributes = q.jsonText("Attributes", "{}");
        return addParticipant(c.get("sid").asText(), identity, attributes, binding);
    }

    /**
     * Twilio's {@code messaging_binding} of an SMS or WhatsApp participant, {@code {type, address, proxy_address}}, after
     * the checks Twilio documents: 50407 bad address, 50412 no proxy address, 50408 bad proxy address, 50414 the two on
     * different channels, 50409 the same, 50416 the pair already bound in a conversation that is not closed.
     */
    ObjectNode binding(String address, String proxyAddress) {
        MessagingAddress a = MessagingAddress.parse(address);
        if (a == null) {
            throw new ApiException(400, 50407, "Invalid messaging binding address: MessagingBinding.Address must be an E.164 phone number"
                    + " (+15005550006) or whatsapp:+15005550006");
        }
        if (proxyAddress == null || proxyAddress.isEmpty()) {
            throw new ApiException(400, 50412, "Participant proxy address is empty: MessagingBinding.ProxyAddress is required");
        }
        MessagingAddress proxy = MessagingAddress.parse(proxyAddress);
        if (proxy == null) {
            throw new ApiException(400, 50408, "Invalid participant proxy address: MessagingBinding.ProxyAddress must be an E.164 phone"
                    + " number (+15005550006) or whatsapp:+15005550006");
        }
        if (!a.channel().equals(proxy.channel())) {
            throw new ApiException(400, 50414, "Participant address type does not match proxy address type: " + a.channel()
                    + " address, " + proxy.channel() + " proxy address");
        }
        if (a.value().equals(proxy.value())) {
            throw new ApiException(400, 50409, "Participant address equals proxy address");
        }
        ObjectNode existing = boundParticipant(a.value(), proxy.value());
        if (existing != null) {
            throw new ApiException(409, 50416, "Participant and proxy address pair is already in use in conversation "
                    + existing.get("conversation_sid").asText());
        }
        ObjectNode binding = Json.object();
        binding.put("type", a.channel());
        binding.put("address", a.value());
        binding.put("proxy_address", proxy.value());
        return binding;
    }

    /** The participant binding the pair ({@code address}, {@code proxyAddress}) in a conversation that is not closed, or null. */
    ObjectNode boundParticipant(String address, String proxyAddress) {
        for (ObjectNode p : participants.where(p -> address.equals(p.path("messaging_binding").path("address").asText(null))
                && proxyAddress.equals(p.path("messaging_binding").path("proxy_address").asText(null)))) {
            ObjectNode c = conversations.find(p.get("conversation_sid").asText());
            if (c != null && !"closed".equals(c.path("state").asText())) {
                return p;
            }
        }
        return null;
    }

    /** Adds a chat participant; 409 (50433) when the identity is already in the conversation. */
    public ObjectNode addParticipant(String conversationSid, String identity, String attributesJson) {
        return addParticipant(conversationSid, identity, attributesJson, null);
    }

    /** Adds a participant, an SDK identity or one bound by {@code binding} (null for none); 409 (50433) for a known identity. */
    ObjectNode addParticipant(String conversationSid, String identity, String attributesJson, ObjectNode binding) {
        if (identity != null && participantByIdentity(conversationSid, identity) != null) {
            throw new ApiException(409, 50433, "Participant already exists");
        }
        String sid = Sids.random("MB");
        String now = Json.now();
        ObjectNode p = Json.object();
        p.put("account_sid", account.accountSid());
        p.put("conversation_sid", conversationSid);
        p.put("sid", sid);
        p.put("identity", identity);
        p.put("attributes", attributesJson);
        if (binding == null) {
            p.putNull("messaging_binding");
        } else {
            p.set("messaging_binding", binding);
        }
        p.put("role_sid", account.defaultSid("RL", "conversation participant role"));
        p.put("date_created", now);
        p.put("date_updated", now);
        p.put("url", Urls.of(PRODUCT, "/v1/Conversations/" + conversationSid + "/Participants/" + sid));
        p.putNull("last_read_message_index");
        p.putNull("last_read_timestamp");
        LOG.info("participant {} added to conversation {}{}", sid, conversationSid,
                binding == null ? "" : ", bound on " + binding.get("type").asText());
        return participants.put(p);
    }

    public ObjectNode participantByIdentity(String conversationSid, String identity) {
        return participants.children("conversation_sid", conversationSid,
                p -> identity.equals(p.path("identity").asText(null))).stream().findFirst().orElse(null);
    }

    private ObjectNode updateParticipant(ObjectNode p, ApiRequest q) {
        String attributes = q.jsonText("Attributes", p.get("attributes").asText());
        Integer lastRead = q.intParam("LastReadMessageIndex", null);
        p.put("attributes", attributes);
        if (lastRead != null) {
            p.put("last_read_message_index", lastRead);
        }
        p.put("date_updated", Json.now());
        return p;
    }

    // ---- messages ------------------------------------------------------------------------------

    private ObjectNode message(List<String> v, ApiRequest q) {
        ObjectNode c = conversation(v.get(0), q);
        String sidOrIndex = v.get(1);
        if (sidOrIndex.matches("\\d+")) {
            return chats.messages().childrenOf(c.get("sid").asText()).stream()
                    .filter(m -> m.get("index").asText().equals(sidOrIndex)).findFirst()
                    .orElseThrow(() -> ApiException.notFound(q.path()));
        }
        return chats.messages().getChild(sidOrIndex, c.get("sid").asText(), q);
    }

    private ObjectNode createMessage(ObjectNode c, ApiRequest q) {
        rejectIfClosed(c);
        String attributes = q.jsonText("Attributes", "{}");
        String body = q.param("Body");
        if ((body == null || body.isEmpty()) && !q.has("MediaSid") && !q.has("ContentSid")) {
            throw ApiException.missing("Body");
        }
        MessageBodies.checkConversations(body);
        ObjectNode media = MessageBodies.media(q);
        return appendMessage(c, q.param("Author", "system"), body, attributes, media, q.webhookEnabled(), "API");
    }

    /**
     * Appends a checked message: its participant is the one whose identity, or bound phone address, is the author; it is
     * recorded as delivered to every other bound phone of the conversation; {@code onMessageAdded} fires with
     * {@code source} when {@code webhooks}.
     */
    ObjectNode appendMessage(ObjectNode c, String author, String body, String attributes, ObjectNode media,
                             boolean webhooks, String source) {
        String conversationSid = c.get("sid").asText();
        ObjectNode participant = participantByAuthor(conversationSid, author);
        int index = chats.nextIndex(conversationSid);
        String sid = Sids.random("IM");
        String now = Json.now();
        String url = Urls.of(PRODUCT, "/v1/Conversations/" + conversationSid + "/Messages/" + sid);
        ObjectNode m = Json.object();
        m.put("account_sid", account.accountSid());
        m.put("conversation_sid", conversationSid);
        m.put("sid", sid);
        m.put("index", index);
        m.put("author", author);
        m.put("body", body);
        if (media == null) {
            m.putNull("media");
        } else {
            m.putArray("media").add(media);
        }
        m.put("attributes", attributes);
        m.put("participant_sid", participant == null ? null : participant.get("sid").asText());
        m.put("date_created", now);
        m.put("date_updated", now);
        m.put("url", url);
        int phones = deliverToPhones(conversationSid, m);
        if (phones == 0) {
            m.putNull("delivery");
        } else {
            ObjectNode delivery = m.putObject("delivery");
            delivery.put("total", phones);
            delivery.put("sent", "all");
            delivery.put("delivered", "all");
            delivery.put("read", "none");
            delivery.put("failed", "none");
            delivery.put("undelivered", "none");
        }
        ObjectNode links = m.putObject("links");
        links.put("delivery_receipts", url + "/Receipts");
        links.put("channel_metadata", url + "/ChannelMetadata");
        m.putNull("content_sid");
        c.put("date_updated", now);
        return chats.add(conversationSid, m, webhooks, "onMessageAdded", () -> {
            Map<String, String> event = messageAdded(c, m);
            event.put("Source", source);
            return event;
        });
    }

    /** The participant who wrote as {@code author}: by SDK identity, else by bound phone address; null for none. */
    private ObjectNode participantByAuthor(String conversationSid, String author) {
        ObjectNode byIdentity = participantByIdentity(conversationSid, author);
        if (byIdentity != null) {
            return byIdentity;
        }
        return participants.children("conversation_sid", conversationSid,
                p -> author.equals(p.path("messaging_binding").path("address").asText(null))).stream().findFirst().orElse(null);
    }

    /** Records message {@code m} as delivered to each phone bound to the conversation but its author's; how many. */
    private int deliverToPhones(String conversationSid, ObjectNode m) {
        int count = 0;
        for (ObjectNode p : participants.childrenOf(conversationSid)) {
            JsonNode binding = p.path("messaging_binding");
            String phone = binding.path("address").asText(null);
            if (phone == null || phone.equals(m.get("author").asText())) {
                continue;
            }
            delivered.computeIfAbsent(phone, k -> new ArrayList<>()).add(new PhoneMessage(conversationSid,
                    m.get("sid").asText(), binding.path("proxy_address").asText(null), phone,
                    m.path("body").isNull() ? null : m.get("body").asText(), m.get("date_created").asText()));
            count++;
        }
        return count;
    }

    /** The messages delivered to the phone {@code address} ({@code +1…} or {@code whatsapp:+1…}), oldest first. */
    public List<PhoneMessage> phoneMessages(String address) {
        return List.copyOf(delivered.getOrDefault(address, List.of()));
    }

    private ApiResponse listMessages(ObjectNode c, ApiRequest q) {
        return Paging.ordered(q, "messages", chats.messages().childrenOf(c.get("sid").asText()));
    }

    private ObjectNode updateMessage(ObjectNode m, ApiRequest q) {
        String attributes = q.jsonText("Attributes", m.get("attributes").asText());
        MessageBodies.checkConversations(q.param("Body"));
        m.put("attributes", attributes);
        Json.copyParam(q, "Body", m, "body");
        Json.copyParam(q, "Author", m, "author");
        m.put("date_updated", Json.now());
        return m;
    }

    /** The {@code onMessageAdded} event's parameters (before Source and the webhook's own). */
    private Map<String, String> messageAdded(ObjectNode c, ObjectNode m) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", account.accountSid());
        params.put("ChatServiceSid", c.get("chat_service_sid").asText());
        params.put("ConversationSid", c.get("sid").asText());
        params.put("MessagingServiceSid", c.get("messaging_service_sid").asText());
        params.put("EventType", "onMessageAdded");
        params.put("MessageSid", m.get("sid").asText());
        params.put("Index", m.get("index").asText());
        params.put("Author", m.get("author").asText());
        if (m.hasNonNull("body")) {
            params.put("Body", m.get("body").asText());
        }
        if (m.path("media").isArray()) {
            params.put("Media", MessageBodies.webhookMedia((ArrayNode) m.get("media")));
        }
        params.put("Attributes", m.get("attributes").asText());
        if (!m.get("participant_sid").isNull()) {
            params.put("ParticipantSid", m.get("participant_sid").asText());
        }
        params.put("DateCreated", m.get("date_created").asText());
        return params;
    }

    // ---- conversation-scoped webhooks ----------------------------------------------------------

    private ObjectNode webhook(List<String> v, ApiRequest q) {
        ObjectNode c = conversation(v.get(0), q);
        return chats.webhooks().getChild(v.get(1), c.get("sid").asText(), q);
    }

    private ObjectNode createWebhook(ObjectNode c, ApiRequest q) {
        WebhookConfiguration w = WebhookConfiguration.from(q, "Target");
        return addWebhook(c.get("sid").asText(), w.type(), w.url(), w.method(), w.filters(), w.triggers(), w.flowSid());
    }

    /** Attaches a conversation-scoped webhook (used by WebChats for the address configuration's webhook). */
    public ObjectNode addWebhook(String conversationSid, String target, String url, String method,
                                 List<String> filters, List<String> triggers, String flowSid) {
        String sid = Sids.random("WH");
        String now = Json.now();
        ObjectNode w = Json.object();
        w.put("sid", sid);
        w.put("account_sid", account.accountSid());
        w.put("conversation_sid", conversationSid);
        w.put("target", target);
        w.put("url", Urls.of(PRODUCT, "/v1/Conversations/" + conversationSid + "/Webhooks/" + sid));
        ChatStore.putConfiguration(w, new WebhookConfiguration(target, url, method, filters, triggers, flowSid));
        w.put("date_created", now);
        w.put("date_updated", now);
        LOG.info("webhook {} attached to conversation {}", sid, conversationSid);
        return chats.webhooks().put(w);
    }

    /**
     * Attaches the conversation-scoped webhook an address configuration's {@code auto_creation} names (type
     * {@code webhook}, enabled): its URL, method and filters. Types {@code studio} and {@code default} attach none here.
     */
    public void attachAutoCreationWebhook(String conversationSid, ObjectNode address) {
        JsonNode auto = address.get("auto_creation");
        if ("webhook".equals(auto.path("type").asText()) && auto.path("enabled").asBoolean(true)) {
            List<String> filters = new ArrayList<>();
            auto.path("webhook_filters").forEach(f -> filters.add(f.asText()));
            addWebhook(conversationSid, "webhook", auto.get("webhook_url").asText(),
                    auto.path("webhook_method").asText("POST").toUpperCase(java.util.Locale.ROOT), filters, List.of(), null);
        }
    }

    // ---- address configuration -----------------------------------------------------------------

    public ObjectNode address(String sid, ApiRequest q) {
        return addresses.get(sid, q);
    }

    /** The sms or whatsapp address configuration whose address is {@code address}, or null. */
    ObjectNode messagingAddress(String address) {
        return addresses.where(a -> address.equals(a.path("address").asText(null))
                && (MessagingAddress.SMS.equals(a.path("type").asText()) || MessagingAddress.WHATSAPP.equals(a.path("type").asText())))
                .stream().findFirst().orElse(null);
    }

    private ObjectNode createAddress(ApiRequest q) {
        String type = q.oneOf("Type", null, "sms", "whatsapp", "messenger", "gbm", "email", "rcs", "apple", "chat");
        if (type == null) {
            throw ApiException.missing("Type");
        }
        String address = q.required("Address");
        if (type.equals(MessagingAddress.SMS) || type.equals(MessagingAddress.WHATSAPP)) {
            MessagingAddress a = MessagingAddress.ofConfiguration(type, address);
            if (a == null) {
                throw ApiException.invalid("Address", "an " + type + " address must be a phone number in E.164, e.g. "
                        + (type.equals(MessagingAddress.SMS) ? "+15005550006" : "+15005550006 or whatsapp:+15005550006"));
            }
            address = a.value();
            if (messagingAddress(address) != null) {
                throw ApiException.conflict("An address configuration for " + address + " already exists");
            }
        }
        String sid = Sids.random("IG");
        String now = Json.now();
        ObjectNode a = Json.object();
        a.put("sid", sid);
        a.put("account_sid", account.accountSid());
        a.put("type", type);
        a.put("address", address);
        a.put("friendly_name", q.param("FriendlyName"));
        a.set("auto_creation", autoCreation(q, Json.object()));
        a.put("date_created", now);
        a.put("date_updated", now);
        a.put("url", Urls.of(PRODUCT, "/v1/Configuration/Addresses/" + sid));
        a.put("address_country", q.param("AddressCountry"));
        LOG.info("address configuration {} created, type {}", sid, type);
        return addresses.put(a);
    }

    private ObjectNode updateAddress(ObjectNode a, ApiRequest q) {
        ObjectNode autoCreation = autoCreation(q, (ObjectNode) a.get("auto_creation"));
        Json.copyParam(q, "FriendlyName", a, "friendly_name");
        a.set("auto_creation", autoCreation);
        a.put("date_updated", Json.now());
        return a;
    }

    private ObjectNode autoCreation(ApiRequest q, ObjectNode current) {
        ObjectNode ac = current.deepCopy();
        ac.put("enabled", q.boolParam("AutoCreation.Enabled", ac.path("enabled").asBoolean(false)));
        ac.put("type", q.oneOf("AutoCreation.Type", ac.path("type").asText("default"), "webhook", "studio", "default"));
        ac.put("conversation_service_sid", q.param("AutoCreation.ConversationServiceSid",
                ac.path("conversation_service_sid").asText(chatServiceSid)));
        if ("webhook".equals(ac.get("type").asText())) {
            String url = q.param("AutoCreation.WebhookUrl", ac.path("webhook_url").asText(null));
            if (url == null) {
                throw ApiException.missing("AutoCreation.WebhookUrl");
            }
            ac.put("webhook_url", url);
            ac.put("webhook_method", q.httpMethod("AutoCreation.WebhookMethod", ac.path("webhook_method").asText("POST")));
            if (q.has("AutoCreation.WebhookFilters") || !ac.has("webhook_filters")) {
                ArrayNode f = ac.putArray("webhook_filters");
                q.values("AutoCreation.WebhookFilters").forEach(f::add);
            }
        }
        if (q.has("AutoCreation.StudioFlowSid")) {
            ac.put("studio_flow_sid", q.param("AutoCreation.StudioFlowSid"));
        }
        if (q.has("AutoCreation.StudioRetryCount")) {
            ac.put("studio_retry_count", q.intParam("AutoCreation.StudioRetryCount", 0));
        }
        return ac;
    }

    private static ApiResponse remove(Table table, ObjectNode row) {
        table.remove(row.get("sid").asText());
        return ApiResponse.noContent();
    }
}
