package dev.flexlex.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small in-test Twilio on 127.0.0.1 that the real twilio-java client talks to through
 * {@link OneAttemptTwilioHttpClient} (base URL mapping {@code {base}/{product}/{path}}). It records every request,
 * validates each against Twilio's OpenAPI specs ({@link #contractViolations()}), keeps just enough state for the
 * calls the bridge makes (conversations/channels with attributes, messages, webhooks, TaskRouter tasks, Flex
 * interactions), and injects faults: an error status before or after the call's effect.
 */
public final class FakeTwilioServer implements AutoCloseable {
    public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String AUTH_TOKEN = "test-auth-token-0001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PRODUCT_PATH = Pattern.compile("^/([a-z-]+)(/.*)$");

    /** One request as received. {@code path} is the Twilio path, without the product prefix. */
    public record Recorded(String product, String method, String path, Map<String, List<String>> query,
                           Map<String, String> form) {
        public String line() {
            return method + " " + product + path;
        }
    }

    /** A message as stored. */
    public record StoredMessage(String sid, String author, String body, String attributes) {
    }

    private static final class Fault {
        final String method;
        final Pattern path;
        final int status;
        final boolean afterEffect;
        int skip;

        Fault(String method, Pattern path, int status, boolean afterEffect, int skip) {
            this.method = method;
            this.path = path;
            this.status = status;
            this.afterEffect = afterEffect;
            this.skip = skip;
        }
    }

    private static final class Chat {
        final String serviceSid;
        String attributes;
        String state = "active";
        final List<StoredMessage> messages = new ArrayList<>();
        final Map<String, String> webhookUrls = new LinkedHashMap<>();

        Chat(String serviceSid, String attributes) {
            this.serviceSid = serviceSid;
            this.attributes = attributes;
        }
    }

    private final HttpServer server;
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Chat> chats = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<ObjectNode> tasks = Collections.synchronizedList(new ArrayList<>());
    private final List<ObjectNode> interactions = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sequence = new AtomicInteger();

    private FakeTwilioServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    public static FakeTwilioServer start() {
        TwilioContracts.preload();
        try {
            return new FakeTwilioServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Twilio", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** twilio-java credentials matching this server's account. */
    public static TwilioCredentials credentials() {
        return new TwilioCredentials() {
            @Override
            public String accountSid() {
                return ACCOUNT_SID;
            }

            @Override
            public String authToken() {
                return AUTH_TOKEN;
            }
        };
    }

    /** A Twilio client (one attempt per call) addressing this server. */
    public TwilioClient client() {
        return TwilioClient.create(credentials(), TwilioApiAddress.of(baseUrl()));
    }

    // ----- state -----

    public void addConversation(String sid, String attributesJson) {
        chats.put(sid, new Chat(null, attributesJson));
    }

    public void addChannel(String serviceSid, String sid, String attributesJson) {
        chats.put(sid, new Chat(serviceSid, attributesJson));
    }

    public void addWebhook(String chatSid, String webhookSid, String url) {
        chat(chatSid).webhookUrls.put(webhookSid, url);
    }

    public void removeChat(String chatSid) {
        chats.remove(chatSid);
    }

    public List<StoredMessage> messages(String chatSid) {
        synchronized (chats) {
            return List.copyOf(chat(chatSid).messages);
        }
    }

    public String attributes(String chatSid) {
        return chat(chatSid).attributes;
    }

    public String state(String chatSid) {
        return chat(chatSid).state;
    }

    public List<String> webhooks(String chatSid) {
        synchronized (chats) {
            return List.copyOf(chat(chatSid).webhookUrls.keySet());
        }
    }

    public List<ObjectNode> tasks() {
        synchronized (tasks) {
            return List.copyOf(tasks);
        }
    }

    public List<ObjectNode> interactions() {
        synchronized (interactions) {
            return List.copyOf(interactions);
        }
    }

    /** Adds a task as if made earlier (e.g. by a handoff whose answer was lost). */
    public void addTask(String workspaceSid, String attributesJson) {
        tasks.add(task(workspaceSid, null, "chat", attributesJson));
    }

    /**
     * The next request with this method whose Twilio path matches {@code pathRegex} answers {@code status}: before
     * doing anything, or ({@code afterEffect}) after its effect took place, as when Twilio acted but the answer was
     * lost.
     */
    public void failNext(String method, String pathRegex, int status, boolean afterEffect) {
        fail(method, pathRegex, status, afterEffect, 0);
    }

    /** Like {@link #failNext}, after letting {@code skip} matching requests through. */
    public void fail(String method, String pathRegex, int status, boolean afterEffect, int skip) {
        faults.add(new Fault(method, Pattern.compile(pathRegex), status, afterEffect, skip));
    }

    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The request lines ({@code METHOD product/path}) in order. */
    public List<String> requestLines() {
        return requests().stream().map(Recorded::line).toList();
    }

    public List<String> contractViolations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ----- HTTP -----

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            Matcher m = PRODUCT_PATH.matcher(exchange.getRequestURI().getRawPath());
            if (!m.matches()) {
                respond(exchange, 404, error(404, "no product in path"));
                return;
            }
            String product = m.group(1);
            String path = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> query = decodeMulti(exchange.getRequestURI().getRawQuery());
            Map<String, String> form = new LinkedHashMap<>();
            decodeMulti(body).forEach((k, v) -> form.put(k, v.get(v.size() - 1)));
            requests.add(new Recorded(product, method, path, query, form));
            Map<String, String> headers = new LinkedHashMap<>();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                headers.put("Authorization", auth);
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            try {
                violations.addAll(TwilioContracts.violations(product, method, path, query, headers,
                        body.isEmpty() ? null : contentType, body));
            } catch (RuntimeException e) {
                violations.add(method + " " + product + path + ": not checkable: " + e.getMessage());
            }
            Fault fault = takeFault(method, path);
            if (fault != null && !fault.afterEffect) {
                respond(exchange, fault.status, error(fault.status, "injected fault"));
                return;
            }
            Answer answer;
            try {
                answer = route(product, method, path, query, form);
            } catch (NotFound e) {
                answer = new Answer(404, error(404, e.getMessage()));
            }
            if (fault != null) {
                respond(exchange, fault.status, error(fault.status, "injected fault after effect"));
                return;
            }
            respond(exchange, answer.status(), answer.body());
        } catch (RuntimeException e) {
            respond(exchange, 500, error(500, "fake Twilio failed: " + e));
        }
    }

    private Fault takeFault(String method, String path) {
        synchronized (faults) {
            for (Fault f : faults) {
                if (f.method.equals(method) && f.path.matcher(path).matches()) {
                    if (f.skip > 0) {
                        f.skip--;
                        continue;
                    }
                    faults.remove(f);
                    return f;
                }
            }
        }
        return null;
    }

    private record Answer(int status, String body) {
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    private static final Pattern CONVERSATION = Pattern.compile("^/v1/Conversations/(CH\\w+)$");
    private static final Pattern CONV_MESSAGES = Pattern.compile("^/v1/Conversations/(CH\\w+)/Messages$");
    private static final Pattern CONV_WEBHOOKS = Pattern.compile("^/v1/Conversations/(CH\\w+)/Webhooks$");
    private static final Pattern CONV_WEBHOOK = Pattern.compile("^/v1/Conversations/(CH\\w+)/Webhooks/(WH\\w+)$");
    private static final Pattern CHANNEL = Pattern.compile("^/v2/Services/(IS\\w+)/Channels/(CH\\w+)$");
    private static final Pattern CHAN_MESSAGES = Pattern.compile("^/v2/Services/(IS\\w+)/Channels/(CH\\w+)/Messages$");
    private static final Pattern CHAN_WEBHOOKS = Pattern.compile("^/v2/Services/(IS\\w+)/Channels/(CH\\w+)/Webhooks$");
    private static final Pattern CHAN_WEBHOOK = Pattern.compile("^/v2/Services/(IS\\w+)/Channels/(CH\\w+)/Webhooks/(WH\\w+)$");
    private static final Pattern INTERACTION_CHANNELS = Pattern.compile("^/v1/Interactions/(KD\\w+)/Channels$");
    private static final Pattern TASK = Pattern.compile("^/v1/Workspaces/(WS\\w+)/Tasks/(WT\\w+)$");
    private static final Pattern TASKS = Pattern.compile("^/v1/Workspaces/(WS\\w+)/Tasks$");
    private static final Pattern EVALUATE = Pattern.compile("^\\s*(\\w+)\\s*==\\s*[\"']([^\"']*)[\"']\\s*$");

    private Answer route(String product, String method, String path, Map<String, List<String>> query,
                         Map<String, String> form) {
        String key = method + " " + product;
        Matcher m;
        if (key.equals("GET conversations") && (m = CONVERSATION.matcher(path)).matches()) {
            return ok(conversation(m.group(1)));
        }
        if (key.equals("POST conversations") && (m = CONVERSATION.matcher(path)).matches()) {
            Chat chat = chat(m.group(1));
            if (form.containsKey("Attributes")) {
                chat.attributes = form.get("Attributes");
            }
            if (form.containsKey("State")) {
                chat.state = form.get("State");
            }
            return ok(conversation(m.group(1)));
        }
        if (key.equals("POST conversations") && (m = CONV_MESSAGES.matcher(path)).matches()) {
            return new Answer(201, write(addMessage(m.group(1), form.get("Author"), form)));
        }
        if (key.equals("GET conversations") && (m = CONV_MESSAGES.matcher(path)).matches()) {
            return ok(messagePage(m.group(1), query, "author"));
        }
        if (key.equals("GET conversations") && (m = CONV_WEBHOOKS.matcher(path)).matches()) {
            return ok(webhookPage(m.group(1)));
        }
        if (key.equals("GET conversations") && (m = CONV_WEBHOOK.matcher(path)).matches()) {
            return ok(webhook(m.group(1), m.group(2)));
        }
        if (key.equals("POST conversations") && (m = CONV_WEBHOOKS.matcher(path)).matches()) {
            return new Answer(201, addWebhook(m.group(1), form.get("Configuration.Url")));
        }
        if (key.equals("DELETE conversations") && (m = CONV_WEBHOOK.matcher(path)).matches()) {
            return deleteWebhook(m.group(1), m.group(2));
        }
        if (key.equals("GET chat") && (m = CHANNEL.matcher(path)).matches()) {
            return ok(channel(m.group(1), m.group(2)));
        }
        if (key.equals("POST chat") && (m = CHANNEL.matcher(path)).matches()) {
            Chat chat = channelChat(m.group(1), m.group(2));
            if (form.containsKey("Attributes")) {
                chat.attributes = form.get("Attributes");
            }
            return ok(channel(m.group(1), m.group(2)));
        }
        if (key.equals("POST chat") && (m = CHAN_MESSAGES.matcher(path)).matches()) {
            channelChat(m.group(1), m.group(2));
            return new Answer(201, write(addMessage(m.group(2), form.get("From"), form)));
        }
        if (key.equals("GET chat") && (m = CHAN_MESSAGES.matcher(path)).matches()) {
            channelChat(m.group(1), m.group(2));
            return ok(messagePage(m.group(2), query, "from"));
        }
        if (key.equals("GET chat") && (m = CHAN_WEBHOOKS.matcher(path)).matches()) {
            channelChat(m.group(1), m.group(2));
            return ok(webhookPage(m.group(2)));
        }
        if (key.equals("GET chat") && (m = CHAN_WEBHOOK.matcher(path)).matches()) {
            channelChat(m.group(1), m.group(2));
            return ok(webhook(m.group(2), m.group(3)));
        }
        if (key.equals("POST chat") && (m = CHAN_WEBHOOKS.matcher(path)).matches()) {
            channelChat(m.group(1), m.group(2));
            return new Answer(201, addWebhook(m.group(2), form.get("Configuration.Url")));
        }
        if (key.equals("DELETE chat") && (m = CHAN_WEBHOOK.matcher(path)).matches()) {
            return deleteWebhook(m.group(2), m.group(3));
        }
        if (key.equals("POST taskrouter") && (m = TASKS.matcher(path)).matches()) {
            ObjectNode task = task(m.group(1), form.get("WorkflowSid"), form.get("TaskChannel"), form.get("Attributes"));
            tasks.add(task);
            return new Answer(201, write(task));
        }
        if (key.equals("POST taskrouter") && (m = TASK.matcher(path)).matches()) {
            String sid = m.group(2);
            ObjectNode task = tasks().stream().filter(t -> sid.equals(t.path("sid").asText())).findFirst()
                    .orElseThrow(() -> new NotFound("task " + sid + " was not found"));
            task.put("assignment_status", form.getOrDefault("AssignmentStatus", task.path("assignment_status").asText()));
            return ok(write(task));
        }
        if (key.equals("GET taskrouter") && (m = TASKS.matcher(path)).matches()) {
            return ok(taskPage(m.group(1), first(query, "EvaluateTaskAttributes"), query.get("AssignmentStatus")));
        }
        if (key.equals("POST flex-api") && path.equals("/v1/Interactions")) {
            return ok(interaction(form));
        }
        if (key.equals("GET flex-api") && (m = INTERACTION_CHANNELS.matcher(path)).matches()) {
            return ok(interactionChannels(m.group(1)));
        }
        throw new NotFound("fake Twilio has no route for " + method + " " + product + path);
    }

    private Chat chat(String sid) {
        Chat chat = chats.get(sid);
        if (chat == null) {
            throw new NotFound("The requested resource /" + sid + " was not found");
        }
        return chat;
    }

    private Chat channelChat(String serviceSid, String sid) {
        Chat chat = chat(sid);
        if (!serviceSid.equals(chat.serviceSid)) {
            throw new NotFound("channel " + sid + " is not in service " + serviceSid);
        }
        return chat;
    }

    private String conversation(String sid) {
        Chat chat = chat(sid);
        ObjectNode node = JSON.createObjectNode();
        node.put("sid", sid);
        node.put("account_sid", ACCOUNT_SID);
        node.put("attributes", chat.attributes);
        node.put("state", chat.state);
        return write(node);
    }

    private String channel(String serviceSid, String sid) {
        Chat chat = channelChat(serviceSid, sid);
        ObjectNode node = JSON.createObjectNode();
        node.put("sid", sid);
        node.put("account_sid", ACCOUNT_SID);
        node.put("service_sid", serviceSid);
        node.put("attributes", chat.attributes);
        node.put("type", "private");
        return write(node);
    }

    private ObjectNode addMessage(String chatSid, String author, Map<String, String> form) {
        Chat chat = chat(chatSid);
        String sid = sid("IM");
        String attributes = form.getOrDefault("Attributes", "{}");
        StoredMessage stored = new StoredMessage(sid, author, form.get("Body"), attributes);
        synchronized (chats) {
            chat.messages.add(stored);
        }
        return messageJson(chatSid, stored, chat.serviceSid == null ? "author" : "from");
    }

    private ObjectNode messageJson(String chatSid, StoredMessage message, String authorField) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sid", message.sid());
        node.put("account_sid", ACCOUNT_SID);
        node.put(authorField.equals("author") ? "conversation_sid" : "channel_sid", chatSid);
        node.put(authorField, message.author());
        node.put("body", message.body());
        node.put("attributes", message.attributes());
        return node;
    }

    private String messagePage(String chatSid, Map<String, List<String>> query, String authorField) {
        Chat chat = chat(chatSid);
        List<StoredMessage> all;
        synchronized (chats) {
            all = new ArrayList<>(chat.messages);
        }
        if ("desc".equalsIgnoreCase(first(query, "Order"))) {
            Collections.reverse(all);
        }
        int size = first(query, "PageSize") == null ? 50 : Integer.parseInt(first(query, "PageSize"));
        ArrayNode items = JSON.createArrayNode();
        all.stream().limit(size).forEach(message -> items.add(messageJson(chatSid, message, authorField)));
        return page("messages", items, size);
    }

    private String webhookPage(String chatSid) {
        Chat chat = chat(chatSid);
        ArrayNode items = JSON.createArrayNode();
        synchronized (chats) {
            chat.webhookUrls.forEach((sid, url) -> items.add(webhookJson(sid, url)));
        }
        return page("webhooks", items, 50);
    }

    private static ObjectNode webhookJson(String sid, String url) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sid", sid);
        node.put("account_sid", ACCOUNT_SID);
        node.put("target", "webhook");
        node.put("type", "webhook");
        node.putObject("configuration").put("url", url).put("method", "POST");
        return node;
    }

    private String webhook(String chatSid, String webhookSid) {
        Chat chat = chat(chatSid);
        String url;
        synchronized (chats) {
            url = chat.webhookUrls.get(webhookSid);
        }
        if (url == null) {
            throw new NotFound("webhook " + webhookSid + " was not found");
        }
        return write(webhookJson(webhookSid, url));
    }

    private String addWebhook(String chatSid, String url) {
        Chat chat = chat(chatSid);
        String sid = sid("WH");
        synchronized (chats) {
            chat.webhookUrls.put(sid, url);
        }
        return write(webhookJson(sid, url));
    }

    /** Every interaction's one channel is active here (the local Flex models the asynchronous setup). */
    private String interactionChannels(String interactionSid) {
        ArrayNode items = JSON.createArrayNode();
        ObjectNode channel = items.addObject();
        channel.put("sid", "UO" + interactionSid.substring(2));
        channel.put("interaction_sid", interactionSid);
        channel.put("type", "web");
        channel.put("status", "active");
        return page("channels", items, 50);
    }

    private Answer deleteWebhook(String chatSid, String webhookSid) {
        Chat chat = chat(chatSid);
        synchronized (chats) {
            if (chat.webhookUrls.remove(webhookSid) == null) {
                throw new NotFound("webhook " + webhookSid + " was not found");
            }
        }
        return new Answer(204, "");
    }

    private ObjectNode task(String workspaceSid, String workflowSid, String taskChannel, String attributes) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sid", sid("WT"));
        node.put("account_sid", ACCOUNT_SID);
        node.put("workspace_sid", workspaceSid);
        node.put("workflow_sid", workflowSid);
        node.put("task_channel_unique_name", taskChannel);
        node.put("attributes", attributes == null ? "{}" : attributes);
        node.put("assignment_status", "pending");
        return node;
    }

    private String taskPage(String workspaceSid, String evaluate, List<String> statuses) {
        ArrayNode items = JSON.createArrayNode();
        Matcher filter = evaluate == null ? null : EVALUATE.matcher(evaluate);
        if (filter != null && !filter.matches()) {
            throw new IllegalArgumentException("fake Twilio evaluates only `key == \"value\"`, got " + evaluate);
        }
        for (ObjectNode task : tasks()) {
            if (!workspaceSid.equals(task.path("workspace_sid").asText())) {
                continue;
            }
            if (statuses != null && !statuses.contains(task.path("assignment_status").asText())) {
                continue;
            }
            if (filter != null) {
                JsonNode attributes = read(task.path("attributes").asText());
                if (!filter.group(2).equals(attributes.path(filter.group(1)).asText(null))) {
                    continue;
                }
            }
            items.add(task);
        }
        return page("tasks", items, 50);
    }

    private String interaction(Map<String, String> form) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sid", sid("KD"));
        node.set("channel", read(form.get("Channel")));
        node.set("routing", read(form.getOrDefault("Routing", "{}")));
        interactions.add(node);
        JsonNode properties = node.path("routing").path("properties");
        if (properties.has("workspace_sid")) {
            tasks.add(task(properties.path("workspace_sid").asText(), properties.path("workflow_sid").asText(null),
                    properties.path("task_channel_unique_name").asText(null), write(properties.path("attributes"))));
        }
        return write(node);
    }

    private String page(String key, ArrayNode items, int size) {
        ObjectNode root = JSON.createObjectNode();
        root.set(key, items);
        ObjectNode meta = root.putObject("meta");
        meta.put("page", 0);
        meta.put("page_size", size);
        meta.put("first_page_url", baseUrl());
        meta.putNull("previous_page_url");
        meta.put("url", baseUrl());
        meta.putNull("next_page_url");
        meta.put("key", key);
        return write(root);
    }

    private String sid(String prefix) {
        return prefix + String.format("%032x", sequence.incrementAndGet());
    }

    private static Answer ok(String body) {
        return new Answer(200, body);
    }

    private static String error(int status, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("code", status == 404 ? 20404 : status * 100);
        node.put("message", message);
        node.put("more_info", "https://www.twilio.com/docs/errors/" + (status == 404 ? 20404 : status * 100));
        node.put("status", status);
        return write(node);
    }

    private static String first(Map<String, List<String>> query, String key) {
        List<String> values = query.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> decodeMulti(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return params;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }

    private static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (status == 204) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
