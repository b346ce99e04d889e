package dev.flexlex.it.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.chat.v2.service.Channel;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.taskrouter.v1.workspace.Task;
import dev.flexlex.localflex.FaultSpec;
import dev.flexlex.localflex.LocalFlexServer;
import dev.flexlex.localflex.RecordedRequest;
import dev.flexlex.localflex.TargetedFault;
import dev.flexlex.model.Json;
import dev.flexlex.twilio.TwilioApiAddress;
import dev.flexlex.twilio.TwilioClient;
import dev.flexlex.twilio.TwilioContracts;
import dev.flexlex.twilio.TwilioCredentials;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The local Flex as the Twilio of contract tests: started in-process with its request record on, chats and tasks made
 * and read over its REST API (twilio-java), and the requests of the code under test — those the fixture makes are
 * left out — checked against Twilio's OpenAPI specs ({@link #contractViolations()}). Faults are the local Flex's
 * targeted ones ({@link #failNext}). Interactions are set up without delay ({@code flex-api:setup=0ms}).
 */
public final class LocalTwilio implements AutoCloseable {
    /** The spec in force under the targeted faults: interaction channels and their tasks appear at once. */
    static final String BASE_FAULTS = "flex-api:setup=0ms";

    /** A message as stored, oldest first. */
    public record StoredMessage(String sid, String author, String body, String attributes) {
    }

    private final LocalFlexServer flex;
    private final TwilioRestClient rest;
    private final Set<RecordedRequest> fixtureRequests = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> channels = new java.util.HashSet<>();

    private LocalTwilio() {
        flex = LocalFlexServer.builder().port(0).recordRequests(true).faults(FaultSpec.parse(BASE_FAULTS)).start();
        rest = client().get();
    }

    public static LocalTwilio start() {
        TwilioContracts.preload();
        return new LocalTwilio();
    }

    public LocalFlexServer flex() {
        return flex;
    }

    public TwilioCredentials credentials() {
        return credentialsOf(flex);
    }

    /** The account's SID and its primary auth token now (a promotion over the Accounts API changes it). */
    public static TwilioCredentials credentialsOf(LocalFlexServer flex) {
        return new TwilioCredentials() {
            @Override
            public String accountSid() {
                return flex.accountSid();
            }

            @Override
            public String authToken() {
                return flex.authToken();
            }
        };
    }

    /** The suite's Twilio client (one attempt per call) addressing the local Flex. */
    public TwilioClient client() {
        return TwilioClient.create(credentials(), TwilioApiAddress.of(flex.baseUrl()));
    }

    /** The "Flex Chat Service" of the Chat v2 channels. */
    public String chatServiceSid() {
        return flex.chatServiceSid();
    }

    public String workspaceSid() {
        return flex.workspaceSid();
    }

    public String workflowSid() {
        return flex.workflowSid();
    }

    // ----- state, made and read over REST; these requests are not the subject's -----

    private <T> T fixture(Supplier<T> call) {
        int before = flex.requests().size();
        try {
            return call.get();
        } finally {
            List<RecordedRequest> all = flex.requests();
            fixtureRequests.addAll(all.subList(before, all.size()));
        }
    }

    /** A new conversation with these attributes; its SID. */
    public String addConversation(String attributesJson) {
        return fixture(() -> Conversation.creator().setAttributes(attributesJson).create(rest).getSid());
    }

    /** A new Chat v2 channel in the chat service with these attributes; its SID. */
    public String addChannel(String attributesJson) {
        String sid = fixture(() -> Channel.creator(flex.chatServiceSid()).setAttributes(attributesJson).create(rest)
                .getSid());
        channels.add(sid);
        return sid;
    }

    /** Replaces the chat's attributes. */
    public void setAttributes(String chatSid, String attributesJson) {
        fixture(() -> channels.contains(chatSid)
                ? Channel.updater(flex.chatServiceSid(), chatSid).setAttributes(attributesJson).update(rest).getSid()
                : Conversation.updater(chatSid).setAttributes(attributesJson).update(rest).getSid());
    }

    /** A webhook on the chat posting to {@code url}, as Flex sets the bot's up; its SID. */
    public String addWebhook(String chatSid, String url) {
        return fixture(() -> channels.contains(chatSid)
                ? com.twilio.rest.chat.v2.service.channel.Webhook.creator(flex.chatServiceSid(), chatSid,
                                com.twilio.rest.chat.v2.service.channel.Webhook.Type.WEBHOOK)
                        .setConfigurationUrl(url)
                        .setConfigurationMethod(com.twilio.rest.chat.v2.service.channel.Webhook.Method.POST)
                        .setConfigurationFilters(List.of("onMessageSent")).create(rest).getSid()
                : com.twilio.rest.conversations.v1.conversation.Webhook.creator(chatSid,
                                com.twilio.rest.conversations.v1.conversation.Webhook.Target.WEBHOOK)
                        .setConfigurationUrl(url)
                        .setConfigurationMethod(com.twilio.rest.conversations.v1.conversation.Webhook.Method.POST)
                        .setConfigurationFilters(List.of("onMessageAdded")).create(rest).getSid());
    }

    /** Deletes one of the chat's webhooks. */
    public void removeWebhook(String chatSid, String webhookSid) {
        fixture(() -> channels.contains(chatSid)
                ? com.twilio.rest.chat.v2.service.channel.Webhook.deleter(flex.chatServiceSid(), chatSid, webhookSid)
                        .delete(rest)
                : com.twilio.rest.conversations.v1.conversation.Webhook.deleter(chatSid, webhookSid).delete(rest));
    }

    /** Deletes the chat. */
    public void removeChat(String chatSid) {
        fixture(() -> channels.contains(chatSid)
                ? Channel.deleter(flex.chatServiceSid(), chatSid).delete(rest)
                : Conversation.deleter(chatSid).delete(rest));
    }

    /** A TaskRouter task in the default workspace and workflow, as if made earlier (e.g. by a handoff whose answer was lost). */
    public String addTask(String attributesJson) {
        return fixture(() -> Task.creator(flex.workspaceSid()).setWorkflowSid(flex.workflowSid())
                .setTaskChannel("chat").setAttributes(attributesJson).create(rest).getSid());
    }

    public List<StoredMessage> messages(String chatSid) {
        return fixture(() -> {
            List<StoredMessage> out = new ArrayList<>();
            if (channels.contains(chatSid)) {
                com.twilio.rest.chat.v2.service.channel.Message.reader(flex.chatServiceSid(), chatSid).read(rest)
                        .forEach(m -> out.add(new StoredMessage(m.getSid(), m.getFrom(), m.getBody(), m.getAttributes())));
            } else {
                com.twilio.rest.conversations.v1.conversation.Message.reader(chatSid).read(rest)
                        .forEach(m -> out.add(new StoredMessage(m.getSid(), m.getAuthor(), m.getBody(), m.getAttributes())));
            }
            return out;
        });
    }

    public String attributes(String chatSid) {
        return fixture(() -> channels.contains(chatSid)
                ? Channel.fetcher(flex.chatServiceSid(), chatSid).fetch(rest).getAttributes()
                : Conversation.fetcher(chatSid).fetch(rest).getAttributes());
    }

    /** The conversation's state ({@code active}, {@code inactive}, {@code closed}). */
    public String state(String chatSid) {
        return fixture(() -> Conversation.fetcher(chatSid).fetch(rest).getState().toString());
    }

    /** The SIDs of the chat's webhooks. */
    public List<String> webhooks(String chatSid) {
        return fixture(() -> {
            List<String> out = new ArrayList<>();
            if (channels.contains(chatSid)) {
                com.twilio.rest.chat.v2.service.channel.Webhook.reader(flex.chatServiceSid(), chatSid).read(rest)
                        .forEach(w -> out.add(w.getSid()));
            } else {
                com.twilio.rest.conversations.v1.conversation.Webhook.reader(chatSid).read(rest)
                        .forEach(w -> out.add(w.getSid()));
            }
            return out;
        });
    }

    /** The workspace's tasks, in the order the local Flex lists them (creation order), each as {@code {sid, attributes (a JSON string), assignment_status}}. */
    public List<ObjectNode> tasks() {
        return fixture(() -> {
            List<Task> all = new ArrayList<>();
            Task.reader(flex.workspaceSid()).read(rest).forEach(all::add);
            List<ObjectNode> out = new ArrayList<>();
            for (Task task : all) {
                ObjectNode node = Json.mapper().createObjectNode();
                node.put("sid", task.getSid());
                node.put("attributes", task.getAttributes());
                node.put("assignment_status", task.getAssignmentStatus().toString());
                out.add(node);
            }
            return out;
        });
    }

    /** The Flex interactions made, by their SIDs: each one's task names it ({@code flexInteractionSid}). */
    public List<String> interactions() {
        Map<String, Boolean> sids = new LinkedHashMap<>();
        for (ObjectNode task : tasks()) {
            String sid = Json.mapper().convertValue(read(task.path("attributes").asText()), ObjectNode.class)
                    .path("flexInteractionSid").asText(null);
            if (sid != null) {
                sids.put(sid, true);
            }
        }
        return List.copyOf(sids.keySet());
    }

    /** Waits (up to 10 s) until the interaction's channel and task are set up on the local Flex's timer. */
    public void awaitInteraction(String interactionSid) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!interactions().contains(interactionSid)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("interaction " + interactionSid + " was not set up within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    /** Parses JSON (attributes, a form field), failing the test when it is not JSON. */
    public static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    // ----- faults -----

    /**
     * The next request with this method whose local path (product prefix included, {@code *} any characters) matches
     * answers {@code status}: before doing anything, or ({@code afterEffect}) after its effect took place, as when
     * Twilio acted but the answer was lost.
     */
    public void failNext(String method, String pathGlob, int status, boolean afterEffect) {
        fail(method, pathGlob, status, afterEffect, 0);
    }

    /** Like {@link #failNext}, after letting {@code skip} matching requests through. */
    public void fail(String method, String pathGlob, int status, boolean afterEffect, int skip) {
        flex.failNext(new TargetedFault(method, pathGlob, status, null, afterEffect, 1, skip));
    }

    // ----- what the code under test sent -----

    /** The requests of the code under test, in order (the fixture's own are left out). */
    public List<RecordedRequest> requests() {
        return flex.requests().stream().filter(r -> !fixtureRequests.contains(r)).toList();
    }

    /** The one request of the code under test (fails naming them when there were more or none). */
    public RecordedRequest onlyRequest() {
        List<RecordedRequest> requests = requests();
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.stream().map(RecordedRequest::line).toList());
        }
        return requests.get(0);
    }

    /** The request lines ({@code METHOD product/path}) in order. */
    public List<String> requestLines() {
        return requests().stream().map(RecordedRequest::line).toList();
    }

    public void clearRequests() {
        flex.clearRequests();
        fixtureRequests.clear();
    }

    /** What Twilio's OpenAPI specs find wrong in the requests of the code under test (empty when all conform). */
    public List<String> contractViolations() {
        List<String> violations = new ArrayList<>();
        for (RecordedRequest r : requests()) {
            Map<String, String> headers = r.authorization() == null ? Map.of() : Map.of("Authorization", r.authorization());
            try {
                violations.addAll(TwilioContracts.violations(r.product(), r.method(), r.path(), r.query(), headers,
                        r.body().isEmpty() ? null : r.contentType(), r.body()));
            } catch (RuntimeException e) {
                violations.add(r.line() + ": not checkable: " + e.getMessage());
            }
        }
        return violations;
    }

    @Override
    public void close() {
        flex.close();
    }
}
