package dev.flexlex.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.base.ResourceSet;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.chat.v2.service.Channel;
import com.twilio.rest.chat.v2.service.channel.Message;
import com.twilio.rest.chat.v2.service.channel.Webhook;
import com.twilio.rest.taskrouter.v1.workspace.Task;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Legacy Programmable Chat (Flex Flow channels): messages via Chat v2 in one chat service, handoff by a TaskRouter
 * task ({@code POST /v1/Workspaces/{ws}/Tasks}, attributes with {@code channelSid}, {@code channelType: web},
 * {@code name}; TaskRouter answers the create with the task itself, synchronously, so {@link #handoffState} keeps
 * the interface's "routed"), close by channel attributes {@code status: INACTIVE} and removing the bot webhook.
 */
public final class ProgrammableChatPlatform implements ChatPlatform {
    private final Supplier<TwilioRestClient> client;
    private final String serviceSid;
    private final String botIdentity;
    private final HandoffRouting routing;
    private final TaskRouterTasks tasks;
    private final BotWebhookRemoval webhookRemoval;

    /**
     * @param serviceSid the Flex chat service (IS…) holding the channels
     * @param botIdentity the identity the bot posts as ({@code From})
     * @param botWebhookUrl the bot's webhook URL, to find its webhook when the event named none (nullable)
     */
    public ProgrammableChatPlatform(Supplier<TwilioRestClient> client, String serviceSid, String botIdentity,
                                    String botWebhookUrl, HandoffRouting routing) {
        this.client = client;
        this.serviceSid = serviceSid;
        this.botIdentity = botIdentity;
        this.routing = routing;
        this.tasks = new TaskRouterTasks(client, routing);
        this.webhookRemoval = new BotWebhookRemoval(new TwilioWebhooks(), new BotWebhookRemoval.Attributes() {
            @Override
            public ObjectNode fetch(String chatSid) {
                return BridgeAttributes.parse(Channel.fetcher(serviceSid, chatSid).fetch(client.get()).getAttributes());
            }

            @Override
            public void write(String chatSid, ObjectNode attributes) {
                Channel.updater(serviceSid, chatSid).setAttributes(Json.write(attributes)).update(client.get());
            }
        }, botWebhookUrl);
    }

    @Override
    public ChatPlatformKind kind() {
        return ChatPlatformKind.CHAT;
    }

    @Override
    public ObjectNode fetchAttributes(String chatSid) {
        Channel channel = TwilioCalls.call("fetch channel", chatSid, true,
                () -> Channel.fetcher(serviceSid, chatSid).fetch(client.get()));
        return BridgeAttributes.parse(channel.getAttributes());
    }

    @Override
    public String postMessage(String chatSid, String body, String attributesJson) {
        Message message = TwilioCalls.call("post message", chatSid, true,
                () -> Message.creator(serviceSid, chatSid).setFrom(botIdentity).setBody(body)
                        .setAttributes(attributesJson).create(client.get()));
        return message.getSid();
    }

    @Override
    public List<ChatMessage> recentMessages(String chatSid, int limit) {
        return TwilioCalls.call("list messages", chatSid, true, () -> {
            ResourceSet<Message> page = Message.reader(serviceSid, chatSid).setOrder(Message.OrderType.DESC)
                    .limit(limit).read(client.get());
            List<ChatMessage> messages = new ArrayList<>();
            page.forEach(m -> messages.add(new ChatMessage(m.getSid(), m.getFrom(), m.getAttributes())));
            return messages;
        });
    }

    @Override
    public boolean removeBotWebhook(String chatSid, String webhookSid) {
        return webhookRemoval.remove(chatSid, webhookSid);
    }

    private final class TwilioWebhooks implements BotWebhookRemoval.Webhooks {
        @Override
        public Map<String, ObjectNode> list(String chatSid) {
            Map<String, ObjectNode> all = new LinkedHashMap<>();
            Webhook.reader(serviceSid, chatSid).read(client.get()).forEach(w -> all.put(w.getSid(), webhook(w)));
            return all;
        }

        @Override
        public ObjectNode fetch(String chatSid, String webhookSid) {
            return webhook(Webhook.fetcher(serviceSid, chatSid, webhookSid).fetch(client.get()));
        }

        private ObjectNode webhook(Webhook w) {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("target", w.getType());
            node.set("configuration", Json.mapper().valueToTree(w.getConfiguration()));
            return node;
        }

        @Override
        public String create(String chatSid, ObjectNode webhook) {
            SavedWebhook w = SavedWebhook.of(webhook, "retry_count");
            return Webhook.creator(serviceSid, chatSid, Webhook.Type.forValue(w.target())).setConfigurationUrl(w.url())
                    .setConfigurationMethod(w.method() == null ? null : Webhook.Method.forValue(w.method()))
                    .setConfigurationFilters(w.filters()).setConfigurationTriggers(w.triggers())
                    .setConfigurationFlowSid(w.flowSid()).setConfigurationRetryCount(w.retries())
                    .create(client.get()).getSid();
        }

        @Override
        public boolean delete(String chatSid, String webhookSid) {
            return Webhook.deleter(serviceSid, chatSid, webhookSid).delete(client.get());
        }
    }

    @Override
    public Optional<String> findHandoff(String chatSid) {
        return tasks.findHandoff(fetchAttributes(chatSid), HandoffAttributes.chatSidKey(kind()), chatSid);
    }

    @Override
    public String handOff(String chatSid, Handoff handoff) {
        String attributes = Json.write(HandoffAttributes.build(kind(), chatSid, handoff));
        Task task = TwilioCalls.call("create task", chatSid, false,
                () -> Task.creator(routing.workspaceSid()).setWorkflowSid(routing.workflowSid())
                        .setTaskChannel(routing.taskChannel()).setAttributes(attributes).create(client.get()));
        updateAttributes(chatSid, "record handoff", a -> a.put(BridgeAttributes.HANDOFF_SID, task.getSid()));
        return task.getSid();
    }

    @Override
    public boolean restoreBot(String chatSid) {
        tasks.cancelWaiting(HandoffAttributes.chatSidKey(kind()), chatSid);
        return webhookRemoval.restore(chatSid);
    }

    @Override
    public void close(String chatSid, String webhookSid) {
        updateAttributes(chatSid, "close channel", a -> a.put("status", "INACTIVE"));
        webhookRemoval.remove(chatSid, webhookSid, false);
    }

    private void updateAttributes(String chatSid, String what, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode attributes = fetchAttributes(chatSid);
        change.accept(attributes);
        TwilioCalls.call(what, chatSid, true,
                () -> Channel.updater(serviceSid, chatSid).setAttributes(Json.write(attributes)).update(client.get()));
    }
}
