package dev.flexlex.localflex.flex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.flexapi.v1.Interaction;
import com.twilio.rest.flexapi.v1.interaction.InteractionChannel;
import com.twilio.rest.flexapi.v1.interaction.interactionchannel.InteractionChannelParticipant;
import com.twilio.rest.taskrouter.v1.workspace.Activity;
import com.twilio.rest.taskrouter.v1.workspace.Task;
import com.twilio.rest.taskrouter.v1.workspace.Worker;
import com.twilio.rest.taskrouter.v1.workspace.task.Reservation;
import dev.flexlex.localflex.testing.LocalFlexTestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flex Conversations handoff: Interaction → TaskRouter task → reservation → accept → the agent joins the chat. */
public class InteractionHandoffTest extends LocalFlexTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Interaction handOff(String conversationSid) {
        Map<String, Object> channel = Map.of("type", "web", "initiated_by", "customer",
                "properties", Map.of("media_channel_sid", conversationSid));
        Map<String, Object> routing = Map.of("properties", Map.of(
                "workspace_sid", flex.workspaceSid(),
                "workflow_sid", flex.workflowSid(),
                "task_channel_unique_name", "chat",
                "attributes", Map.of("customerName", "Ada", "botName", "OrderFlowers", "lastIntent", "TalkToAgent")));
        return Interaction.creator(channel).setRouting(routing).create(twilio);
    }

    /** The interaction's channel, once its asynchronous setup has made it (polled for at most 5 s). */
    public static InteractionChannel awaitChannel(com.twilio.http.TwilioRestClient twilio, String interactionSid) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var channels = InteractionChannel.reader(interactionSid).read(twilio).iterator();
            if (channels.hasNext()) {
                return channels.next();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("interaction " + interactionSid + " got no channel");
    }

    private static String activity(String name) {
        return Activity.reader(flex.workspaceSid()).setFriendlyName(name).read(twilio).iterator().next().getSid();
    }

    @Test
    void accountStartsWithFlexDefaults() {
        Worker worker = Worker.fetcher(flex.workspaceSid(), flex.workerSid()).fetch(twilio);
        assertEquals("Offline", worker.getActivityName());
        assertTrue(flex.chatServiceSid().matches("IS[0-9a-f]{32}"));
        assertTrue(flex.workflowSid().matches("WW[0-9a-f]{32}"));
        assertTrue(flex.taskQueueSid().matches("WQ[0-9a-f]{32}"));
        assertTrue(flex.taskChannelSid("chat").matches("TC[0-9a-f]{32}"));
    }

    @Test
    void interactionToTaskToReservationToAcceptedAgentParticipant() throws Exception {
        String conversationSid = Conversation.creator().setFriendlyName("handoff").create(twilio).getSid();
        Interaction interaction = handOff(conversationSid);
        assertTrue(interaction.getSid().matches("KD[0-9a-f]{32}"));
        assertEquals(InteractionChannel.ChannelStatus.ACTIVE, awaitChannel(twilio, interaction.getSid()).getStatus());

        List<Task> tasks = new ArrayList<>();
        Task.reader(flex.workspaceSid()).setEvaluateTaskAttributes("conversationSid == \"" + conversationSid + "\"")
                .read(twilio).forEach(tasks::add);
        assertEquals(1, tasks.size());
        Task task = tasks.get(0);
        JsonNode attributes = JSON.readTree(task.getAttributes());
        assertEquals("Ada", attributes.get("customerName").asText());
        assertEquals(interaction.getSid(), attributes.get("flexInteractionSid").asText());
        assertEquals("chat", task.getTaskChannelUniqueName());
        assertEquals(Task.Status.PENDING, task.getAssignmentStatus(), "the only worker is offline");

        Worker.updater(flex.workspaceSid(), flex.workerSid()).setActivitySid(activity("Available")).update(twilio);
        List<Reservation> reservations = new ArrayList<>();
        Reservation.reader(flex.workspaceSid(), task.getSid()).read(twilio).forEach(reservations::add);
        assertEquals(1, reservations.size());
        assertEquals(Reservation.Status.PENDING, reservations.get(0).getReservationStatus());
        assertEquals(flex.workerSid(), reservations.get(0).getWorkerSid());
        assertEquals(Task.Status.RESERVED, Task.fetcher(flex.workspaceSid(), task.getSid()).fetch(twilio).getAssignmentStatus());

        Reservation accepted = Reservation.updater(flex.workspaceSid(), task.getSid(), reservations.get(0).getSid())
                .setReservationStatus(Reservation.Status.ACCEPTED).update(twilio);
        assertEquals(Reservation.Status.ACCEPTED, accepted.getReservationStatus());
        assertEquals(Task.Status.ASSIGNED, Task.fetcher(flex.workspaceSid(), task.getSid()).fetch(twilio).getAssignmentStatus());

        List<String> identities = new ArrayList<>();
        Participant.reader(conversationSid).read(twilio).forEach(p -> identities.add(p.getIdentity()));
        assertEquals(List.of("agent"), identities);
        InteractionChannel channel = InteractionChannel.reader(interaction.getSid()).read(twilio).iterator().next();
        List<String> types = new ArrayList<>();
        InteractionChannelParticipant.reader(interaction.getSid(), channel.getSid()).read(twilio)
                .forEach(p -> types.add(p.getType().toString()));
        assertEquals(List.of("customer", "agent"), types);

        Task done = Task.updater(flex.workspaceSid(), task.getSid()).setAssignmentStatus(Task.Status.COMPLETED)
                .setReason("chat ended").update(twilio);
        assertEquals(Task.Status.COMPLETED, done.getAssignmentStatus());
        Worker.updater(flex.workspaceSid(), flex.workerSid()).setActivitySid(activity("Offline")).update(twilio);
    }

    @Test
    void closingTheInteractionChannelClosesTheConversationAndCancelsItsWaitingTask() throws InterruptedException {
        String conversationSid = Conversation.creator().create(twilio).getSid();
        Interaction interaction = handOff(conversationSid);
        InteractionChannel channel = awaitChannel(twilio, interaction.getSid());

        InteractionChannel closed = InteractionChannel.updater(interaction.getSid(), channel.getSid(),
                InteractionChannel.UpdateChannelStatus.CLOSED).update(twilio);

        assertEquals(InteractionChannel.ChannelStatus.CLOSED, closed.getStatus());
        assertEquals(Conversation.State.CLOSED, Conversation.fetcher(conversationSid).fetch(twilio).getState());
        Task task = Task.reader(flex.workspaceSid()).setEvaluateTaskAttributes("conversationSid == '" + conversationSid + "'")
                .read(twilio).iterator().next();
        assertEquals(Task.Status.CANCELED, task.getAssignmentStatus());
    }
}
