package dev.flexlex.it.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.chat.v2.service.Channel;
import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.flexapi.v1.FlexFlow;
import com.twilio.rest.flexapi.v1.WebChannel;
import com.twilio.rest.flexapi.v2.WebChannels;
import com.twilio.rest.taskrouter.v1.workspace.Task;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Opens web chats in the local Flex the way Flex's webchat does, with the bot webhook wired the way the README
 * tells a user to: Conversations through a chat address configuration (auto-creation webhook,
 * {@code onMessageAdded}); Programmable Chat through a Flex Flow with an external webhook ({@code onMessageSent}).
 * Everything goes through the unmodified twilio-java client.
 */
final class FlexWebChats {
    private final ChatPlatformKind platform;
    private final TwilioRestClient twilio;
    private final String chatServiceSid;
    private final String workspaceSid;
    private final String webhookUrl;
    private final String entrySid;

    FlexWebChats(ChatPlatformKind platform, TwilioRestClient twilio, String chatServiceSid, String workspaceSid,
                 String webhookUrl) {
        this.platform = platform;
        this.twilio = twilio;
        this.chatServiceSid = chatServiceSid;
        this.workspaceSid = workspaceSid;
        this.webhookUrl = webhookUrl;
        this.entrySid = platform == ChatPlatformKind.CONVERSATIONS
                ? AddressConfiguration.creator(AddressConfiguration.Type.CHAT, "webchat-" + UUID.randomUUID())
                        .setAutoCreationEnabled(true)
                        .setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK)
                        .setAutoCreationWebhookUrl(webhookUrl)
                        .setAutoCreationWebhookMethod(AddressConfiguration.Method.POST)
                        .setAutoCreationWebhookFilters(List.of("onMessageAdded"))
                        .create(twilio).getSid()
                : FlexFlow.creator("Bot flow " + UUID.randomUUID(), chatServiceSid, FlexFlow.ChannelType.WEB)
                        .setIntegrationType(FlexFlow.IntegrationType.EXTERNAL)
                        .setIntegrationUrl(webhookUrl)
                        .setEnabled(true)
                        .create(twilio).getSid();
    }

    /** A new chat of a customer; {@code botName} goes into the pre-engagement data (null: none named). */
    WebChat open(String customerName, String botName) {
        String preEngagement = Json.mapper().createObjectNode().put("friendlyName", customerName)
                .put("bot", botName).toString();
        if (platform == ChatPlatformKind.CONVERSATIONS) {
            WebChannels chat = WebChannels.creator(entrySid).setCustomerFriendlyName(customerName)
                    .setChatFriendlyName("Chat with " + customerName).setPreEngagementData(preEngagement).create(twilio);
            return new ConversationsWebChat(chat.getConversationSid(), chat.getIdentity());
        }
        String identity = "guest-" + UUID.randomUUID();
        String channelSid = WebChannel.creator(entrySid, identity, customerName, "Chat with " + customerName)
                .setPreEngagementData(preEngagement).create(twilio).getSid();
        return new ProgrammableWebChat(channelSid, identity);
    }

    /** TaskRouter tasks whose attributes name this chat (the handoff's result on either platform). */
    /** The chat's tasks that can still bring an agent (not canceled). */
    List<JsonNode> openTasksFor(WebChat chat) {
        List<JsonNode> tasks = new ArrayList<>();
        for (Task task : Task.reader(workspaceSid).read(twilio)) {
            if (task.getAssignmentStatus() != Task.Status.CANCELED && task.getAttributes().contains(chat.chatSid())) {
                tasks.add(parse(task.getAttributes()));
            }
        }
        return tasks;
    }

    List<JsonNode> tasksFor(WebChat chat) {
        List<JsonNode> tasks = new ArrayList<>();
        for (Task task : Task.reader(workspaceSid).read(twilio)) {
            JsonNode attributes = parse(task.getAttributes());
            if (attributes.toString().contains(chat.chatSid())) {
                tasks.add(attributes);
            }
        }
        return tasks;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json == null ? "{}" : json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chat's SID and its customer's identity. */
    private abstract static class OpenChat implements WebChat {
        final String sid;
        final String identity;

        OpenChat(String sid, String identity) {
            this.sid = sid;
            this.identity = identity;
        }

        @Override
        public String chatSid() {
            return sid;
        }

        @Override
        public String identity() {
            return identity;
        }
    }

    private final class ConversationsWebChat extends OpenChat {
        ConversationsWebChat(String sid, String identity) {
            super(sid, identity);
        }

        @Override
        public String say(String text) {
            return com.twilio.rest.conversations.v1.conversation.Message.creator(sid).setAuthor(identity).setBody(text)
                    .setXTwilioWebhookEnabled(com.twilio.rest.conversations.v1.conversation.Message.WebhookEnabledType.TRUE)
                    .create(twilio).getSid();
        }

        @Override
        public String sendPicture(String mediaSid) {
            return com.twilio.rest.conversations.v1.conversation.Message.creator(sid).setAuthor(identity)
                    .setMediaSid(mediaSid)
                    .setXTwilioWebhookEnabled(com.twilio.rest.conversations.v1.conversation.Message.WebhookEnabledType.TRUE)
                    .create(twilio).getSid();
        }

        @Override
        public List<Line> transcript() {
            List<Line> lines = new ArrayList<>();
            com.twilio.rest.conversations.v1.conversation.Message.reader(sid).read(twilio)
                    .forEach(m -> lines.add(new Line(m.getAuthor(), m.getBody())));
            return lines;
        }

        @Override
        public boolean botWebhookAttached() {
            for (var webhook : com.twilio.rest.conversations.v1.conversation.Webhook.reader(sid).read(twilio)) {
                if (String.valueOf(webhook.getConfiguration()).contains(webhookUrl)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean closed() {
            return Conversation.fetcher(sid).fetch(twilio).getState() == Conversation.State.CLOSED;
        }
    }

    private final class ProgrammableWebChat extends OpenChat {
        ProgrammableWebChat(String sid, String identity) {
            super(sid, identity);
        }

        @Override
        public String say(String text) {
            return com.twilio.rest.chat.v2.service.channel.Message.creator(chatServiceSid, sid).setFrom(identity)
                    .setBody(text)
                    .setXTwilioWebhookEnabled(com.twilio.rest.chat.v2.service.channel.Message.WebhookEnabledType.TRUE)
                    .create(twilio).getSid();
        }

        @Override
        public String sendPicture(String mediaSid) {
            return com.twilio.rest.chat.v2.service.channel.Message.creator(chatServiceSid, sid).setFrom(identity)
                    .setMediaSid(mediaSid)
                    .setXTwilioWebhookEnabled(com.twilio.rest.chat.v2.service.channel.Message.WebhookEnabledType.TRUE)
                    .create(twilio).getSid();
        }

        @Override
        public List<Line> transcript() {
            List<Line> lines = new ArrayList<>();
            com.twilio.rest.chat.v2.service.channel.Message.reader(chatServiceSid, sid).read(twilio)
                    .forEach(m -> lines.add(new Line(m.getFrom(), m.getBody())));
            return lines;
        }

        @Override
        public boolean botWebhookAttached() {
            for (var webhook : com.twilio.rest.chat.v2.service.channel.Webhook.reader(chatServiceSid, sid).read(twilio)) {
                if (String.valueOf(webhook.getConfiguration()).contains(webhookUrl)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean closed() {
            JsonNode attributes = parse(Channel.fetcher(chatServiceSid, sid).fetch(twilio).getAttributes());
            return "INACTIVE".equals(attributes.path("status").asText());
        }
    }
}
