package dev.flexlex.localflex.taskrouter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localflex.http.ApiException;
import dev.flexlex.localflex.http.ApiRequest;
import dev.flexlex.localflex.http.Json;
import dev.flexlex.localflex.http.Sids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.flexlex.localflex.taskrouter.TaskRouterStore.url;
import static dev.flexlex.localflex.taskrouter.TaskRouterStore.workspacePath;

/**
 * The configuration side of TaskRouter: workspaces (with their default activities and task channels),
 * activities, task channels, task queues, workflows and workers with their channels. Called under the lock.
 */
final class WorkspaceSetup {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceSetup.class);
    private static final String[] DEFAULT_CHANNELS = {"default", "voice", "chat", "sms"};

    private final TaskRouterStore store;
    private final ReservationEngine engine;
    private final WorkflowRouting routing;

    WorkspaceSetup(TaskRouterStore store, ReservationEngine engine, WorkflowRouting routing) {
        this.store = store;
        this.engine = engine;
        this.routing = routing;
    }

    ObjectNode createWorkspace(ApiRequest q) {
        String name = q.required("FriendlyName");
        String template = q.oneOf("Template", null, "FIFO");
        ObjectNode w = newWorkspace(Sids.random("WS"), name);
        Json.copyParam(q, "EventCallbackUrl", w, "event_callback_url");
        if ("FIFO".equals(template)) {
            String queue = Sids.random("WQ");
            newQueue(w.get("sid").asText(), queue, "Sample Queue", "1==1");
            newWorkflow(w.get("sid").asText(), Sids.random("WW"), "Default Fifo Workflow",
                    WorkflowRouting.defaultConfiguration(queue), 120);
        }
        return w;
    }

    ObjectNode newWorkspace(String sid, String name) {
        ObjectNode w = store.base(sid, null, workspacePath(sid));
        w.put("friendly_name", name);
        w.putNull("event_callback_url");
        w.putNull("events_filter");
        w.put("multi_task_enabled", true);
        w.put("prioritize_queue_order", "FIFO");
        ObjectNode links = w.putObject("links");
        for (String l : new String[]{"activities", "task_channels", "task_queues", "tasks", "workers", "workflows"}) {
            String seg = switch (l) {
                case "task_channels" -> "TaskChannels";
                case "task_queues" -> "TaskQueues";
                default -> Character.toUpperCase(l.charAt(0)) + l.substring(1);
            };
            links.put(l, url(workspacePath(sid) + "/" + seg));
        }
        store.workspaces.put(w);
        ObjectNode offline = newActivity(sid, "Offline", false);
        newActivity(sid, "Available", true);
        newActivity(sid, "Unavailable", false);
        newActivity(sid, "Break", false);
        for (String name2 : DEFAULT_CHANNELS) {
            newTaskChannel(sid, name2, Character.toUpperCase(name2.charAt(0)) + name2.substring(1));
        }
        w.put("default_activity_sid", offline.get("sid").asText());
        w.put("default_activity_name", "Offline");
        w.put("timeout_activity_sid", offline.get("sid").asText());
        w.put("timeout_activity_name", "Offline");
        LOG.info("workspace {} created", sid);
        return w;
    }

    ObjectNode updateWorkspace(ObjectNode w, ApiRequest q) {
        String ws = w.get("sid").asText();
        ObjectNode def = q.has("DefaultActivitySid") ? store.referenced(store.activities, "DefaultActivitySid", q.param("DefaultActivitySid"), ws) : null;
        ObjectNode timeout = q.has("TimeoutActivitySid") ? store.referenced(store.activities, "TimeoutActivitySid", q.param("TimeoutActivitySid"), ws) : null;
        if (def != null) {
            w.put("default_activity_sid", def.get("sid").asText());
            w.put("default_activity_name", def.get("friendly_name").asText());
        }
        if (timeout != null) {
            w.put("timeout_activity_sid", timeout.get("sid").asText());
            w.put("timeout_activity_name", timeout.get("friendly_name").asText());
        }
        Json.copyParam(q, "FriendlyName", w, "friendly_name");
        Json.copyParam(q, "EventCallbackUrl", w, "event_callback_url");
        w.put("date_updated", Json.now());
        return w;
    }

    ObjectNode createActivity(String ws, ApiRequest q) {
        String name = q.required("FriendlyName");
        boolean available = q.boolParam("Available", true);
        return newActivity(ws, name, available);
    }

    ObjectNode newActivity(String ws, String name, boolean available) {
        String sid = store.account.defaultSid("WA", ws + "/" + name);
        if (store.activities.find(sid) != null) {
            sid = Sids.random("WA");
        }
        ObjectNode a = store.base(sid, ws, workspacePath(ws) + "/Activities/" + sid);
        a.put("friendly_name", name);
        a.put("available", available);
        a.putObject("links").put("workspace", url(workspacePath(ws)));
        return store.activities.put(a);
    }

    ObjectNode createTaskChannel(String ws, ApiRequest q) {
        String name = q.required("FriendlyName");
        String unique = q.required("UniqueName");
        if (store.taskChannels.children("workspace_sid", ws).stream().anyMatch(c -> c.get("unique_name").asText().equals(unique))) {
            throw ApiException.conflict("Task channel '" + unique + "' already exists");
        }
        ObjectNode c = newTaskChannel(ws, unique, name);
        c.put("channel_optimized_routing", q.boolParam("ChannelOptimizedRouting", false));
        for (ObjectNode w : store.workers.children("workspace_sid", ws)) {
            newWorkerChannel(w, c);
        }
        return c;
    }

    ObjectNode newTaskChannel(String ws, String unique, String friendly) {
        String sid = store.account.defaultSid("TC", ws + "/" + unique);
        ObjectNode c = store.base(sid, ws, workspacePath(ws) + "/TaskChannels/" + sid);
        c.put("friendly_name", friendly);
        c.put("unique_name", unique);
        c.put("channel_optimized_routing", false);
        c.putObject("links").put("workspace", url(workspacePath(ws)));
        return store.taskChannels.put(c);
    }

    ObjectNode createQueue(String ws, ApiRequest q) {
        String name = q.required("FriendlyName");
        String target = q.param("TargetWorkers", "1==1");
        checkExpression("TargetWorkers", target);
        String order = q.oneOf("TaskOrder", "FIFO", "FIFO", "LIFO");
        ObjectNode queue = newQueue(ws, Sids.random("WQ"), name, target);
        queue.put("task_order", order);
        queue.put("max_reserved_workers", q.intParam("MaxReservedWorkers", 1));
        return queue;
    }

    ObjectNode newQueue(String ws, String sid, String name, String target) {
        ObjectNode queue = store.base(sid, ws, workspacePath(ws) + "/TaskQueues/" + sid);
        queue.put("friendly_name", name);
        queue.put("target_workers", target);
        queue.put("max_reserved_workers", 1);
        queue.put("task_order", "FIFO");
        queue.putNull("assignment_activity_sid");
        queue.putNull("assignment_activity_name");
        queue.putNull("reservation_activity_sid");
        queue.putNull("reservation_activity_name");
        queue.putObject("links").put("workspace", url(workspacePath(ws)));
        return store.queues.put(queue);
    }

    ObjectNode createWorkflow(String ws, ApiRequest q) {
        String name = q.required("FriendlyName");
        JsonNode parsed = routing.checkConfiguration(ws, q.required("Configuration"));
        int timeout = q.intParam("TaskReservationTimeout", 120);
        if (timeout < 1 || timeout > 86400) {
            throw ApiException.invalid("TaskReservationTimeout", "must be between 1 and 86400 seconds");
        }
        ObjectNode w = newWorkflow(ws, Sids.random("WW"), name, Json.write(parsed), timeout);
        w.put("assignment_callback_url", q.param("AssignmentCallbackUrl"));
        w.put("fallback_assignment_callback_url", q.param("FallbackAssignmentCallbackUrl"));
        return w;
    }

    ObjectNode newWorkflow(String ws, String sid, String name, String configuration, int timeout) {
        ObjectNode w = store.base(sid, ws, workspacePath(ws) + "/Workflows/" + sid);
        w.put("friendly_name", name);
        w.put("configuration", configuration);
        w.put("document_content_type", "application/json");
        w.putNull("assignment_callback_url");
        w.putNull("fallback_assignment_callback_url");
        w.put("task_reservation_timeout", timeout);
        w.putObject("links").put("workspace", url(workspacePath(ws)));
        return store.workflows.put(w);
    }

    static void checkExpression(String param, String expression) {
        try {
            TaskExpression.check(expression);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(param, e.getMessage());
        }
    }


    ObjectNode newWorker(String ws, String sid, String name, String attributes, String activitySid) {
        ObjectNode w = store.base(sid, ws, workspacePath(ws) + "/Workers/" + sid);
        w.put("friendly_name", name);
        w.put("attributes", attributes);
        ObjectNode links = w.putObject("links");
        links.put("channels", url(workspacePath(ws) + "/Workers/" + sid + "/Channels"));
        links.put("reservations", url(workspacePath(ws) + "/Workers/" + sid + "/Reservations"));
        links.put("workspace", url(workspacePath(ws)));
        String activity = activitySid != null ? activitySid : store.workspaces.find(ws).get("default_activity_sid").asText();
        engine.setActivity(w, store.activities.find(activity));
        store.workers.put(w);
        for (ObjectNode c : store.taskChannels.children("workspace_sid", ws)) {
            newWorkerChannel(w, c);
        }
        LOG.info("worker {} created in {}", sid, ws);
        return w;
    }

    void newWorkerChannel(ObjectNode worker, ObjectNode taskChannel) {
        String ws = worker.get("workspace_sid").asText();
        String sid = Sids.random("WC");
        ObjectNode c = store.base(sid, ws, workspacePath(ws) + "/Workers/" + worker.get("sid").asText() + "/Channels/" + sid);
        c.put("worker_sid", worker.get("sid").asText());
        c.put("task_channel_sid", taskChannel.get("sid").asText());
        c.put("task_channel_unique_name", taskChannel.get("unique_name").asText());
        c.put("configured_capacity", 1);
        c.put("assigned_tasks", 0);
        c.put("available", true);
        c.put("available_capacity_percentage", 100);
        store.workerChannels.put(c);
    }
}
