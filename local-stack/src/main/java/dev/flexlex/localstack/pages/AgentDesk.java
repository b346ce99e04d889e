package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;

/**
 * What Flex UI does for one worker, over the TaskRouter REST API and the chat platform: go available or offline,
 * list the worker's live reservations with their task attributes (the channel, {@code channelType}, and for SMS and
 * WhatsApp the customer's address, {@code customerAddress}, as the bridge writes them), accept or reject one (accepting joins the
 * agent to the chat), talk in the chat, end it (close the chat, complete the task).
 */
final class AgentDesk {
    private static final Logger LOG = LoggerFactory.getLogger(AgentDesk.class);
    private static final Set<String> LIVE = Set.of("pending", "accepted", "wrapping");
    static final int CHAT_CAPACITY = 3;

    private final TwilioRest twilio;
    private final WebchatPlatform platform;
    private final String workspace;
    private final String workerSid;
    private volatile JsonNode workerAttributes;
    private volatile boolean capacityTried;

    AgentDesk(TwilioRest twilio, WebchatPlatform platform, String workspaceSid, String workerSid) {
        this.twilio = twilio;
        this.platform = platform;
        this.workspace = "/taskrouter/v1/Workspaces/" + Pages.sid(workspaceSid);
        this.workerSid = Pages.sid(workerSid);
    }

    /** The worker, its live reservations (newest last) and what each task's attributes say. */
    ObjectNode state() {
        JsonNode worker = twilio.get(worker());
        workerAttributes = Pages.attributes(worker.path("attributes").asText("{}"));
        ObjectNode out = TwilioRest.JSON.createObjectNode();
        ObjectNode w = out.putObject("worker");
        w.put("sid", workerSid);
        w.put("name", displayName());
        w.put("identity", identity());
        w.put("activity", worker.path("activity_name").asText());
        w.put("available", worker.path("available").asBoolean());
        ArrayNode tasks = out.putArray("tasks");
        for (JsonNode r : twilio.get(worker() + "/Reservations?PageSize=100").path("reservations")) {
            if (LIVE.contains(r.path("reservation_status").asText())) {
                tasks.add(taskView(r));
            }
        }
        return out;
    }

    private ObjectNode taskView(JsonNode reservation) {
        String taskSid = reservation.path("task_sid").asText();
        JsonNode task = twilio.get(workspace + "/Tasks/" + Pages.sid(taskSid));
        JsonNode attributes = Pages.attributes(task.path("attributes").asText("{}"));
        ObjectNode v = TwilioRest.JSON.createObjectNode();
        v.put("reservationSid", reservation.path("sid").asText());
        v.put("reservationStatus", reservation.path("reservation_status").asText());
        v.put("taskSid", taskSid);
        v.put("taskStatus", task.path("assignment_status").asText());
        v.put("chatSid", attributes.path(platform.chatSidAttribute()).asText(null));
        String customerAddress = text(attributes, "customerAddress");
        v.put("customerName", attributes.path("customerName").asText(attributes.path("name")
                .asText(customerAddress != null ? customerAddress : "Customer")));
        v.put("channelType", text(attributes, "channelType"));
        v.put("customerAddress", customerAddress);
        v.put("botName", attributes.path("botName").asText(null));
        v.put("lastIntent", attributes.path("lastIntent").asText(null));
        v.set("slots", attributes.path("slots").isObject() ? attributes.get("slots") : TwilioRest.JSON.createObjectNode());
        v.put("handoffReason", attributes.path("handoffReason").asText(null));
        v.put("queue", task.path("task_queue_friendly_name").asText(null));
        v.put("created", task.path("date_created").asText());
        return v;
    }

    /** A task attribute's text, or null when it is absent, not a string or blank. */
    private static String text(JsonNode attributes, String field) {
        JsonNode v = attributes.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    /** Sets the worker's activity by its name ({@code Available}, {@code Offline}, ...). */
    void setActivity(String activityName) {
        String sid = null;
        for (JsonNode a : twilio.get(workspace + "/Activities?PageSize=100").path("activities")) {
            if (a.path("friendly_name").asText().equalsIgnoreCase(activityName)) {
                sid = a.path("sid").asText();
            }
        }
        if (sid == null) {
            throw new IllegalArgumentException("no activity named '" + activityName + "'");
        }
        if (!capacityTried) {
            capacityTried = true;
            raiseChatCapacity();
        }
        twilio.post(worker(), Map.of("ActivitySid", sid));
        LOG.info("worker {} set to activity {}", workerSid, sid);
    }

    /** Flex lets an agent hold several chats: the worker's channels get a capacity above one, where the API allows. */
    private void raiseChatCapacity() {
        try {
            for (JsonNode c : twilio.get(worker() + "/Channels?PageSize=50").path("channels")) {
                if (c.path("configured_capacity").asInt(1) < CHAT_CAPACITY && !"voice".equals(c.path("task_channel_unique_name").asText())) {
                    twilio.post(worker() + "/Channels/" + Pages.sid(c.path("sid").asText()), Map.of("Capacity", String.valueOf(CHAT_CAPACITY)));
                }
            }
        } catch (TwilioRestException e) {
            LOG.warn("worker {}: channel capacity not raised (HTTP {}): one chat at a time", workerSid, e.status());
        }
    }

    void accept(String reservationSid) {
        JsonNode r = twilio.post(worker() + "/Reservations/" + Pages.sid(reservationSid), Map.of("ReservationStatus", "accepted"));
        String chatSid = chatOf(r.path("task_sid").asText()).path(platform.chatSidAttribute()).asText(null);
        if (chatSid != null) {
            platform.join(chatSid, identity());
        }
        LOG.info("worker {} accepted reservation {} for chat {}", workerSid, reservationSid, chatSid);
    }

    void reject(String reservationSid) {
        twilio.post(worker() + "/Reservations/" + Pages.sid(reservationSid), Map.of("ReservationStatus", "rejected"));
        LOG.info("worker {} rejected reservation {}", workerSid, reservationSid);
    }

    /** Posts the agent's message to the task's chat. */
    void send(String taskSid, String body) {
        platform.postMessage(chatSid(chatOf(taskSid), taskSid), identity(), body);
    }

    /** Ends the chat as Flex does and completes the task. */
    void end(String taskSid) {
        JsonNode attributes = chatOf(taskSid);
        String chatSid = chatSid(attributes, taskSid);
        platform.end(chatSid, attributes);
        JsonNode task = twilio.get(workspace + "/Tasks/" + Pages.sid(taskSid));
        if (!"completed".equals(task.path("assignment_status").asText())) {
            twilio.post(workspace + "/Tasks/" + taskSid, Map.of("AssignmentStatus", "completed", "Reason", "chat ended by the agent"));
        }
        LOG.info("worker {} ended chat {} and completed task {}", workerSid, chatSid, taskSid);
    }

    private JsonNode chatOf(String taskSid) {
        return Pages.attributes(twilio.get(workspace + "/Tasks/" + Pages.sid(taskSid)).path("attributes").asText("{}"));
    }

    private String chatSid(JsonNode attributes, String taskSid) {
        String chatSid = attributes.path(platform.chatSidAttribute()).asText(null);
        if (!Pages.isSid(chatSid)) {
            throw new IllegalArgumentException("task " + taskSid + " names no chat (" + platform.chatSidAttribute() + ")");
        }
        return chatSid;
    }

    /** The agent's chat identity: the worker's {@code contact_uri} without {@code client:}, as Flex uses it. */
    String identity() {
        JsonNode attributes = attributes();
        String contact = attributes.path("contact_uri").asText("client:agent");
        return contact.startsWith("client:") ? contact.substring("client:".length()) : contact;
    }

    /** The name a page shows for an agent identity: the worker's full name when it is this worker. */
    String nameOf(String identity) {
        return identity.equals(identity()) ? displayName() : identity;
    }

    private String displayName() {
        return attributes().path("full_name").asText(identity());
    }

    private JsonNode attributes() {
        JsonNode a = workerAttributes;
        if (a == null) {
            a = Pages.attributes(twilio.get(worker()).path("attributes").asText("{}"));
            workerAttributes = a;
        }
        return a;
    }

    private String worker() {
        return workspace + "/Workers/" + workerSid;
    }
}
