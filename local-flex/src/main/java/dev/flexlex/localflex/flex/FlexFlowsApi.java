package dev.flexlex.localflex.flex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localflex.Account;
import dev.flexlex.localflex.chat.ChatApi;
import dev.flexlex.localflex.http.ApiException;
import dev.flexlex.localflex.http.ApiRequest;
import dev.flexlex.localflex.http.ApiResponse;
import dev.flexlex.localflex.http.Json;
import dev.flexlex.localflex.http.Paging;
import dev.flexlex.localflex.http.Routes;
import dev.flexlex.localflex.http.Sids;
import dev.flexlex.localflex.http.Table;
import dev.flexlex.localflex.http.Urls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * {@code flex-api.twilio.com/v1}, the legacy Programmable Chat part: Flex Flows (integration {@code external}
 * with {@code Integration.Url} and {@code Integration.RetryCount}) and Web Channels, which create a Chat v2
 * channel with the pre-engagement data, the customer as member and the flow's channel webhook.
 */
public final class FlexFlowsApi {
    private static final Logger LOG = LoggerFactory.getLogger(FlexFlowsApi.class);
    private static final String PRODUCT = "flex-api";

    private final Account account;
    private final ChatApi chat;
    private final Table flexFlows = new Table();
    private final Table webChannels = new Table();

    public FlexFlowsApi(Account account, ChatApi chat) {
        this.account = account;
        this.chat = chat;
    }

    public void register(Routes r) {
        r.add("GET", "/v1/FlexFlows", (q, v) -> Paging.page(q, "flex_flows", flexFlows.where(
                        f -> q.param("FriendlyName") == null || q.param("FriendlyName").equals(f.get("friendly_name").asText()))))
                .add("POST", "/v1/FlexFlows", (q, v) -> ApiResponse.created(createFlexFlow(q)))
                .add("GET", "/v1/FlexFlows/{}", (q, v) -> ApiResponse.ok(flexFlows.get(v.get(0), q)))
                .add("POST", "/v1/FlexFlows/{}", (q, v) -> ApiResponse.ok(updateFlexFlow(flexFlows.get(v.get(0), q), q)))
                .add("DELETE", "/v1/FlexFlows/{}", (q, v) -> {
                    flexFlows.remove(flexFlows.get(v.get(0), q).get("sid").asText());
                    return ApiResponse.noContent();
                })
                .add("GET", "/v1/WebChannels", (q, v) -> Paging.page(q, "flex_chat_channels", webChannels.where(w -> true)))
                .add("POST", "/v1/WebChannels", (q, v) -> ApiResponse.created(createWebChannel(q)))
                .add("GET", "/v1/WebChannels/{}", (q, v) -> ApiResponse.ok(webChannels.get(v.get(0), q)));
    }

    // ---- legacy Programmable Chat: Flex Flows and Web Channels ---------------------------------

    private ObjectNode createFlexFlow(ApiRequest q) {
        String name = q.required("FriendlyName");
        q.required("ChatServiceSid");
        q.required("ChannelType");
        String sid = Sids.random("FO");
        ObjectNode f = Json.object();
        String now = Json.now();
        f.put("account_sid", account.accountSid());
        f.put("date_created", now);
        f.put("sid", sid);
        f.put("friendly_name", name);
        f.put("url", Urls.of(PRODUCT, "/v1/FlexFlows/" + sid));
        f.putObject("integration");
        applyFlexFlow(f, q);
        LOG.info("flex flow {} created, integration {}", sid, f.get("integration_type").asText());
        return flexFlows.put(f);
    }

    private ObjectNode updateFlexFlow(ObjectNode f, ApiRequest q) {
        ObjectNode copy = f.deepCopy();
        Json.copyParam(q, "FriendlyName", copy, "friendly_name");
        applyFlexFlow(copy, q);
        return flexFlows.put(copy);
    }

    /** Validates and applies every Flex Flow parameter onto {@code f} (a fresh object or a copy). */
    private void applyFlexFlow(ObjectNode f, ApiRequest q) {
        String serviceSid = q.param("ChatServiceSid", f.path("chat_service_sid").asText(null));
        try {
            chat.serviceExists(serviceSid);
        } catch (ApiException e) {
            throw ApiException.invalid("ChatServiceSid", "no chat service " + serviceSid);
        }
        String channelType = q.oneOf("ChannelType", f.path("channel_type").asText(null), "web", "sms", "facebook", "whatsapp", "line", "custom");
        String integrationType = q.oneOf("IntegrationType", f.path("integration_type").asText("studio"), "studio", "external", "task");
        ObjectNode integration = ((ObjectNode) f.get("integration")).deepCopy();
        String[][] fields = {{"Integration.Url", "url"}, {"Integration.FlowSid", "flow_sid"}, {"Integration.WorkspaceSid", "workspace_sid"},
                {"Integration.WorkflowSid", "workflow_sid"}, {"Integration.Channel", "channel"}};
        for (String[] field : fields) {
            Json.copyParam(q, field[0], integration, field[1]);
        }
        Integer retries = q.intParam("Integration.RetryCount", integration.has("retry_count") ? integration.get("retry_count").asInt() : 0);
        if (retries < 0 || retries > 3) {
            throw ApiException.invalid("Integration.RetryCount", "must be between 0 and 3");
        }
        integration.put("retry_count", retries);
        if (q.has("Integration.Timeout")) {
            integration.put("timeout", q.intParam("Integration.Timeout", 0));
        }
        if (q.has("Integration.Priority")) {
            integration.put("priority", q.intParam("Integration.Priority", 0));
        }
        if (q.has("Integration.CreationOnMessage")) {
            integration.put("creation_on_message", q.boolParam("Integration.CreationOnMessage", false));
        }
        if (integrationType.equals("external") && integration.path("url").asText(null) == null) {
            throw ApiException.missing("Integration.Url");
        }
        boolean enabled = q.boolParam("Enabled", f.path("enabled").asBoolean(true));
        boolean longLived = q.boolParam("LongLived", f.path("long_lived").asBoolean(false));
        boolean janitor = q.boolParam("JanitorEnabled", f.path("janitor_enabled").asBoolean(false));
        f.put("chat_service_sid", serviceSid);
        f.put("channel_type", channelType);
        f.put("contact_identity", q.param("ContactIdentity", f.path("contact_identity").asText(null)));
        f.put("enabled", enabled);
        f.put("integration_type", integrationType);
        f.set("integration", integration);
        f.put("long_lived", longLived);
        f.put("janitor_enabled", janitor);
        f.put("date_updated", Json.now());
    }

    private ObjectNode createWebChannel(ApiRequest q) {
        String flowSid = q.required("FlexFlowSid");
        String identity = q.required("Identity");
        String customer = q.required("CustomerFriendlyName");
        String chatName = q.required("ChatFriendlyName");
        JsonNode preEngagement = q.json("PreEngagementData");
        ObjectNode flow = flexFlows.find(flowSid);
        if (flow == null) {
            throw ApiException.invalid("FlexFlowSid", "no Flex Flow " + flowSid);
        }
        ObjectNode attributes = Json.object();
        attributes.put("from", customer);
        attributes.put("channel_type", flow.get("channel_type").asText());
        attributes.put("status", "ACTIVE");
        attributes.put("long_lived", flow.get("long_lived").asBoolean());
        attributes.set("pre_engagement_data", preEngagement == null ? Json.object() : preEngagement);
        ObjectNode channel = chat.newChannel(flow.get("chat_service_sid").asText(), chatName, q.param("ChatUniqueName"),
                Json.write(attributes), "private");
        chat.addMember(channel, identity, Json.write(Json.object().put("friendlyName", customer)));
        JsonNode integration = flow.get("integration");
        String type = flow.get("integration_type").asText();
        if (type.equals("external")) {
            chat.addWebhook(channel, "webhook", integration.get("url").asText(), "POST", List.of("onMessageSent"),
                    List.of(), null, integration.path("retry_count").asInt(0));
        } else if (type.equals("studio")) {
            chat.addWebhook(channel, "studio", null, "POST", List.of("onMessageSent"), List.of(),
                    integration.path("flow_sid").asText(null), integration.path("retry_count").asInt(0));
        }
        String sid = channel.get("sid").asText();
        ObjectNode w = Json.object();
        String now = Json.now();
        w.put("account_sid", account.accountSid());
        w.put("flex_flow_sid", flowSid);
        w.put("sid", sid);
        w.put("url", Urls.of(PRODUCT, "/v1/WebChannels/" + sid));
        w.put("date_created", now);
        w.put("date_updated", now);
        LOG.info("web channel {} created from flex flow {}", sid, flowSid);
        return webChannels.put(w);
    }
}
