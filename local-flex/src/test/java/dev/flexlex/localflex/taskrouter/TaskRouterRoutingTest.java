package dev.flexlex.localflex.taskrouter;

import com.twilio.rest.taskrouter.v1.Workspace;
import com.twilio.rest.taskrouter.v1.workspace.Activity;
import com.twilio.rest.taskrouter.v1.workspace.Task;
import com.twilio.rest.taskrouter.v1.workspace.TaskQueue;
import com.twilio.rest.taskrouter.v1.workspace.Worker;
import com.twilio.rest.taskrouter.v1.workspace.worker.WorkerChannel;
import com.twilio.rest.taskrouter.v1.workspace.Workflow;
import com.twilio.rest.taskrouter.v1.workspace.task.Reservation;
import dev.flexlex.localflex.testing.LocalFlexTestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TaskRouter routing through twilio-java: filters, capacity, reject and timeout re-offers. Each test has its own workspace. */
class TaskRouterRoutingTest extends LocalFlexTestBase {

    private record Space(String sid, String workflowSid, String available) {
    }

    private static Space newWorkspace(String name, int reservationTimeout) {
        Workspace ws = Workspace.creator(name).create(twilio);
        String queue = TaskQueue.creator(ws.getSid(), "Everyone").setTargetWorkers("1==1").create(twilio).getSid();
        String workflow = Workflow.creator(ws.getSid(), "Assign to Anyone",
                        "{\"task_routing\":{\"filters\":[],\"default_filter\":{\"queue\":\"" + queue + "\"}}}")
                .setTaskReservationTimeout(reservationTimeout).create(twilio).getSid();
        String available = Activity.reader(ws.getSid()).setFriendlyName("Available").read(twilio).iterator().next().getSid();
        return new Space(ws.getSid(), workflow, available);
    }

    private static String availableWorker(Space space, String name) {
        return Worker.creator(space.sid(), name).setActivitySid(space.available())
                .setAttributes("{\"contact_uri\":\"client:" + name + "\"}").create(twilio).getSid();
    }

    private static Task task(Space space, String attributes) {
        return Task.creator(space.sid()).setWorkflowSid(space.workflowSid()).setTaskChannel("chat")
                .setAttributes(attributes).create(twilio);
    }

    private static List<Reservation> reservations(Space space, String taskSid) {
        List<Reservation> out = new ArrayList<>();
        Reservation.reader(space.sid(), taskSid).read(twilio).forEach(out::add);
        return out;
    }

    @Test
    void listFiltersByAssignmentStatusAndEvaluateTaskAttributes() {
        Space space = newWorkspace("filters", 120);
        Task a = task(space, "{\"channelSid\":\"CHa\",\"language\":\"en\",\"vip\":true}");
        Task b = task(space, "{\"channelSid\":\"CHb\",\"language\":\"fr\"}");
        task(space, "{\"channelSid\":\"CHc\",\"language\":\"de\"}");
        Task.updater(space.sid(), b.getSid()).setAssignmentStatus(Task.Status.CANCELED).update(twilio);

        assertEquals(List.of(a.getSid()), sids(Task.reader(space.sid())
                .setEvaluateTaskAttributes("channelSid == \"CHa\"").read(twilio)));
        assertEquals(List.of(a.getSid(), b.getSid()), sids(Task.reader(space.sid())
                .setEvaluateTaskAttributes("language IN ['en', 'fr']").read(twilio)));
        assertEquals(List.of(a.getSid()), sids(Task.reader(space.sid())
                .setEvaluateTaskAttributes("language IN ['en', 'fr'] AND vip == true").read(twilio)));
        assertEquals(List.of(b.getSid()), sids(Task.reader(space.sid()).setAssignmentStatus("canceled").read(twilio)));
        assertEquals(2, sids(Task.reader(space.sid()).setAssignmentStatus("pending").read(twilio)).size());
    }

    @Test
    void aRejectedReservationIsOfferedToTheNextWorker() {
        Space space = newWorkspace("reject", 120);
        String first = availableWorker(space, "first");
        String second = availableWorker(space, "second");
        Task t = task(space, "{}");
        Reservation offered = reservations(space, t.getSid()).get(0);
        assertEquals(first, offered.getWorkerSid());

        Reservation.updater(space.sid(), t.getSid(), offered.getSid()).setReservationStatus(Reservation.Status.REJECTED).update(twilio);

        List<Reservation> all = reservations(space, t.getSid());
        assertEquals(List.of(Reservation.Status.REJECTED, Reservation.Status.PENDING),
                all.stream().map(Reservation::getReservationStatus).toList());
        assertEquals(second, all.get(1).getWorkerSid());
    }

    @Test
    void raisingAWorkerChannelsCapacityOffersWaitingTasksAtOnce() {
        Space space = newWorkspace("raise-capacity", 120);
        String agent = availableWorker(space, "agent");
        Task one = task(space, "{\"n\":1}");
        Task two = task(space, "{\"n\":2}");
        assertEquals(0, reservations(space, two.getSid()).size(), "capacity 1: the second task waits");

        WorkerChannel chat = WorkerChannel.updater(space.sid(), agent, "chat").setCapacity(2).update(twilio);

        assertEquals(2, chat.getConfiguredCapacity());
        assertEquals(true, chat.getAvailable());
        assertEquals(agent, reservations(space, one.getSid()).get(0).getWorkerSid());
        assertEquals(agent, reservations(space, two.getSid()).get(0).getWorkerSid());
        assertEquals(2, WorkerChannel.fetcher(space.sid(), agent, chat.getSid()).fetch(twilio).getConfiguredCapacity());
    }

    @Test
    void aNegativeCapacityIsRefusedAndChangesNothing() {
        Space space = newWorkspace("bad-capacity", 120);
        String agent = availableWorker(space, "agent");

        com.twilio.exception.ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(
                com.twilio.exception.ApiException.class,
                () -> WorkerChannel.updater(space.sid(), agent, "chat").setCapacity(-1).update(twilio));

        assertEquals(400, refused.getStatusCode());
        assertEquals(20001, refused.getCode());
        assertEquals(1, WorkerChannel.fetcher(space.sid(), agent, "chat").fetch(twilio).getConfiguredCapacity());
    }

    @Test
    void aWorkerGetsNoMoreTasksThanItsChannelCapacity() {
        Space space = newWorkspace("capacity", 120);
        String only = availableWorker(space, "only");
        Task one = task(space, "{\"n\":1}");
        Task two = task(space, "{\"n\":2}");
        assertEquals(1, reservations(space, one.getSid()).size());
        assertEquals(0, reservations(space, two.getSid()).size());

        Reservation r = reservations(space, one.getSid()).get(0);
        Reservation.updater(space.sid(), one.getSid(), r.getSid()).setReservationStatus(Reservation.Status.ACCEPTED).update(twilio);
        Task.updater(space.sid(), one.getSid()).setAssignmentStatus(Task.Status.COMPLETED).update(twilio);

        List<Reservation> second = reservations(space, two.getSid());
        assertEquals(1, second.size());
        assertEquals(only, second.get(0).getWorkerSid());
    }

    @Test
    void anUnansweredReservationTimesOutAndIsOfferedAgain() throws Exception {
        Space space = newWorkspace("timeout", 1);
        String slow = availableWorker(space, "slow");
        String next = availableWorker(space, "next");
        Task t = task(space, "{}");
        assertEquals(slow, reservations(space, t.getSid()).get(0).getWorkerSid());

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (reservations(space, t.getSid()).size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        List<Reservation> all = reservations(space, t.getSid());
        assertEquals(List.of(Reservation.Status.TIMEOUT, Reservation.Status.PENDING),
                all.stream().map(Reservation::getReservationStatus).toList());
        assertEquals(next, all.get(1).getWorkerSid());
        assertEquals("Offline", Worker.fetcher(space.sid(), slow).fetch(twilio).getActivityName());
    }

    @Test
    void badTaskInputIsRejectedAndNothingIsCreated() {
        Space space = newWorkspace("bad", 120);
        com.twilio.exception.ApiException noChannel = org.junit.jupiter.api.Assertions.assertThrows(
                com.twilio.exception.ApiException.class, () -> Task.creator(space.sid()).setWorkflowSid(space.workflowSid())
                        .setTaskChannel("carrier-pigeon").create(twilio));
        assertEquals(400, noChannel.getStatusCode());
        com.twilio.exception.ApiException badJson = org.junit.jupiter.api.Assertions.assertThrows(
                com.twilio.exception.ApiException.class, () -> task(space, "{not json"));
        assertEquals(20001, badJson.getCode());
        com.twilio.exception.ApiException badExpression = org.junit.jupiter.api.Assertions.assertThrows(
                com.twilio.exception.ApiException.class, () -> Task.reader(space.sid())
                        .setEvaluateTaskAttributes("channelSid ==").read(twilio).iterator().hasNext());
        assertEquals(400, badExpression.getStatusCode());
        com.twilio.exception.ApiException tooLong = org.junit.jupiter.api.Assertions.assertThrows(
                com.twilio.exception.ApiException.class, () -> task(space, "{\"transcript\":\"" + "x".repeat(4100) + "\"}"));
        assertTrue(tooLong.getMessage().contains("4096"), tooLong.getMessage());
        assertTrue(sids(Task.reader(space.sid()).read(twilio)).isEmpty());
    }

    private static List<String> sids(Iterable<Task> tasks) {
        List<String> out = new ArrayList<>();
        tasks.forEach(t -> out.add(t.getSid()));
        return out;
    }
}
