package dev.flexlex.localflex.taskrouter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localflex.Account;
import dev.flexlex.localflex.http.ApiException;
import dev.flexlex.localflex.http.ApiRequest;
import dev.flexlex.localflex.http.ApiResponse;
import dev.flexlex.localflex.http.Json;
import dev.flexlex.localflex.http.Paging;
import dev.flexlex.localflex.http.Routes;
import dev.flexlex.localflex.http.Sids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

import static dev.flexlex.localflex.taskrouter.TaskRouterStore.url;
import static dev.flexlex.localflex.taskrouter.TaskRouterStore.workspacePath;

/**
 * {@code taskrouter.twilio.com/v1}: Workspaces, Workflows, TaskQueues, TaskChannels, Activities, Workers
 * (and their channels and reservations), Tasks and Reservations, with a {@link ReservationEngine}; a new task's
 * queue is chosen by {@link WorkflowRouting}.
 */
public final class TaskRouterApi {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRouterApi.class);
    private static final int MAX_TASK_ATTRIBUTES = 4096;

    private final TaskRouterStore store;
    private final ReservationEngine engine;
    private final WorkflowRouting routing;
    private final WorkspaceSetup setup;

    public TaskRouterApi(Account account, Object lock, ScheduledExecutorService timer) {
        this.store = new TaskRouterStore(account);
        this.engine = new ReservationEngine(store, lock, timer);
        this.routing = new WorkflowRouting(store);
        this.setup = new WorkspaceSetup(store, engine, routing);
    }

    /** Flex's hook: called under the state lock when a worker accepts a task. */
    public void onAccept(java.util.function.BiConsumer<ObjectNode, ObjectNode> listener) {
        engine.onAccept(listener::accept);
    }

    /** The defaults of a new Flex account; returns {workspace, workflow, queue, worker} SIDs. */
    public String[] createFlexDefaults() {
        Account a = store.account;
        String ws = a.defaultSid("WS", "Flex Task Assignment");
        setup.newWorkspace(ws, "Flex Task Assignment");
        String queue = a.defaultSid("WQ", "Everyone");
        setup.newQueue(ws, queue, "Everyone", "1==1");
        String workflow = a.defaultSid("WW", "Assign to Anyone");
        setup.newWorkflow(ws, workflow, "Assign to Anyone", WorkflowRouting.defaultConfiguration(queue), 120);
        String worker = a.defaultSid("WK", "agent");
        setup.newWorker(ws, worker, "agent", "{\"contact_uri\":\"client:agent\",\"full_name\":\"Local Agent\",\"routing\":{\"skills\":[]}}", null);
        return new String[]{ws, workflow, queue, worker};
    }

    public String taskChannelSid(String workspaceSid, String uniqueName) {
        return store.taskChannel(workspaceSid, uniqueName, "TaskChannel").get("sid").asText();
    }

    /**
     * Ends the tasks whose attributes carry {@code attribute == value} (Flex closing an interaction channel):
     * waiting ones are canceled, assigned ones go to wrapping. Returns how many changed.
     */
    public int wrapUpTasksWith(String attribute, String value) {
        int changed = 0;
        for (ObjectNode t : store.tasks.where(t -> value.equals(Json.attributesOf(t).path(attribute).asText(null)))) {
            String status = t.get("assignment_status").asText();
            if (status.equals("pending") || status.equals("reserved")) {
                engine.finish(t, "canceled");
                changed++;
            } else if (status.equals("assigned")) {
                t.put("assignment_status", "wrapping");
                changed++;
            }
        }
        return changed;
    }

    public void register(Routes r) {
        String ws = "/v1/Workspaces/{}";
        r.add("GET", "/v1/Workspaces", (q, v) -> Paging.page(q, "workspaces",
                        store.workspaces.where(named(q.param("FriendlyName")))))
                .add("POST", "/v1/Workspaces", (q, v) -> ApiResponse.created(setup.createWorkspace(q)))
                .add("GET", ws, (q, v) -> ApiResponse.ok(store.workspaces.get(v.get(0), q)))
                .add("POST", ws, (q, v) -> ApiResponse.ok(setup.updateWorkspace(store.workspaces.get(v.get(0), q), q)))
                .add("GET", ws + "/Activities", (q, v) -> Paging.page(q, "activities", children(store.activities, v, q,
                        a -> (q.param("Available") == null || a.get("available").asText().equals(q.param("Available")))
                                && named(q.param("FriendlyName")).test(a))))
                .add("POST", ws + "/Activities", (q, v) -> ApiResponse.created(setup.createActivity(workspace(v, q), q)))
                .add("GET", ws + "/Activities/{}", (q, v) -> ApiResponse.ok(store.inWorkspace(store.activities, v.get(1), workspace(v, q), q)))
                .add("GET", ws + "/TaskChannels", (q, v) -> Paging.page(q, "channels", children(store.taskChannels, v, q, x -> true)))
                .add("POST", ws + "/TaskChannels", (q, v) -> ApiResponse.created(setup.createTaskChannel(workspace(v, q), q)))
                .add("GET", ws + "/TaskChannels/{}", (q, v) -> ApiResponse.ok(taskChannel(v, q)))
                .add("GET", ws + "/TaskQueues", (q, v) -> Paging.page(q, "task_queues", children(store.queues, v, q, named(q.param("FriendlyName")))))
                .add("POST", ws + "/TaskQueues", (q, v) -> ApiResponse.created(setup.createQueue(workspace(v, q), q)))
                .add("GET", ws + "/TaskQueues/{}", (q, v) -> ApiResponse.ok(store.inWorkspace(store.queues, v.get(1), workspace(v, q), q)))
                .add("GET", ws + "/Workflows", (q, v) -> Paging.page(q, "workflows", children(store.workflows, v, q, named(q.param("FriendlyName")))))
                .add("POST", ws + "/Workflows", (q, v) -> ApiResponse.created(setup.createWorkflow(workspace(v, q), q)))
                .add("GET", ws + "/Workflows/{}", (q, v) -> ApiResponse.ok(store.inWorkspace(store.workflows, v.get(1), workspace(v, q), q)))
                .add("GET", ws + "/Workers", (q, v) -> Paging.page(q, "workers", children(store.workers, v, q, workerFilter(q))))
                .add("POST", ws + "/Workers", (q, v) -> ApiResponse.created(createWorker(workspace(v, q), q)))
                .add("GET", ws + "/Workers/{}", (q, v) -> ApiResponse.ok(worker(v, q)))
                .add("POST", ws + "/Workers/{}", (q, v) -> ApiResponse.ok(updateWorker(worker(v, q), q)))
                .add("DELETE", ws + "/Workers/{}", (q, v) -> deleteWorker(worker(v, q)))
                .add("GET", ws + "/Workers/{}/Channels", (q, v) -> Paging.page(q, "channels",
                        store.workerChannels.children("worker_sid", worker(v, q).get("sid").asText())))
                .add("GET", ws + "/Workers/{}/Channels/{}", (q, v) -> ApiResponse.ok(workerChannel(v, q)))
                .add("POST", ws + "/Workers/{}/Channels/{}", (q, v) -> ApiResponse.ok(updateWorkerChannel(workerChannel(v, q), q)))
                .add("GET", ws + "/Workers/{}/Reservations", (q, v) -> Paging.page(q, "reservations", store.reservations.where(
                        x -> x.get("worker_sid").asText().equals(worker(v, q).get("sid").asText()) && status(q, x))))
                .add("GET", ws + "/Workers/{}/Reservations/{}", (q, v) -> ApiResponse.ok(workerReservation(v, q)))
                .add("POST", ws + "/Workers/{}/Reservations/{}", (q, v) -> ApiResponse.ok(updateReservation(workerReservation(v, q), q)))
                .add("GET", ws + "/Tasks", (q, v) -> Paging.page(q, "tasks", children(store.tasks, v, q, taskFilter(q))))
                .add("POST", ws + "/Tasks", (q, v) -> ApiResponse.created(createTask(workspace(v, q), q)))
                .add("GET", ws + "/Tasks/{}", (q, v) -> ApiResponse.ok(task(v, q)))
                .add("POST", ws + "/Tasks/{}", (q, v) -> ApiResponse.ok(updateTask(task(v, q), q)))
                .add("DELETE", ws + "/Tasks/{}", (q, v) -> deleteTask(task(v, q)))
                .add("GET", ws + "/Tasks/{}/Reservations", (q, v) -> Paging.page(q, "reservations", store.reservations.where(
                        x -> x.get("task_sid").asText().equals(task(v, q).get("sid").asText()) && status(q, x)
                                && (q.param("WorkerSid") == null || q.param("WorkerSid").equals(x.get("worker_sid").asText())))))
                .add("GET", ws + "/Tasks/{}/Reservations/{}", (q, v) -> ApiResponse.ok(taskReservation(v, q)))
                .add("POST", ws + "/Tasks/{}/Reservations/{}", (q, v) -> ApiResponse.ok(updateReservation(taskReservation(v, q), q)));
    }

    // ---- lookups -------------------------------------------------------------------------------

    private String workspace(List<String> v, ApiRequest q) {
        return store.workspaces.get(v.get(0), q).get("sid").asText();
    }

    private List<ObjectNode> children(dev.flexlex.localflex.http.Table table, List<String> v, ApiRequest q, Predicate<ObjectNode> filter) {
        String ws = workspace(v, q);
        return table.where(row -> row.get("workspace_sid").asText().equals(ws) && filter.test(row));
    }

    private static Predicate<ObjectNode> named(String friendlyName) {
        return row -> friendlyName == null || friendlyName.equals(row.path("friendly_name").asText());
    }

    private static boolean status(ApiRequest q, ObjectNode reservation) {
        String wanted = q.param("ReservationStatus");
        return wanted == null || wanted.equals(reservation.get("reservation_status").asText());
    }

    private ObjectNode taskChannel(List<String> v, ApiRequest q) {
        String ws = workspace(v, q);
        try {
            return store.taskChannel(ws, v.get(1), "Sid");
        } catch (ApiException e) {
            throw ApiException.notFound(q.path());
        }
    }

    private ObjectNode worker(List<String> v, ApiRequest q) {
        return store.inWorkspace(store.workers, v.get(1), workspace(v, q), q);
    }

    private ObjectNode task(List<String> v, ApiRequest q) {
        ObjectNode task = store.inWorkspace(store.tasks, v.get(1), workspace(v, q), q);
        task.put("age", java.time.Duration.between(java.time.Instant.parse(task.get("date_created").asText()),
                java.time.Instant.now()).toSeconds());
        return task;
    }

    private ObjectNode taskReservation(List<String> v, ApiRequest q) {
        ObjectNode task = task(v, q);
        return store.reservations.get(v.get(2), "task_sid", task.get("sid").asText(), q);
    }

    private ObjectNode workerReservation(List<String> v, ApiRequest q) {
        ObjectNode worker = worker(v, q);
        return store.reservations.get(v.get(2), "worker_sid", worker.get("sid").asText(), q);
    }

    // ---- workers -------------------------------------------------------------------------------

    private static Predicate<ObjectNode> workerFilter(ApiRequest q) {
        String available = q.param("Available");
        String activitySid = q.param("ActivitySid");
        String activityName = q.param("ActivityName");
        String name = q.param("FriendlyName");
        String target = q.param("TargetWorkersExpression");
        if (target != null) {
            WorkspaceSetup.checkExpression("TargetWorkersExpression", target);
        }
        return w -> (available == null || w.get("available").asText().equals(available))
                && (activitySid == null || w.get("activity_sid").asText().equals(activitySid))
                && (activityName == null || w.get("activity_name").asText().equals(activityName))
                && (name == null || w.get("friendly_name").asText().equals(name))
                && (target == null || TaskExpression.evaluate(target, Json.attributesOf(w)));
    }

    private ObjectNode createWorker(String ws, ApiRequest q) {
        String name = q.required("FriendlyName");
        String attributes = q.jsonText("Attributes", "{}");
        String activity = q.param("ActivitySid");
        if (activity != null) {
            store.referenced(store.activities, "ActivitySid", activity, ws);
        }
        if (store.workers.children("workspace_sid", ws).stream().anyMatch(w -> w.get("friendly_name").asText().equals(name))) {
            throw ApiException.conflict("Worker '" + name + "' already exists");
        }
        ObjectNode w = setup.newWorker(ws, Sids.random("WK"), name, attributes, activity);
        engine.assign(ws);
        return w;
    }


    private ObjectNode updateWorker(ObjectNode w, ApiRequest q) {
        String ws = w.get("workspace_sid").asText();
        String attributes = q.jsonText("Attributes", w.get("attributes").asText());
        ObjectNode activity = q.has("ActivitySid") ? store.referenced(store.activities, "ActivitySid", q.param("ActivitySid"), ws) : null;
        w.put("attributes", attributes);
        Json.copyParam(q, "FriendlyName", w, "friendly_name");
        w.put("date_updated", Json.now());
        if (activity != null) {
            engine.setActivity(w, activity);
            LOG.info("worker {} is now {}", w.get("sid").asText(), activity.get("friendly_name").asText());
        }
        engine.assign(ws);
        return w;
    }

    /** A worker's channel, named by its WC sid or by its task channel's unique name, as Twilio accepts both. */
    private ObjectNode workerChannel(List<String> v, ApiRequest q) {
        String workerSid = worker(v, q).get("sid").asText();
        return store.workerChannels.where(c -> c.get("worker_sid").asText().equals(workerSid)
                        && (c.get("sid").asText().equals(v.get(2)) || c.get("task_channel_unique_name").asText().equals(v.get(2))))
                .stream().findFirst().orElseThrow(() -> ApiException.notFound(q.path()));
    }

    /** Capacity (0 or more) and Available; new capacity is offered at once to waiting tasks. */
    private ObjectNode updateWorkerChannel(ObjectNode channel, ApiRequest q) {
        Integer capacity = q.intParam("Capacity", channel.get("configured_capacity").asInt());
        if (capacity < 0) {
            throw new ApiException(400, 20001, "Capacity must be 0 or more");
        }
        boolean available = q.boolParam("Available", channel.get("available").asBoolean());
        long load = store.load(channel.get("worker_sid").asText(), channel.get("task_channel_sid").asText());
        channel.put("configured_capacity", capacity);
        channel.put("available", available);
        channel.put("assigned_tasks", load);
        channel.put("available_capacity_percentage", capacity == 0 ? 0 : (int) Math.max(0, (capacity - load) * 100 / capacity));
        channel.put("date_updated", Json.now());
        LOG.info("worker channel {} capacity={} available={}", channel.get("sid").asText(), capacity, available);
        engine.assign(channel.get("workspace_sid").asText());
        return channel;
    }

    private ApiResponse deleteWorker(ObjectNode w) {
        String sid = w.get("sid").asText();
        if (store.holder.containsValue(sid)) {
            throw new ApiException(400, 20001, "Worker " + sid + " holds tasks and cannot be deleted");
        }
        store.workers.remove(sid);
        store.workerChannels.removeChildren("worker_sid", sid);
        return ApiResponse.noContent();
    }

    // ---- tasks ---------------------------------------------------------------------------------

    private static Predicate<ObjectNode> taskFilter(ApiRequest q) {
        List<String> statuses = q.values("AssignmentStatus").stream()
                .flatMap(s -> java.util.Arrays.stream(s.split(","))).map(String::trim).toList();
        String workflow = q.param("WorkflowSid");
        String queue = q.param("TaskQueueSid");
        String queueName = q.param("TaskQueueName");
        String expression = q.param("EvaluateTaskAttributes");
        if (expression != null) {
            WorkspaceSetup.checkExpression("EvaluateTaskAttributes", expression);
        }
        return t -> (statuses.isEmpty() || statuses.contains(t.get("assignment_status").asText()))
                && (workflow == null || workflow.equals(t.path("workflow_sid").asText()))
                && (queue == null || queue.equals(t.path("task_queue_sid").asText()))
                && (queueName == null || queueName.equals(t.path("task_queue_friendly_name").asText()))
                && (expression == null || TaskExpression.evaluate(expression, Json.attributesOf(t)));
    }

    private ObjectNode createTask(String ws, ApiRequest q) {
        return createTask(ws, q.param("WorkflowSid"), q.param("TaskChannel", "default"),
                q.jsonText("Attributes", "{}"), q.intParam("Priority", 0), q.intParam("Timeout", 86400));
    }

    /** True when the workspace exists (for callers that create tasks later). */
    public boolean hasWorkspace(String ws) {
        return store.workspaces.find(ws) != null;
    }

    /**
     * Creates a task (the REST API and Flex's Interactions); validates everything first, so a bad
     * parameter creates nothing. {@code workflowSid} may be null when the workspace has one workflow.
     */
    public ObjectNode createTask(String ws, String workflowSid, String taskChannel, String attributes, int priority, int timeout) {
        if (store.workspaces.find(ws) == null) {
            throw ApiException.invalid("WorkspaceSid", "no workspace " + ws);
        }
        if (timeout < 1 || timeout > 2592000) {
            throw ApiException.invalid("Timeout", "must be between 1 and 2592000 seconds");
        }
        checkAttributesSize(attributes);
        ObjectNode channel = store.taskChannel(ws, taskChannel, "TaskChannel");
        ObjectNode workflow = routing.workflowFor(ws, workflowSid);
        ObjectNode queue = routing.queueFor(workflow, Json.parseParam("Attributes", attributes));
        return newTask(ws, attributes, priority, timeout, channel, workflow, queue);
    }

    /** TaskRouter keeps at most 4096 characters of task attributes. */
    private static void checkAttributesSize(String attributes) {
        if (attributes.length() > MAX_TASK_ATTRIBUTES) {
            throw ApiException.invalid("Attributes", "task attributes are limited to " + MAX_TASK_ATTRIBUTES
                    + " characters, got " + attributes.length());
        }
    }

    private ObjectNode newTask(String ws, String attributes, int priority, int timeout, ObjectNode channel,
                               ObjectNode workflow, ObjectNode queue) {
        String sid = Sids.random("WT");
        String path = workspacePath(ws) + "/Tasks/" + sid;
        ObjectNode t = store.base(sid, ws, path);
        t.put("age", 0);
        t.put("assignment_status", "pending");
        t.put("attributes", attributes);
        t.put("addons", "{}");
        t.put("task_queue_entered_date", t.get("date_created").asText());
        t.put("priority", priority);
        t.putNull("reason");
        t.put("task_queue_sid", queue == null ? null : queue.get("sid").asText());
        t.put("task_queue_friendly_name", queue == null ? null : queue.get("friendly_name").asText());
        t.put("task_channel_sid", channel.get("sid").asText());
        t.put("task_channel_unique_name", channel.get("unique_name").asText());
        t.put("timeout", timeout);
        t.put("workflow_sid", workflow.get("sid").asText());
        t.put("workflow_friendly_name", workflow.get("friendly_name").asText());
        ObjectNode links = t.putObject("links");
        links.put("task_queue", queue == null ? null : url(workspacePath(ws) + "/TaskQueues/" + queue.get("sid").asText()));
        links.put("workflow", url(workspacePath(ws) + "/Workflows/" + workflow.get("sid").asText()));
        links.put("workspace", url(workspacePath(ws)));
        links.put("reservations", url(path + "/Reservations"));
        t.put("virtual_start_time", t.get("date_created").asText());
        t.put("ignore_capacity", false);
        t.putNull("routing_target");
        store.tasks.put(t);
        LOG.info("task {} created in queue {}", sid, t.get("task_queue_sid").asText());
        engine.assign(ws);
        return t;
    }

    private ObjectNode updateTask(ObjectNode t, ApiRequest q) {
        String attributes = q.jsonText("Attributes", t.get("attributes").asText());
        checkAttributesSize(attributes);
        int priority = q.intParam("Priority", t.get("priority").asInt());
        String status = q.oneOf("AssignmentStatus", null, "pending", "reserved", "assigned", "canceled", "completed", "wrapping");
        String current = t.get("assignment_status").asText();
        if (status != null && !allowed(current, status)) {
            throw new ApiException(400, 20001, "Cannot change task " + t.get("sid").asText() + " from " + current + " to " + status);
        }
        t.put("attributes", attributes);
        t.put("priority", priority);
        Json.copyParam(q, "Reason", t, "reason");
        t.put("date_updated", Json.now());
        if (status != null && !status.equals(current)) {
            if (status.equals("completed") || status.equals("canceled")) {
                engine.finish(t, status);
            } else {
                t.put("assignment_status", status);
            }
            LOG.info("task {} is now {}", t.get("sid").asText(), status);
        }
        engine.assign(t.get("workspace_sid").asText());
        return t;
    }

    private static boolean allowed(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        return switch (to) {
            case "canceled" -> from.equals("pending") || from.equals("reserved") || from.equals("assigned");
            case "wrapping" -> from.equals("assigned");
            case "completed" -> from.equals("assigned") || from.equals("wrapping");
            default -> false;
        };
    }

    private ApiResponse deleteTask(ObjectNode t) {
        engine.finish(t, "canceled");
        store.tasks.remove(t.get("sid").asText());
        engine.assign(t.get("workspace_sid").asText());
        return ApiResponse.noContent();
    }

    private ObjectNode updateReservation(ObjectNode r, ApiRequest q) {
        String status = q.oneOf("ReservationStatus", null, "accepted", "rejected", "completed", "wrapping");
        ObjectNode activity = q.has("WorkerActivitySid")
                ? store.referenced(store.activities, "WorkerActivitySid", q.param("WorkerActivitySid"), r.get("workspace_sid").asText()) : null;
        if (status == null) {
            return r;
        }
        String current = r.get("reservation_status").asText();
        boolean fromPending = current.equals("pending") && (status.equals("accepted") || status.equals("rejected"));
        boolean afterAccept = current.equals("accepted") && (status.equals("wrapping") || status.equals("completed"));
        if (!fromPending && !afterAccept) {
            throw new ApiException(400, 20001, "Reservation " + r.get("sid").asText() + " is " + current + " and cannot become " + status);
        }
        ObjectNode task = store.tasks.find(r.get("task_sid").asText());
        switch (status) {
            case "accepted" -> engine.accept(r);
            case "rejected" -> engine.decline(r, "rejected");
            case "wrapping" -> {
                r.put("reservation_status", "wrapping");
                task.put("assignment_status", "wrapping");
            }
            default -> engine.finish(task, "completed");
        }
        if (activity != null) {
            engine.setActivity(store.workers.find(r.get("worker_sid").asText()), activity);
        }
        engine.assign(r.get("workspace_sid").asText());
        return r;
    }
}
