package dev.flexlex.localflex.chat;

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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code chat.twilio.com/v2} (legacy Programmable Chat): Services, Channels, Members, Messages and channel
 * Webhooks. A message posted with {@code X-Twilio-Webhook-Enabled: true} fires {@code onMessageSent} to
 * the channel's webhooks whose filters name it, retried per the webhook's {@code RetryCount}. Messages and
 * webhooks are kept, and fired, by a {@link ChatStore}.
 */
public final class ChatApi {
    private static final Logger LOG = LoggerFactory.getLogger(ChatApi.class);
    private static final String PRODUCT = "chat";

    private final Account account;
    private final Table services = new Table();
    private final Table channels = new Table("service_sid");
    private final ChatStore chats;
    private final Table members;

    public ChatApi(Account account, WebhookDispatcher webhooks) {
        this.account = account;
        this.chats = new ChatStore("channel_sid", "type", webhooks, 0);
        this.members = chats.members();
    }

    public void register(Routes r) {
        String svc = "/v2/Services/{}";
        String ch = svc + "/Channels/{}";
        r.add("GET", "/v2/Services", (q, v) -> Paging.page(q, "services", services.where(s -> true)))
                .add("POST", "/v2/Services", (q, v) -> ApiResponse.created(newService(Sids.random("IS"), q.required("FriendlyName"))))
                .add("GET", svc, (q, v) -> ApiResponse.ok(services.get(v.get(0), q)))
                .add("POST", svc, (q, v) -> ApiResponse.ok(updateService(services.get(v.get(0), q), q)))
                .add("GET", svc + "/Channels", (q, v) -> Paging.page(q, "channels", channels.where(c ->
                        c.get("service_sid").asText().equals(service(v, q)) && (q.param("Type") == null
                                || q.values("Type").contains(c.get("type").asText())))))
                .add("POST", svc + "/Channels", (q, v) -> ApiResponse.created(createChannel(service(v, q), q)))
                .add("GET", ch, (q, v) -> ApiResponse.ok(channel(v, q)))
                .add("POST", ch, (q, v) -> ApiResponse.ok(updateChannel(channel(v, q), q)))
                .add("DELETE", ch, (q, v) -> deleteChannel(channel(v, q)))
                .add("GET", ch + "/Members", (q, v) -> Paging.page(q, "members", members.children("channel_sid", channelSid(v, q), m ->
                        (q.param("Identity") == null || q.values("Identity").contains(m.get("identity").asText())))))
                .add("POST", ch + "/Members", (q, v) -> ApiResponse.created(createMember(channel(v, q), q)))
                .add("GET", ch + "/Members/{}", (q, v) -> ApiResponse.ok(member(v, q)))
                .add("DELETE", ch + "/Members/{}", (q, v) -> removeMember(channel(v, q), member(v, q)))
                .add("GET", ch + "/Messages", (q, v) -> listMessages(channel(v, q), q))
                .add("POST", ch + "/Messages", (q, v) -> ApiResponse.created(createMessage(channel(v, q), q)))
                .add("GET", ch + "/Messages/{}", (q, v) -> ApiResponse.ok(message(v, q)))
                .add("POST", ch + "/Messages/{}", (q, v) -> ApiResponse.ok(updateMessage(message(v, q), q)))
                .add("DELETE", ch + "/Messages/{}", (q, v) -> removeMessage(channel(v, q), message(v, q)))
                .add("GET", ch + "/Webhooks", (q, v) -> Paging.page(q, "webhooks", chats.webhooks().childrenOf(channelSid(v, q))))
                .add("POST", ch + "/Webhooks", (q, v) -> ApiResponse.created(createWebhook(channel(v, q), q)))
                .add("GET", ch + "/Webhooks/{}", (q, v) -> ApiResponse.ok(webhook(v, q)))
                .add("POST", ch + "/Webhooks/{}", (q, v) -> ApiResponse.ok(updateWebhook(webhook(v, q), q)))
                .add("DELETE", ch + "/Webhooks/{}", (q, v) -> {
                    chats.webhooks().remove(webhook(v, q).get("sid").asText());
                    return ApiResponse.noContent();
                });
    }

    // ---- services ------------------------------------------------------------------------------

    /** Creates a chat service (the default Flex Chat Service is one). */
    public ObjectNode newService(String sid, String friendlyName) {
        String url = Urls.of(PRODUCT, "/v2/Services/" + sid);
        ObjectNode s = base(sid, url);
        s.put("friendly_name", friendlyName);
        s.put("default_service_role_sid", account.defaultSid("RL", sid + "/service user"));
        s.put("default_channel_role_sid", account.defaultSid("RL", sid + "/channel user"));
        s.put("default_channel_creator_role_sid", account.defaultSid("RL", sid + "/channel admin"));
        s.put("read_status_enabled", true);
        s.put("reachability_enabled", false);
        s.put("typing_indicator_timeout", 5);
        s.put("consumption_report_interval", 10);
        ObjectNode limits = s.putObject("limits");
        limits.put("channel_members", 100);
        limits.put("user_channels", 250);
        s.putNull("pre_webhook_url");
        s.putNull("post_webhook_url");
        s.put("webhook_method", "POST");
        s.putArray("webhook_filters");
        s.put("pre_webhook_retry_count", 0);
        s.put("post_webhook_retry_count", 0);
        s.putObject("notifications");
        s.putObject("media");
        s.put("url", url);
        ObjectNode links = s.putObject("links");
        links.put("channels", url + "/Channels");
        links.put("roles", url + "/Roles");
        links.put("users", url + "/Users");
        links.put("bindings", url + "/Bindings");
        return services.put(s);
    }

    private ObjectNode updateService(ObjectNode s, ApiRequest q) {
        Json.copyParam(q, "FriendlyName", s, "friendly_name");
        s.put("date_updated", Json.now());
        return s;
    }

    /** Throws 20404 unless the chat service exists. */
    public void serviceExists(String sid) {
        if (sid == null || services.find(sid) == null) {
            throw ApiException.notFound("/v2/Services/" + sid);
        }
    }

    private String service(List<String> v, ApiRequest q) {
        return services.get(v.get(0), q).get("sid").asText();
    }

    private ObjectNode base(String sid, String url) {
        String now = Json.now();
        ObjectNode row = Json.object();
        row.put("sid", sid);
        row.put("account_sid", account.accountSid());
        row.put("date_created", now);
        row.put("date_updated", now);
        row.put("url", url);
        return row;
    }

    // ---- channels ------------------------------------------------------------------------------

    private ObjectNode channel(List<String> v, ApiRequest q) {
        String serviceSid = service(v, q);
        String key = v.get(1);
        ObjectNode c = channels.find(key);
        if (c == null) {
            c = channels.findBy("unique_name", key);
        }
        if (c == null || !c.get("service_sid").asText().equals(serviceSid)) {
            throw ApiException.notFound(q.path());
        }
        return c;
    }

    private String channelSid(List<String> v, ApiRequest q) {
        return channel(v, q).get("sid").asText();
    }

    public ObjectNode findChannel(String sid) {
        return channels.find(sid);
    }

    private ObjectNode createChannel(String serviceSid, ApiRequest q) {
        String attributes = q.jsonText("Attributes", "{}");
        String type = q.oneOf("Type", "public", "public", "private");
        String uniqueName = q.param("UniqueName");
        if (uniqueName != null && channels.findBy("unique_name", uniqueName) != null) {
            throw new ApiException(409, 50307, "Channel with provided unique name already exists");
        }
        ObjectNode c = newChannel(serviceSid, q.param("FriendlyName"), uniqueName, attributes, type);
        c.put("created_by", q.param("CreatedBy", "system"));
        return c;
    }

    /** Creates a channel (WebChannels too). */
    public ObjectNode newChannel(String serviceSid, String friendlyName, String uniqueName, String attributes, String type) {
        String sid = Sids.random("CH");
        String url = Urls.of(PRODUCT, "/v2/Services/" + serviceSid + "/Channels/" + sid);
        ObjectNode c = base(sid, url);
        c.put("service_sid", serviceSid);
        c.put("friendly_name", friendlyName);
        c.put("unique_name", uniqueName);
        c.put("attributes", attributes);
        c.put("type", type);
        c.put("created_by", "system");
        c.put("members_count", 0);
        c.put("messages_count", 0);
        ObjectNode links = c.putObject("links");
        links.put("members", url + "/Members");
        links.put("messages", url + "/Messages");
        links.put("invites", url + "/Invites");
        links.put("webhooks", url + "/Webhooks");
        links.putNull("last_message");
        chats.open(sid);
        LOG.info("chat channel {} created", sid);
        return channels.put(c);
    }

    private ObjectNode updateChannel(ObjectNode c, ApiRequest q) {
        String attributes = q.jsonText("Attributes", c.get("attributes").asText());
        c.put("attributes", attributes);
        Json.copyParam(q, "FriendlyName", c, "friendly_name");
        Json.copyParam(q, "UniqueName", c, "unique_name");
        c.put("date_updated", Json.now());
        LOG.info("chat channel {} updated", c.get("sid").asText());
        return c;
    }

    private ApiResponse deleteChannel(ObjectNode c) {
        String sid = c.get("sid").asText();
        channels.remove(sid);
        chats.delete(sid);
        return ApiResponse.noContent();
    }

    // ---- members -------------------------------------------------------------------------------

    private ObjectNode member(List<String> v, ApiRequest q) {
        String channelSid = channelSid(v, q);
        ObjectNode m = members.find(v.get(2));
        if (m == null) {
            m = members.children("channel_sid", channelSid,
                    x -> x.get("identity").asText().equals(v.get(2))).stream().findFirst().orElse(null);
        }
        if (m == null || !m.get("channel_sid").asText().equals(channelSid)) {
            throw ApiException.notFound(q.path());
        }
        return m;
    }

    private ObjectNode createMember(ObjectNode c, ApiRequest q) {
        String identity = q.required("Identity");
        String attributes = q.jsonText("Attributes", "{}");
        return addMember(c, identity, attributes);
    }

    /** Adds a member; 409 (50404) when the identity is already a member. */
    public ObjectNode addMember(ObjectNode c, String identity, String attributes) {
        String channelSid = c.get("sid").asText();
        if (!members.children("channel_sid", channelSid, m -> m.get("identity").asText().equals(identity)).isEmpty()) {
            throw new ApiException(409, 50404, "Member already exists");
        }
        String sid = Sids.random("MB");
        ObjectNode m = base(sid, c.get("url").asText() + "/Members/" + sid);
        m.put("channel_sid", channelSid);
        m.put("service_sid", c.get("service_sid").asText());
        m.put("identity", identity);
        m.put("role_sid", account.defaultSid("RL", c.get("service_sid").asText() + "/channel user"));
        m.putNull("last_consumed_message_index");
        m.putNull("last_consumption_timestamp");
        m.put("attributes", attributes);
        c.put("members_count", c.get("members_count").asInt() + 1);
        return members.put(m);
    }

    private ApiResponse removeMember(ObjectNode c, ObjectNode m) {
        members.remove(m.get("sid").asText());
        c.put("members_count", c.get("members_count").asInt() - 1);
        return ApiResponse.noContent();
    }

    // ---- messages ------------------------------------------------------------------------------

    private ObjectNode message(List<String> v, ApiRequest q) {
        return chats.messages().getChild(v.get(2), channelSid(v, q), q);
    }

    private ObjectNode createMessage(ObjectNode c, ApiRequest q) {
        String attributes = q.jsonText("Attributes", "{}");
        String body = q.param("Body");
        if ((body == null || body.isEmpty()) && !q.has("MediaSid")) {
            throw ApiException.missing("Body");
        }
        MessageBodies.checkChat(body);
        ObjectNode media = MessageBodies.media(q);
        String channelSid = c.get("sid").asText();
        int index = chats.nextIndex(channelSid);
        String sid = Sids.random("IM");
        ObjectNode m = base(sid, c.get("url").asText() + "/Messages/" + sid);
        m.put("attributes", attributes);
        m.put("service_sid", c.get("service_sid").asText());
        m.put("to", channelSid);
        m.put("channel_sid", channelSid);
        m.putNull("last_updated_by");
        m.put("was_edited", false);
        m.put("from", q.param("From", "system"));
        m.put("body", body == null ? "" : body);
        m.put("index", index);
        m.put("type", media == null ? "text" : "media");
        m.set("media", media);
        c.put("messages_count", c.get("messages_count").asInt() + 1);
        ((ObjectNode) c.get("links")).put("last_message", m.get("url").asText());
        return chats.add(channelSid, m, q.webhookEnabled(), "onMessageSent", () -> messageSent(c, m));
    }

    private ApiResponse listMessages(ObjectNode c, ApiRequest q) {
        return Paging.ordered(q, "messages", chats.messages().childrenOf(c.get("sid").asText()));
    }

    private ObjectNode updateMessage(ObjectNode m, ApiRequest q) {
        String attributes = q.jsonText("Attributes", m.get("attributes").asText());
        m.put("attributes", attributes);
        MessageBodies.checkChat(q.param("Body"));
        if (q.has("Body")) {
            m.put("body", q.param("Body"));
            m.put("was_edited", true);
        }
        m.put("date_updated", Json.now());
        return m;
    }

    private ApiResponse removeMessage(ObjectNode c, ObjectNode m) {
        chats.messages().remove(m.get("sid").asText());
        c.put("messages_count", c.get("messages_count").asInt() - 1);
        return ApiResponse.noContent();
    }

    /** The {@code onMessageSent} event's parameters (before Source and the webhook's own). */
    private Map<String, String> messageSent(ObjectNode c, ObjectNode m) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", account.accountSid());
        params.put("EventType", "onMessageSent");
        params.put("InstanceSid", c.get("service_sid").asText());
        params.put("ChannelSid", c.get("sid").asText());
        params.put("MessageSid", m.get("sid").asText());
        params.put("Index", m.get("index").asText());
        params.put("From", m.get("from").asText());
        params.put("Body", m.path("body").asText(""));
        if (m.hasNonNull("media")) {
            params.put("MediaSid", m.get("media").path("sid").asText());
        }
        params.put("Attributes", m.get("attributes").asText());
        params.put("DateCreated", m.get("date_created").asText());
        return params;
    }

    // ---- channel webhooks ----------------------------------------------------------------------

    private ObjectNode webhook(List<String> v, ApiRequest q) {
        return chats.webhooks().getChild(v.get(2), channelSid(v, q), q);
    }

    private ObjectNode createWebhook(ObjectNode c, ApiRequest q) {
        WebhookConfiguration w = WebhookConfiguration.from(q, "Type");
        int retries = retryCount(q, 0);
        return addWebhook(c, w.type(), w.url(), w.method(), w.filters(), w.triggers(), w.flowSid(), retries);
    }

    /** Attaches a channel webhook (WebChannels do, for a Flex Flow's external integration). */
    public ObjectNode addWebhook(ObjectNode c, String type, String url, String method, List<String> filters,
                                 List<String> triggers, String flowSid, int retries) {
        String sid = Sids.random("WH");
        ObjectNode w = base(sid, c.get("url").asText() + "/Webhooks/" + sid);
        w.put("service_sid", c.get("service_sid").asText());
        w.put("channel_sid", c.get("sid").asText());
        w.put("type", type);
        ChatStore.putConfiguration(w, new WebhookConfiguration(type, url, method, filters, triggers, flowSid))
                .put("retry_count", retries);
        LOG.info("chat webhook {} attached to channel {}", sid, c.get("sid").asText());
        return chats.webhooks().put(w);
    }

    /** As Conversations' update, plus {@code Configuration.RetryCount}; a bad parameter changes nothing. */
    private ObjectNode updateWebhook(ObjectNode w, ApiRequest q) {
        ObjectNode config = (ObjectNode) w.get("configuration");
        q.httpMethod("Configuration.Method", "POST"); // checked first: of two bad parameters, the method is named
        int retries = retryCount(q, config.path("retry_count").asInt(0));
        ChatStore.updateWebhook(w, q);
        config.put("retry_count", retries);
        return w;
    }

    private static int retryCount(ApiRequest q, int fallback) {
        int retries = q.intParam("Configuration.RetryCount", fallback);
        if (retries < 0 || retries > 3) {
            throw ApiException.invalid("Configuration.RetryCount", "must be between 0 and 3");
        }
        return retries;
    }
}
