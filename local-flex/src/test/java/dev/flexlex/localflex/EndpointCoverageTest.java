package dev.flexlex.localflex;

import com.twilio.rest.chat.v2.Service;
import com.twilio.rest.chat.v2.service.Channel;
import com.twilio.rest.chat.v2.service.channel.Member;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.conversation.Webhook;
import com.twilio.rest.flexapi.v1.FlexFlow;
import com.twilio.rest.flexapi.v1.Interaction;
import com.twilio.rest.flexapi.v1.WebChannel;
import com.twilio.rest.flexapi.v1.interaction.InteractionChannel;
import com.twilio.rest.flexapi.v1.interaction.interactionchannel.InteractionChannelParticipant;
import com.twilio.rest.taskrouter.v1.Workspace;
import com.twilio.rest.taskrouter.v1.workspace.Activity;
import com.twilio.rest.taskrouter.v1.workspace.Task;
import com.twilio.rest.taskrouter.v1.workspace.TaskChannel;
import com.twilio.rest.taskrouter.v1.workspace.TaskQueue;
import com.twilio.rest.taskrouter.v1.workspace.Worker;
import com.twilio.rest.taskrouter.v1.workspace.Workflow;
import com.twilio.rest.taskrouter.v1.workspace.worker.WorkerChannel;
import dev.flexlex.localflex.testing.LocalFlexTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives every remaining endpoint once through twilio-java, so the contract check after the class sees a
 * recorded request/response pair for each; also checks the effect of each call.
 */
class EndpointCoverageTest extends LocalFlexTestBase {

    private static <T> long count(Iterable<T> items) {
        return StreamSupport.stream(items.spliterator(), false).count();
    }

    @Test
    void conversationsEndpoints() {
        Conversation c = Conversation.creator().setFriendlyName("cover").setUniqueName("cover-1")
                .setAttributes("{\"a\":1}").setTimersInactive("PT10M").create(twilio);
        assertEquals(Conversation.State.ACTIVE, c.getState());
        Conversation updated = Conversation.updater(c.getSid()).setState(Conversation.State.INACTIVE)
                .setAttributes("{\"a\":2}").update(twilio);
        assertEquals(Conversation.State.INACTIVE, updated.getState());
        assertEquals(c.getSid(), Conversation.fetcher("cover-1").fetch(twilio).getSid());
        assertTrue(count(Conversation.reader().setState(Conversation.State.INACTIVE).read(twilio)) >= 1);

        Participant p = Participant.creator(c.getSid()).setIdentity("ada").setAttributes("{\"x\":1}").create(twilio);
        assertEquals("ada", Participant.fetcher(c.getSid(), p.getSid()).fetch(twilio).getIdentity());
        assertEquals("{\"y\":2}", Participant.updater(c.getSid(), p.getSid()).setAttributes("{\"y\":2}").update(twilio).getAttributes());
        Message m = Message.creator(c.getSid()).setAuthor("ada").setBody("hello").setAttributes("{\"turn\":\"IM1\",\"part\":0}").create(twilio);
        assertEquals(p.getSid(), m.getParticipantSid());
        assertEquals("edited", Message.updater(c.getSid(), m.getSid()).setBody("edited").update(twilio).getBody());
        Webhook w = Webhook.creator(c.getSid(), Webhook.Target.WEBHOOK).setConfigurationUrl("https://example.com/hook")
                .setConfigurationMethod(Webhook.Method.POST).setConfigurationFilters(List.of("onMessageAdded", "onConversationUpdated"))
                .create(twilio);
        Webhook.updater(c.getSid(), w.getSid()).setConfigurationUrl("https://example.com/other").update(twilio);
        assertTrue(Message.deleter(c.getSid(), m.getSid()).delete(twilio));
        assertTrue(Participant.deleter(c.getSid(), p.getSid()).delete(twilio));
        assertEquals(0, count(Participant.reader(c.getSid()).read(twilio)));
        assertTrue(Conversation.deleter(c.getSid()).delete(twilio));
        assertThrows(com.twilio.exception.ApiException.class, () -> Conversation.fetcher(c.getSid()).fetch(twilio));

        AddressConfiguration a = AddressConfiguration.creator(AddressConfiguration.Type.CHAT, "cover-address").create(twilio);
        assertEquals(a.getSid(), AddressConfiguration.fetcher(a.getSid()).fetch(twilio).getSid());
        AddressConfiguration.updater(a.getSid()).setFriendlyName("renamed").setAutoCreationEnabled(true)
                .setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK)
                .setAutoCreationWebhookUrl("https://example.com/bot").update(twilio);
        assertTrue(count(AddressConfiguration.reader().setType("chat").read(twilio)) >= 1);
        assertTrue(AddressConfiguration.deleter(a.getSid()).delete(twilio));
    }

    @Test
    void chatEndpoints() {
        Service s = Service.creator("Cover Chat").create(twilio);
        assertEquals("Cover Chat", Service.fetcher(s.getSid()).fetch(twilio).getFriendlyName());
        assertEquals("Renamed Chat", Service.updater(s.getSid()).setFriendlyName("Renamed Chat").update(twilio).getFriendlyName());
        assertTrue(count(Service.reader().read(twilio)) >= 2);
        Channel ch = Channel.creator(s.getSid()).setFriendlyName("c").setUniqueName("cover-channel").setAttributes("{}").create(twilio);
        assertEquals(ch.getSid(), Channel.fetcher(s.getSid(), "cover-channel").fetch(twilio).getSid());
        assertEquals(1, count(Channel.reader(s.getSid()).read(twilio)));
        Member mem = Member.creator(s.getSid(), ch.getSid(), "grace").create(twilio);
        assertEquals("grace", Member.fetcher(s.getSid(), ch.getSid(), mem.getSid()).fetch(twilio).getIdentity());
        com.twilio.rest.chat.v2.service.channel.Message msg = com.twilio.rest.chat.v2.service.channel.Message
                .creator(s.getSid(), ch.getSid()).setFrom("grace").setBody("hi").create(twilio);
        assertEquals("hi", com.twilio.rest.chat.v2.service.channel.Message.fetcher(s.getSid(), ch.getSid(), msg.getSid()).fetch(twilio).getBody());
        com.twilio.rest.chat.v2.service.channel.Message.updater(s.getSid(), ch.getSid(), msg.getSid()).setAttributes("{\"k\":1}").update(twilio);
        com.twilio.rest.chat.v2.service.channel.Webhook hook = com.twilio.rest.chat.v2.service.channel.Webhook
                .creator(s.getSid(), ch.getSid(), com.twilio.rest.chat.v2.service.channel.Webhook.Type.WEBHOOK)
                .setConfigurationUrl("https://example.com/chat").setConfigurationFilters("onMessageSent")
                .setConfigurationRetryCount(1).create(twilio);
        assertEquals(hook.getSid(), com.twilio.rest.chat.v2.service.channel.Webhook.fetcher(s.getSid(), ch.getSid(), hook.getSid()).fetch(twilio).getSid());
        com.twilio.rest.chat.v2.service.channel.Webhook.updater(s.getSid(), ch.getSid(), hook.getSid()).setConfigurationRetryCount(2).update(twilio);
        assertTrue(com.twilio.rest.chat.v2.service.channel.Message.deleter(s.getSid(), ch.getSid(), msg.getSid()).delete(twilio));
        assertTrue(Member.deleter(s.getSid(), ch.getSid(), mem.getSid()).delete(twilio));
        assertTrue(Channel.deleter(s.getSid(), ch.getSid()).delete(twilio));
        assertEquals(0, count(Channel.reader(s.getSid()).read(twilio)));
    }

    @Test
    void flexEndpoints() throws InterruptedException {
        FlexFlow flow = FlexFlow.creator("cover flow", flex.chatServiceSid(), FlexFlow.ChannelType.WEB)
                .setIntegrationType(FlexFlow.IntegrationType.STUDIO).setIntegrationFlowSid("FW00000000000000000000000000000000").create(twilio);
        assertEquals(flow.getSid(), FlexFlow.fetcher(flow.getSid()).fetch(twilio).getSid());
        assertEquals(1, count(FlexFlow.reader().setFriendlyName("cover flow").read(twilio)));
        assertEquals(FlexFlow.IntegrationType.EXTERNAL, FlexFlow.updater(flow.getSid()).setIntegrationType(FlexFlow.IntegrationType.EXTERNAL)
                .setIntegrationUrl("https://example.com/flow").update(twilio).getIntegrationType());
        WebChannel wc = WebChannel.creator(flow.getSid(), "guest-cover", "Guest", "Chat").create(twilio);
        assertEquals(wc.getSid(), WebChannel.fetcher(wc.getSid()).fetch(twilio).getSid());
        assertTrue(count(WebChannel.reader().read(twilio)) >= 1);
        assertTrue(FlexFlow.deleter(flow.getSid()).delete(twilio));

        String conversation = Conversation.creator().create(twilio).getSid();
        Interaction i = Interaction.creator(Map.of("type", "web", "initiated_by", "customer",
                "properties", Map.of("media_channel_sid", conversation))).create(twilio);
        assertEquals(i.getSid(), Interaction.fetcher(i.getSid()).fetch(twilio).getSid());
        InteractionChannel channel = dev.flexlex.localflex.flex.InteractionHandoffTest.awaitChannel(twilio, i.getSid());
        assertEquals(InteractionChannel.ChannelStatus.ACTIVE, InteractionChannel.fetcher(i.getSid(), channel.getSid()).fetch(twilio).getStatus());
        InteractionChannelParticipant agent = InteractionChannelParticipant.creator(i.getSid(), channel.getSid(),
                InteractionChannelParticipant.Type.AGENT, Map.of("identity", "supervisor-sam")).create(twilio);
        assertEquals(1, count(com.twilio.rest.conversations.v1.conversation.Participant.reader(conversation).read(twilio)));
        InteractionChannelParticipant.updater(i.getSid(), channel.getSid(), agent.getSid(), InteractionChannelParticipant.Status.WRAPUP).update(twilio);
    }

    @Test
    void taskRouterEndpoints() {
        String ws = flex.workspaceSid();
        assertTrue(count(Workspace.reader().setFriendlyName("Flex Task Assignment").read(twilio)) >= 1);
        assertEquals("Flex Task Assignment", Workspace.updater(ws).setFriendlyName("Flex Task Assignment").update(twilio).getFriendlyName());
        Activity lunch = Activity.creator(ws, "Lunch").setAvailable(false).create(twilio);
        assertFalse(Activity.fetcher(ws, lunch.getSid()).fetch(twilio).getAvailable());
        TaskChannel video = TaskChannel.creator(ws, "Video", "video").create(twilio);
        assertEquals("video", TaskChannel.fetcher(ws, video.getSid()).fetch(twilio).getUniqueName());
        assertEquals(5, count(TaskChannel.reader(ws).read(twilio)));
        assertEquals(flex.taskQueueSid(), TaskQueue.fetcher(ws, flex.taskQueueSid()).fetch(twilio).getSid());
        assertTrue(count(TaskQueue.reader(ws).read(twilio)) >= 1);
        assertEquals(flex.workflowSid(), Workflow.fetcher(ws, flex.workflowSid()).fetch(twilio).getSid());
        assertEquals(1, count(Workflow.reader(ws).read(twilio)));

        Worker temp = Worker.creator(ws, "temp").setActivitySid(lunch.getSid()).create(twilio);
        assertEquals(5, count(WorkerChannel.reader(ws, temp.getSid()).read(twilio)));
        assertEquals(1, WorkerChannel.fetcher(ws, temp.getSid(), "chat").fetch(twilio).getConfiguredCapacity());
        assertTrue(count(Worker.reader(ws).setActivityName("Lunch").read(twilio)) == 1);
        String available = Activity.reader(ws).setFriendlyName("Available").read(twilio).iterator().next().getSid();
        Worker.updater(ws, temp.getSid()).setActivitySid(available).update(twilio);
        Task t = Task.creator(ws).setWorkflowSid(flex.workflowSid()).setTaskChannel("video").setAttributes("{\"v\":1}").create(twilio);
        com.twilio.rest.taskrouter.v1.workspace.worker.Reservation r = com.twilio.rest.taskrouter.v1.workspace.worker.Reservation
                .reader(ws, temp.getSid()).read(twilio).iterator().next();
        assertEquals(t.getSid(), com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.fetcher(ws, temp.getSid(), r.getSid()).fetch(twilio).getTaskSid());
        assertEquals(r.getSid(), com.twilio.rest.taskrouter.v1.workspace.task.Reservation.fetcher(ws, t.getSid(), r.getSid()).fetch(twilio).getSid());
        com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.updater(ws, temp.getSid(), r.getSid())
                .setReservationStatus(com.twilio.rest.taskrouter.v1.workspace.worker.Reservation.Status.REJECTED)
                .setWorkerActivitySid(lunch.getSid()).update(twilio);
        assertEquals("Lunch", Worker.fetcher(ws, temp.getSid()).fetch(twilio).getActivityName());
        assertTrue(Task.deleter(ws, t.getSid()).delete(twilio));
        assertTrue(Worker.deleter(ws, temp.getSid()).delete(twilio));
    }
}
