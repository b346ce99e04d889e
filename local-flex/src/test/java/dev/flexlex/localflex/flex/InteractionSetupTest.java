package dev.flexlex.localflex.flex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.exception.ApiException;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.flexapi.v1.Interaction;
import com.twilio.rest.flexapi.v1.interaction.InteractionChannel;
import com.twilio.rest.taskrouter.v1.workspace.Task;
import dev.flexlex.localflex.FaultSpec;
import dev.flexlex.localflex.testing.LocalFlexTestBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Twilio: creating an interaction "is an asynchronous request for which a 200 response only indicates that the server
 * has accepted the request"; the channel's status tells (setup, active, failed …). The local Flex does the same, with
 * fault switches for a failed channel, a slow setup and 4xx answers.
 */
class InteractionSetupTest extends LocalFlexTestBase {
    @AfterEach
    void noFaults() {
        flex.setFaults(FaultSpec.none());
    }

    private static List<Task> tasksFor(String conversationSid) {
        List<Task> tasks = new ArrayList<>();
        Task.reader(flex.workspaceSid()).setEvaluateTaskAttributes("conversationSid == \"" + conversationSid + "\"")
                .read(twilio).forEach(tasks::add);
        return tasks;
    }

    @Test
    void theChannelAndTaskAppearAfterTheCreateCallReturns() throws InterruptedException {
        flex.setFaults(FaultSpec.parse("flex-api:setup=2s"));
        String conversationSid = Conversation.creator().create(twilio).getSid();

        Interaction interaction = InteractionHandoffTest.handOff(conversationSid);

        assertFalse(InteractionChannel.reader(interaction.getSid()).read(twilio).iterator().hasNext(),
                "no channel yet when the create call returns");
        assertEquals(List.of(), tasksFor(conversationSid), "no task yet either");
        InteractionChannel channel = InteractionHandoffTest.awaitChannel(twilio, interaction.getSid());
        assertEquals(InteractionChannel.ChannelStatus.ACTIVE, channel.getStatus());
        assertEquals(interaction.getSid(), channel.getInteractionSid());
        assertEquals(1, tasksFor(conversationSid).size());
    }

    @Test
    void theChannelFailedFaultFailsTheChannelWithItsErrorAndMakesNoTask() throws InterruptedException {
        flex.setFaults(FaultSpec.parse("flex-api:channelfailed=1,flex-api:setup=10ms"));
        String conversationSid = Conversation.creator().create(twilio).getSid();

        Interaction interaction = InteractionHandoffTest.handOff(conversationSid);

        InteractionChannel channel = InteractionHandoffTest.awaitChannel(twilio, interaction.getSid());
        assertEquals(InteractionChannel.ChannelStatus.FAILED, channel.getStatus());
        assertEquals(FlexApi.CHANNEL_FAILED_CODE, channel.getErrorCode());
        assertTrue(channel.getErrorMessage().contains("failed"));
        assertEquals(List.of(), tasksFor(conversationSid), "a failed channel routes no task");
        assertEquals(InteractionChannel.ChannelStatus.FAILED,
                InteractionChannel.fetcher(interaction.getSid(), channel.getSid()).fetch(twilio).getStatus());
    }

    @Test
    void the400FaultRefusesCreatesWithTwiliosErrorAndCreatesNothingWhileReadsStillWork() {
        String conversationSid = Conversation.creator().create(twilio).getSid();
        flex.setFaults(FaultSpec.parse("taskrouter:400=1,flex-api:400=1"));

        ApiException task = assertThrows(ApiException.class, () -> Task.creator(flex.workspaceSid())
                .setWorkflowSid(flex.workflowSid()).setAttributes("{\"conversationSid\":\"" + conversationSid + "\"}")
                .create(twilio));
        ApiException interaction = assertThrows(ApiException.class,
                () -> InteractionHandoffTest.handOff(conversationSid));

        assertEquals(400, task.getStatusCode());
        assertEquals(20001, task.getCode());
        assertEquals(400, interaction.getStatusCode());
        assertEquals(List.of(), tasksFor(conversationSid), "reads are not refused, and nothing was created");
    }

    @Test
    void channelFaultsApplyToFlexApiOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaultSpec.parse("taskrouter:channelfailed=1"));
        assertTrue(e.getMessage().contains("flex-api"));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("flex-api:setup=soon"));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("flex-api:channelfailed=2"));
    }
}
