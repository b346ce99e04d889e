package dev.flexlex.localflex.taskrouter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localflex.http.Json;
import dev.flexlex.localflex.http.Sids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Offers pending tasks to workers the way TaskRouter does: highest priority first, then oldest; to an
 * available worker (activity {@code available}) that the task's queue targets and whose channel has
 * spare capacity, never twice to a worker who declined it. A reservation not answered within the
 * workflow's {@code task_reservation_timeout} times out: the worker moves to the workspace's timeout
 * activity and the task is offered again.
 */
final class ReservationEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ReservationEngine.class);

    /** Told when a worker accepts a reservation (Flex then joins the agent to the chat). */
    interface AcceptListener {
        void accepted(ObjectNode task, ObjectNode worker);
    }

    private final TaskRouterStore store;
    private final Object lock;
    private final ScheduledExecutorService timer;
    private final List<AcceptListener> listeners = new CopyOnWriteArrayList<>();

    ReservationEngine(TaskRouterStore store, Object lock, ScheduledExecutorService timer) {
        this.store = store;
        this.lock = lock;
        this.timer = timer;
    }

    void onAccept(AcceptListener listener) {
        listeners.add(listener);
    }

    /** Offers every pending task of the workspace that can be offered now. Call under the lock. */
    void assign(String workspaceSid) {
        List<ObjectNode> pending = new ArrayList<>(store.tasks.where(t -> t.get("workspace_sid").asText().equals(workspaceSid)
                && t.get("assignment_status").asText().equals("pending")));
        pending.sort(Comparator.comparingInt((ObjectNode t) -> -t.get("priority").asInt()));
        for (ObjectNode task : pending) {
            ObjectNode worker = candidate(task);
            if (worker != null) {
                offer(task, worker);
            }
        }
    }

    private ObjectNode candidate(ObjectNode task) {
        ObjectNode queue = store.queues.find(task.path("task_queue_sid").asText());
        String target = queue == null ? "1==1" : queue.path("target_workers").asText("1==1");
        for (ObjectNode worker : store.workers.children("workspace_sid", task.get("workspace_sid").asText())) {
            String workerSid = worker.get("sid").asText();
            if (!worker.get("available").asBoolean()
                    || store.declined.contains(task.get("sid").asText() + "/" + workerSid)
                    || !targets(target, worker)) {
                continue;
            }
            ObjectNode channel = store.workerChannels.where(c -> c.get("worker_sid").asText().equals(workerSid)
                    && c.get("task_channel_sid").asText().equals(task.get("task_channel_sid").asText())).stream()
                    .findFirst().orElse(null);
            if (channel != null && channel.get("available").asBoolean()
                    && store.load(workerSid, channel.get("task_channel_sid").asText()) < channel.get("configured_capacity").asInt()) {
                return worker;
            }
        }
        return null;
    }

    private static boolean targets(String expression, ObjectNode worker) {
        try {
            return TaskExpression.evaluate(expression, Json.attributesOf(worker));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void offer(ObjectNode task, ObjectNode worker) {
        String workspaceSid = task.get("workspace_sid").asText();
        String taskSid = task.get("sid").asText();
        String sid = Sids.random("WR");
        String path = TaskRouterStore.workspacePath(workspaceSid) + "/Tasks/" + taskSid + "/Reservations/" + sid;
        ObjectNode r = store.base(sid, workspaceSid, path);
        r.put("reservation_status", "pending");
        r.put("task_sid", taskSid);
        r.put("worker_name", worker.get("friendly_name").asText());
        r.put("worker_sid", worker.get("sid").asText());
        ObjectNode links = r.putObject("links");
        links.put("task", TaskRouterStore.url(TaskRouterStore.workspacePath(workspaceSid) + "/Tasks/" + taskSid));
        links.put("worker", TaskRouterStore.url(TaskRouterStore.workspacePath(workspaceSid) + "/Workers/" + worker.get("sid").asText()));
        links.put("workspace", TaskRouterStore.url(TaskRouterStore.workspacePath(workspaceSid)));
        store.reservations.put(r);
        store.holder.put(taskSid, worker.get("sid").asText());
        setStatus(task, "reserved");
        ObjectNode workflow = store.workflows.find(task.path("workflow_sid").asText());
        int timeout = workflow == null ? 120 : workflow.path("task_reservation_timeout").asInt(120);
        timer.schedule(() -> timeOut(sid), timeout, TimeUnit.SECONDS);
        LOG.info("task {} offered to worker {} as reservation {}", taskSid, worker.get("sid").asText(), sid);
    }

    private void timeOut(String reservationSid) {
        synchronized (lock) {
            ObjectNode r = store.reservations.find(reservationSid);
            if (r == null || !r.get("reservation_status").asText().equals("pending")) {
                return;
            }
            LOG.info("reservation {} timed out", reservationSid);
            decline(r, "timeout");
            ObjectNode workspace = store.workspaces.find(r.get("workspace_sid").asText());
            ObjectNode worker = store.workers.find(r.get("worker_sid").asText());
            if (workspace != null && worker != null) {
                ObjectNode activity = store.activities.find(workspace.get("timeout_activity_sid").asText());
                if (activity != null) {
                    setActivity(worker, activity);
                }
            }
            assign(r.get("workspace_sid").asText());
        }
    }

    /** Accepts a pending reservation: the task is assigned and the listeners are told. */
    void accept(ObjectNode r) {
        ObjectNode task = store.tasks.find(r.get("task_sid").asText());
        r.put("reservation_status", "accepted");
        r.put("date_updated", Json.now());
        setStatus(task, "assigned");
        LOG.info("reservation {} accepted, task {} assigned", r.get("sid").asText(), task.get("sid").asText());
        ObjectNode worker = store.workers.find(r.get("worker_sid").asText());
        for (AcceptListener l : listeners) {
            l.accepted(task, worker);
        }
    }

    /** Rejects (or times out) a pending reservation; the task goes back to pending. */
    void decline(ObjectNode r, String status) {
        String taskSid = r.get("task_sid").asText();
        r.put("reservation_status", status);
        r.put("date_updated", Json.now());
        store.declined.add(taskSid + "/" + r.get("worker_sid").asText());
        store.holder.remove(taskSid);
        ObjectNode task = store.tasks.find(taskSid);
        if (task != null && task.get("assignment_status").asText().equals("reserved")) {
            setStatus(task, "pending");
        }
    }

    /** Ends a task (completed/canceled): pending reservations are canceled, capacity is freed. */
    void finish(ObjectNode task, String status) {
        String taskSid = task.get("sid").asText();
        for (ObjectNode r : store.reservations.where(x -> x.get("task_sid").asText().equals(taskSid))) {
            String rs = r.get("reservation_status").asText();
            if (rs.equals("pending")) {
                r.put("reservation_status", "canceled");
            } else if (rs.equals("accepted") || rs.equals("wrapping")) {
                r.put("reservation_status", status.equals("completed") ? "completed" : "canceled");
            }
        }
        store.holder.remove(taskSid);
        setStatus(task, status);
    }

    void setActivity(ObjectNode worker, ObjectNode activity) {
        String now = Json.now();
        worker.put("activity_sid", activity.get("sid").asText());
        worker.put("activity_name", activity.get("friendly_name").asText());
        worker.put("available", activity.get("available").asBoolean());
        worker.put("date_status_changed", now);
        worker.put("date_updated", now);
    }

    private static void setStatus(ObjectNode task, String status) {
        task.put("assignment_status", status);
        task.put("date_updated", Json.now());
    }

    static JsonNode attributes(ObjectNode task) {
        return Json.attributesOf(task);
    }
}
