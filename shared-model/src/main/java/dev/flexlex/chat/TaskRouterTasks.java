package dev.flexlex.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.taskrouter.v1.workspace.Task;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Finds the handoff already made for a chat: recorded SID, else the TaskRouter task already made for a chat with the {@code EvaluateTaskAttributes} filter. */
final class TaskRouterTasks {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TaskRouterTasks.class);
    /** Compiled once: {@code String.matches} compiled the pattern on every handoff check. */
    private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");
    private final Supplier<TwilioRestClient> client;
    private final HandoffRouting routing;

    TaskRouterTasks(Supplier<TwilioRestClient> client, HandoffRouting routing) {
        this.client = client;
        this.routing = routing;
    }

    /** The handoff SID recorded in the chat attributes, else a task whose attributes name the chat. */
    Optional<String> findHandoff(ObjectNode chatAttributes, String chatSidKey, String chatSid) {
        String recorded = chatAttributes.path(BridgeAttributes.HANDOFF_SID).asText(null);
        if (recorded != null && !recorded.isBlank()) {
            return Optional.of(recorded);
        }
        return findForChat(chatSidKey, chatSid);
    }

    /**
     * Cancels the chat's tasks still waiting for an agent ({@code pending}, {@code reserved}): a handoff given back to
     * the bot leaves no task that could still bring an agent. Best effort: when TaskRouter fails, the bot is given
     * back all the same (logged with the chat SID), since a customer with neither is worse.
     *
     * @return how many were canceled
     */
    int cancelWaiting(String chatSidKey, String chatSid) {
        try {
            return cancelEach(chatSidKey, chatSid);
        } catch (ChatNotFoundException e) {
            throw e;
        } catch (ChatPlatformException e) {
            LOG.warn("could not cancel the waiting tasks of chat {} ({}); giving it back to the bot anyway", chatSid,
                    e.getMessage());
            return 0;
        }
    }

    private int cancelEach(String chatSidKey, String chatSid) {
        String filter = filter(chatSidKey, chatSid);
        List<String> waiting = TwilioCalls.call("find waiting tasks", chatSid, false, () -> {
            List<String> sids = new ArrayList<>();
            Task.reader(routing.workspaceSid()).setEvaluateTaskAttributes(filter)
                    .setAssignmentStatus(List.of("pending", "reserved")).limit(20).read(client.get())
                    .forEach(t -> sids.add(t.getSid()));
            return sids;
        });
        for (String sid : waiting) {
            TwilioCalls.call("cancel task", chatSid, false, () -> Task.updater(routing.workspaceSid(), sid)
                    .setAssignmentStatus(Task.Status.CANCELED).setReason("handoff given back to the bot")
                    .update(client.get()));
        }
        return waiting.size();
    }

    private static String filter(String chatSidKey, String chatSid) {
        if (!ALPHANUMERIC.matcher(chatSid).matches()) {
            throw new ChatPlatformException("chat SID '" + chatSid + "' is not alphanumeric");
        }
        return chatSidKey + " == \"" + chatSid + "\"";
    }

    Optional<String> findForChat(String chatSidKey, String chatSid) {
        String filter = filter(chatSidKey, chatSid);
        return TwilioCalls.call("find task", chatSid, false, () -> {
            Iterator<Task> found = Task.reader(routing.workspaceSid()).setEvaluateTaskAttributes(filter)
                    .limit(1).read(client.get()).iterator();
            return found.hasNext() ? Optional.of(found.next().getSid()) : Optional.empty();
        });
    }
}
