package dev.flexlex.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.base.ResourceSet;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Webhook;
import com.twilio.rest.flexapi.v1.Interaction;
import com.twilio.rest.flexapi.v1.interaction.InteractionChannel;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Flex Conversations: messages via Conversations v1, handoff by a Flex Interaction ({@code POST /v1/Interactions}
 * on flex-api) whose channel is the conversation (its {@code type} the conversation's channel: {@code web},
 * {@code sms} or {@code whatsapp}), close by {@code State=closed}.
 */
public final class ConversationsChatPlatform implements ChatPlatform {
    private final Supplier<TwilioRestClient> client;
    private final String botIdentity;
    private final HandoffRouting routing;
    private final TaskRouterTasks tasks;
    private final BotWebhookRemoval webhookRemoval;

    /**
     * @param botIdentity the author the bot posts as
     * @param botWebhookUrl the bot's webhook URL, to find its webhook when the event named none (nullable)
     */
    public ConversationsChatPlatform(Supplier<TwilioRestClient> client, String botIdentity, String botWebhookUrl,
                                     HandoffRouting routing) {
        this.client = client;
        this.botIdentity = botIdentity;
        this.routing = routing;
        this.tasks = new TaskRouterTasks(client, routing);
        this.webhookRemoval = new BotWebhookRemoval(new TwilioWebhooks(), new BotWebhookRemoval.Attributes() {
            @Override
            public ObjectNode fetch(String chatSid) {
                return BridgeAttributes.parse(Conversation.fetcher(chatSid).fetch(client.get()).getAttributes());
            }

            @Override
            public void write(String chatSid, ObjectNode attributes) {
                Conversation.updater(chatSid).setAttributes(Json.write(attributes)).update(client.get());
            }
        }, botWebhookUrl);
    }

    @Override
    public ChatPlatformKind kind() {
        return ChatPlatformKind.CONVERSATIONS;
    }

    @Override
    public ObjectNode fetchAttributes(String chatSid) {
        Conversation conversation = TwilioCalls.call("fetch conversation", chatSid, true,
                () -> Conversation.fetcher(chatSid).fetch(client.get()));
        return BridgeAttributes.parse(conversation.getAttributes());
    }

    @Override
    public String postMessage(String chatSid, String body, String attributesJson) {
        Message message = TwilioCalls.call("post message", chatSid, true,
                () -> Message.creator(chatSid).setAuthor(botIdentity).setBody(body).setAttributes(attributesJson)
                        .create(client.get()));
        return message.getSid();
    }

    @Override
    public List<ChatMessage> recentMessages(String chatSid, int limit) {
        return TwilioCalls.call("list messages", chatSid, true, () -> {
            ResourceSet<Message> page = Message.reader(chatSid).setOrder(Message.OrderType.DESC)
                    .limit(limit).read(client.get());
            List<ChatMessage> messages = new ArrayList<>();
            page.forEach(m -> messages.add(new ChatMessage(m.getSid(), m.getAuthor(), m.getAttributes())));
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
            Webhook.reader(chatSid).read(client.get()).forEach(w -> all.put(w.getSid(), webhook(w)));
            return all;
        }

        @Override
        public ObjectNode fetch(String chatSid, String webhookSid) {
            return webhook(Webhook.fetcher(chatSid, webhookSid).fetch(client.get()));
        }

        private ObjectNode webhook(Webhook w) {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("target", w.getTarget());
            node.set("configuration", Json.mapper().valueToTree(w.getConfiguration()));
            return node;
        }

        @Override
        public String create(String chatSid, ObjectNode webhook) {
            SavedWebhook w = SavedWebhook.of(webhook, "replay_after");
            return Webhook.creator(chatSid, Webhook.Target.forValue(w.target())).setConfigurationUrl(w.url())
                    .setConfigurationMethod(w.method() == null ? null : Webhook.Method.forValue(w.method()))
                    .setConfigurationFilters(w.filters()).setConfigurationTriggers(w.triggers())
                    .setConfigurationFlowSid(w.flowSid()).setConfigurationReplayAfter(w.retries())
                    .create(client.get()).getSid();
        }

        @Override
        public boolean delete(String chatSid, String webhookSid) {
            return Webhook.deleter(chatSid, webhookSid).delete(client.get());
        }
    }

    @Override
    public Optional<String> findHandoff(String chatSid) {
        return tasks.findHandoff(fetchAttributes(chatSid), HandoffAttributes.chatSidKey(kind()), chatSid);
    }

    @Override
    public String handOff(String chatSid, Handoff handoff) {
        Map<String, Object> channel = new LinkedHashMap<>();
        // The conversation's channel (flex v1 interaction_channel_enum_type: web, sms, whatsapp, …); an existing
        // conversation is bound by media_channel_sid, as Twilio's inbound SMS/WhatsApp guide does.
        channel.put("type", handoff.channel().wireName());
        channel.put("initiated_by", "customer");
        channel.put("properties", Map.of("media_channel_sid", chatSid));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("workspace_sid", routing.workspaceSid());
        properties.put("workflow_sid", routing.workflowSid());
        properties.put("task_channel_unique_name", routing.taskChannel());
        properties.put("attributes", Json.mapper().convertValue(HandoffAttributes.build(kind(), chatSid, handoff), Map.class));
        Interaction interaction = TwilioCalls.call("create interaction", chatSid, false,
                () -> Interaction.creator(channel).setRouting(Map.of("properties", properties)).create(client.get()));
        recordHandoff(chatSid, interaction.getSid());
        return interaction.getSid();
    }

    /**
     * The interaction's channel status (one list call): {@code active}, or past it ({@code closed}, {@code inactive},
     * …), counts as routed; {@code setup} or no channel listed yet as still setting up; {@code failed} as failed. A
     * task SID (found by the TaskRouter search after a crash) means the task exists: routed.
     */
    @Override
    public HandoffState handoffState(String chatSid, String handoffSid) {
        if (!handoffSid.startsWith("KD")) {
            return HandoffState.ACTIVE;
        }
        List<InteractionChannel> channels = TwilioCalls.call("read interaction channel", chatSid, false, () -> {
            List<InteractionChannel> all = new ArrayList<>();
            InteractionChannel.reader(handoffSid).limit(5).read(client.get()).forEach(all::add);
            return all;
        });
        if (channels.isEmpty() || channels.get(0).getStatus() == null
                || channels.get(0).getStatus() == InteractionChannel.ChannelStatus.SETUP) {
            return HandoffState.SETTING_UP;
        }
        InteractionChannel channel = channels.get(0);
        if (channel.getStatus() == InteractionChannel.ChannelStatus.FAILED) {
            return HandoffState.failed("interaction channel " + channel.getSid() + " failed (Twilio code "
                    + channel.getErrorCode() + ": " + channel.getErrorMessage() + ")");
        }
        return HandoffState.ACTIVE;
    }

    @Override
    public boolean restoreBot(String chatSid) {
        tasks.cancelWaiting(HandoffAttributes.chatSidKey(kind()), chatSid);
        return webhookRemoval.restore(chatSid);
    }

    private void recordHandoff(String chatSid, String handoffSid) {
        ObjectNode attributes = fetchAttributes(chatSid);
        attributes.put(BridgeAttributes.HANDOFF_SID, handoffSid);
        TwilioCalls.call("record handoff", chatSid, true,
                () -> Conversation.updater(chatSid).setAttributes(Json.write(attributes)).update(client.get()));
    }

    @Override
    public void close(String chatSid, String webhookSid) {
        TwilioCalls.call("close conversation", chatSid, true,
                () -> Conversation.updater(chatSid).setState(Conversation.State.CLOSED).update(client.get()));
    }
}
