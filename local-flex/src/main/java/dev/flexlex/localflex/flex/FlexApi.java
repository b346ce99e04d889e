package dev.flexlex.localflex.flex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localflex.conversations.ConversationsApi;
import dev.flexlex.localflex.http.ApiException;
import dev.flexlex.localflex.http.ApiRequest;
import dev.flexlex.localflex.http.ApiResponse;
import dev.flexlex.localflex.http.Json;
import dev.flexlex.localflex.http.Paging;
import dev.flexlex.localflex.http.Routes;
import dev.flexlex.localflex.http.Sids;
import dev.flexlex.localflex.http.Table;
import dev.flexlex.localflex.http.Urls;
import dev.flexlex.localflex.taskrouter.TaskRouterApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code flex-api.twilio.com}, the Flex Conversations part: v2 WebChats (webchat) and v1 Interactions with
 * their Channels and Participants. The legacy Flex Flows and Web Channels are in {@link FlexFlowsApi}.
 *
 * <p>Creating an interaction is asynchronous, as Twilio documents: the create call checks the request and answers
 * 200 with the interaction; its channel and TaskRouter task appear {@link Setup#delayMillis()} later, the channel
 * {@code active}, or {@code failed} (with {@code error_code} and {@code error_message}, no task) when the task cannot
 * be made or the {@code channelfailed} fault says so.
 */
public final class FlexApi {
    /** How one interaction is set up: after how long, and whether its channel fails. */
    public record Setup(long delayMillis, boolean fails) {
    }

    /** Error code of a channel failed by the {@code channelfailed} fault (Twilio documents none for this case). */
    static final int CHANNEL_FAILED_CODE = 20500;

    private static final Logger LOG = LoggerFactory.getLogger(FlexApi.class);
    private static final String PRODUCT = "flex-api";

    private final ConversationsApi conversations;
    private final TaskRouterApi taskRouter;
    private final Table interactions = new Table();
    private final Table interactionChannels = new Table("interaction_sid");
    private final Table interactionParticipants = new Table("channel_sid");
    /** Interaction participant SID → status set by update (the resource's JSON has no status field). */
    private final java.util.Map<String, String> participantStatus = new java.util.HashMap<>();

    private final ScheduledExecutorService timer;
    private final Object lock;
    private final Supplier<Setup> setups;

    /**
     * @param timer runs the asynchronous setup of interactions
     * @param lock the state lock every REST call holds; the setup takes it too
     * @param setups decides each new interaction's setup (delay, failure)
     */
    public FlexApi(ConversationsApi conversations, TaskRouterApi taskRouter, ScheduledExecutorService timer, Object lock,
                   Supplier<Setup> setups) {
        this.conversations = conversations;
        this.taskRouter = taskRouter;
        this.timer = timer;
        this.lock = lock;
        this.setups = setups;
        taskRouter.onAccept(this::agentAccepted);
    }

    public void register(Routes r) {
        String ch = "/v1/Interactions/{}/Channels/{}";
        r.add("POST", "/v2/WebChats", (q, v) -> ApiResponse.created(createWebChat(q)))
                .add("POST", "/v1/Interactions", (q, v) -> ApiResponse.ok(createInteraction(q)))
                .add("GET", "/v1/Interactions/{}", (q, v) -> ApiResponse.ok(interactions.get(v.get(0), q)))
                .add("GET", "/v1/Interactions/{}/Channels", (q, v) -> Paging.page(q, "channels",
                        interactionChannels.children("interaction_sid", interactions.get(v.get(0), q).get("sid").asText())))
                .add("GET", ch, (q, v) -> ApiResponse.ok(channel(v, q)))
                .add("POST", ch, (q, v) -> ApiResponse.ok(updateChannel(channel(v, q), q)))
                .add("GET", ch + "/Participants", (q, v) -> Paging.page(q, "participants",
                        interactionParticipants.children("channel_sid", channel(v, q).get("sid").asText())))
                .add("POST", ch + "/Participants", (q, v) -> ApiResponse.ok(createParticipant(channel(v, q), q)))
                .add("POST", ch + "/Participants/{}", (q, v) -> ApiResponse.ok(updateParticipant(v, q)));
    }

    // ---- Flex Conversations webchat ------------------------------------------------------------

    private ObjectNode createWebChat(ApiRequest q) {
        String addressSid = q.required("AddressSid");
        JsonNode preEngagement = q.json("PreEngagementData");
        ObjectNode address;
        try {
            address = conversations.address(addressSid, q);
        } catch (ApiException e) {
            throw ApiException.invalid("AddressSid", "no address configuration " + addressSid);
        }
        if (!"chat".equals(address.get("type").asText())) {
            throw ApiException.invalid("AddressSid", "address configuration " + addressSid + " is not of type chat");
        }
        String identity = q.param("Identity", UUID.randomUUID().toString());
        String customer = q.param("CustomerFriendlyName", "Customer");
        ObjectNode attributes = Json.object();
        attributes.set("pre_engagement_data", preEngagement == null ? Json.object() : preEngagement);
        attributes.put("from", customer);
        ObjectNode conversation = conversations.newConversation(q.param("ChatFriendlyName", "Chat with " + customer), Json.write(attributes));
        String conversationSid = conversation.get("sid").asText();
        ObjectNode participantAttributes = Json.object().put("friendlyName", customer);
        conversations.addParticipant(conversationSid, identity, Json.write(participantAttributes));
        conversations.attachAutoCreationWebhook(conversationSid, address);
        LOG.info("web chat {} created from address {}", conversationSid, addressSid);
        ObjectNode out = Json.object();
        out.put("conversation_sid", conversationSid);
        out.put("identity", identity);
        return out;
    }

    // ---- Interactions --------------------------------------------------------------------------

    private ObjectNode createInteraction(ApiRequest q) {
        q.required("Channel");
        JsonNode channel = q.json("Channel");
        JsonNode routing = q.json("Routing");
        String type = channel.path("type").asText(null);
        if (type == null || !List.of("voice", "sms", "email", "web", "whatsapp", "chat", "messenger", "gbm").contains(type)) {
            throw ApiException.invalid("Channel", "type must be one of voice, sms, email, web, whatsapp, chat, messenger, gbm");
        }
        String mediaSid = channel.path("properties").path("media_channel_sid").asText(null);
        if (mediaSid == null || conversations.findConversation(mediaSid) == null) {
            throw ApiException.invalid("Channel", "properties.media_channel_sid must name an existing conversation");
        }
        String sid = Sids.random("KD");
        String channelSid = Sids.random("UO");
        JsonNode props = routing == null ? null : routing.path("properties");
        ObjectNode attributes = null;
        if (props != null) {
            String ws = props.path("workspace_sid").asText(null);
            if (ws == null) {
                throw ApiException.invalid("Routing", "properties.workspace_sid is required");
            }
            if (!taskRouter.hasWorkspace(ws)) {
                throw ApiException.invalid("Routing", "no workspace " + ws);
            }
            attributes = props.path("attributes").isObject() ? (ObjectNode) props.get("attributes").deepCopy()
                    : props.path("attributes").isTextual() ? asObject(Json.parseParam("Routing", props.get("attributes").asText())) : Json.object();
            attributes.put("conversationSid", mediaSid);
            attributes.put("flexInteractionSid", sid);
            attributes.put("flexInteractionChannelSid", channelSid);
        }
        String url = Urls.of(PRODUCT, "/v1/Interactions/" + sid);
        ObjectNode i = Json.object();
        i.put("sid", sid);
        ObjectNode ch = channel.deepCopy();
        ch.put("sid", channelSid);
        i.set("channel", ch);
        i.set("routing", routing == null ? Json.object() : routing.deepCopy());
        i.put("url", url);
        i.putObject("links").put("channels", url + "/Channels");
        i.putNull("interaction_context_sid");
        i.put("webhook_ttid", q.param("WebhookTtid"));
        interactions.put(i);
        Setup setup = setups.get();
        ObjectNode taskAttributes = attributes;
        timer.schedule(() -> {
            synchronized (lock) {
                setUp(i, type, channelSid, props, taskAttributes, setup.fails());
            }
        }, setup.delayMillis(), TimeUnit.MILLISECONDS);
        LOG.info("interaction {} accepted for conversation {}; channel {} set up in {} ms", sid, mediaSid, channelSid,
                setup.delayMillis());
        return i;
    }

    /** The asynchronous part of creating an interaction: the channel (active or failed) and its task. */
    private void setUp(ObjectNode i, String type, String channelSid, JsonNode props, ObjectNode attributes, boolean fails) {
        String sid = i.get("sid").asText();
        ObjectNode c = Json.object();
        c.put("sid", channelSid);
        c.put("interaction_sid", sid);
        c.put("type", type);
        c.put("status", "active");
        c.putNull("error_code");
        c.putNull("error_message");
        String url = i.get("url").asText();
        c.put("url", url + "/Channels/" + channelSid);
        ObjectNode links = c.putObject("links");
        links.put("participants", url + "/Channels/" + channelSid + "/Participants");
        links.put("invites", url + "/Channels/" + channelSid + "/Invites");
        ObjectNode task = null;
        if (fails) {
            failed(c, CHANNEL_FAILED_CODE, "Interaction channel setup failed (local-flex fault channelfailed)");
        } else if (props != null) {
            String taskChannel = props.path("task_channel_unique_name").asText(props.path("task_channel_sid").asText("default"));
            try {
                task = taskRouter.createTask(props.path("workspace_sid").asText(), props.path("workflow_sid").asText(null),
                        taskChannel, Json.write(attributes), props.path("priority").asInt(0), props.path("timeout").asInt(86400));
            } catch (ApiException e) {
                failed(c, e.code(), e.getMessage());
            }
        }
        if (task != null) {
            ObjectNode p = Json.object();
            for (String f : new String[]{"sid", "workspace_sid", "workflow_sid", "task_queue_sid", "task_channel_sid",
                    "task_channel_unique_name", "attributes", "priority", "timeout", "age", "assignment_status",
                    "date_created", "date_updated", "task_queue_entered_date"}) {
                p.set(f, task.get(f));
            }
            i.putObject("routing").set("properties", p);
        }
        interactionChannels.put(c);
        newParticipant(c, "customer", Json.object());
        LOG.info("interaction {} channel {} is {}, task {}", sid, channelSid, c.get("status").asText(),
                task == null ? null : task.get("sid").asText());
    }

    private static void failed(ObjectNode c, int code, String message) {
        c.put("status", "failed");
        c.put("error_code", code);
        c.put("error_message", message);
    }

    private static ObjectNode asObject(JsonNode node) {
        if (!node.isObject()) {
            throw ApiException.invalid("Routing", "properties.attributes must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private ObjectNode channel(List<String> v, ApiRequest q) {
        interactions.get(v.get(0), q);
        return interactionChannels.get(v.get(1), "interaction_sid", v.get(0), q);
    }

    private ObjectNode updateChannel(ObjectNode c, ApiRequest q) {
        String status = q.oneOf("Status", null, "closed", "inactive");
        if (status == null) {
            throw ApiException.missing("Status");
        }
        q.json("Routing");
        c.put("status", status);
        if (status.equals("closed")) {
            ObjectNode interaction = interactions.find(c.get("interaction_sid").asText());
            String conversationSid = interaction.get("channel").path("properties").path("media_channel_sid").asText();
            ObjectNode conversation = conversations.findConversation(conversationSid);
            if (conversation != null) {
                conversation.put("state", "closed");
                conversation.put("date_updated", Json.now());
            }
            taskRouter.wrapUpTasksWith("flexInteractionChannelSid", c.get("sid").asText());
        }
        LOG.info("interaction channel {} is now {}", c.get("sid").asText(), status);
        return c;
    }

    private ObjectNode createParticipant(ObjectNode c, ApiRequest q) {
        String type = q.oneOf("Type", null, "supervisor", "customer", "external", "agent", "unknown");
        if (type == null) {
            throw ApiException.missing("Type");
        }
        q.required("MediaProperties");
        JsonNode media = q.json("MediaProperties");
        JsonNode routingProps = q.json("RoutingProperties");
        String identity = media.path("identity").asText(null);
        if ((type.equals("agent") || type.equals("supervisor")) && identity == null) {
            throw ApiException.invalid("MediaProperties", "identity is required for " + type);
        }
        ObjectNode p = newParticipant(c, type, routingProps == null ? Json.object() : routingProps);
        if (identity != null) {
            joinConversation(c, identity);
        }
        return p;
    }

    private ObjectNode newParticipant(ObjectNode c, String type, JsonNode routingProperties) {
        String sid = Sids.random("UT");
        ObjectNode p = Json.object();
        p.put("sid", sid);
        p.put("type", type);
        p.put("interaction_sid", c.get("interaction_sid").asText());
        p.put("channel_sid", c.get("sid").asText());
        p.put("url", c.get("url").asText() + "/Participants/" + sid);
        p.set("routing_properties", routingProperties);
        return interactionParticipants.put(p);
    }

    private ObjectNode updateParticipant(List<String> v, ApiRequest q) {
        ObjectNode c = channel(v, q);
        ObjectNode p = interactionParticipants.get(v.get(2), "channel_sid", c.get("sid").asText(), q);
        String status = q.oneOf("Status", null, "closed", "wrapup");
        if (status == null) {
            throw ApiException.missing("Status");
        }
        participantStatus.put(p.get("sid").asText(), status);
        LOG.info("interaction participant {} is now {}", p.get("sid").asText(), status);
        return p;
    }

    private void joinConversation(ObjectNode c, String identity) {
        ObjectNode interaction = interactions.find(c.get("interaction_sid").asText());
        String conversationSid = interaction.get("channel").path("properties").path("media_channel_sid").asText();
        if (conversations.findConversation(conversationSid) != null
                && conversations.participantByIdentity(conversationSid, identity) == null) {
            conversations.addParticipant(conversationSid, identity, "{}");
        }
    }

    /** A worker accepted a reservation: as Flex does, the agent joins the interaction and its conversation. */
    private void agentAccepted(ObjectNode task, ObjectNode worker) {
        String channelSid = Json.attributesOf(task).path("flexInteractionChannelSid").asText(null);
        ObjectNode c = channelSid == null ? null : interactionChannels.find(channelSid);
        if (c == null || worker == null) {
            return;
        }
        String contact = Json.attributesOf(worker).path("contact_uri").asText(worker.get("friendly_name").asText());
        String identity = contact.startsWith("client:") ? contact.substring("client:".length()) : contact;
        ObjectNode routing = Json.object().put("worker_sid", worker.get("sid").asText()).put("task_sid", task.get("sid").asText());
        newParticipant(c, "agent", routing);
        joinConversation(c, identity);
        LOG.info("worker {} joined interaction channel {}", worker.get("sid").asText(), channelSid);
    }
}
