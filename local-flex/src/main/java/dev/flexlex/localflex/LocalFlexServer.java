package dev.flexlex.localflex;

import dev.flexlex.localflex.accounts.AccountsApi;
import dev.flexlex.localflex.accounts.AuthTokens;
import dev.flexlex.localflex.chat.ChatApi;
import dev.flexlex.localflex.conversations.ConversationsApi;
import dev.flexlex.localflex.conversations.InboundMessages;
import dev.flexlex.localflex.conversations.InboundResult;
import dev.flexlex.localflex.conversations.PhoneMessage;
import dev.flexlex.localflex.flex.FlexApi;
import dev.flexlex.localflex.flex.FlexFlowsApi;
import dev.flexlex.localflex.http.Routes;
import dev.flexlex.localflex.http.TwilioApiHandler;
import dev.flexlex.localflex.taskrouter.TaskRouterApi;
import dev.flexlex.localflex.webhook.WebhookDispatcher;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A local Twilio Flex on 127.0.0.1: Conversations, Programmable Chat, TaskRouter and the Flex API under
 * {@code /conversations}, {@code /chat}, {@code /taskrouter} and {@code /flex-api}, with signed webhooks, and the
 * Accounts API's auth token rotation under {@code /accounts}.
 * <pre>
 * try (LocalFlexServer flex = LocalFlexServer.builder().port(0).start()) { ... flex.baseUrl() ... }
 * </pre>
 */
public final class LocalFlexServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFlexServer.class);
    /** The path prefix of the local-only entries ({@code /local/v1/Inbound}, {@code /local/v1/Phones/…}): not Twilio APIs. */
    private static final String LOCAL_PRODUCT = "local";

    private final Account account;
    private final AuthTokens tokens;
    private final Server jetty;
    private final WebhookDispatcher webhooks;
    private final ScheduledExecutorService timer;
    private final Faults faults;
    private final TaskRouterApi taskRouter;
    private final InboundMessages inbound;
    private final String chatServiceSid;
    private final String[] taskRouterDefaults;
    private final int port;
    private final Object lock = new Object();
    /** Requests received, when the builder asked for them to be recorded; else null. */
    private final List<RecordedRequest> requests;

    private LocalFlexServer(Builder b) throws Exception {
        this.account = new Account(b.accountSid, b.authToken);
        this.faults = new Faults(b.faults);
        this.requests = b.recordRequests ? new ArrayList<>() : null;
        this.tokens = new AuthTokens(account.authToken());
        this.webhooks = new WebhookDispatcher(tokens::primary, b.webhookTimeout);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-flex-timers");
            t.setDaemon(true);
            return t;
        });
        this.chatServiceSid = account.defaultSid("IS", "Flex Chat Service");
        ConversationsApi conversations = new ConversationsApi(account, chatServiceSid, webhooks, b.conversationWebhookRetries);
        ChatApi chat = new ChatApi(account, webhooks);
        chat.newService(chatServiceSid, "Flex Chat Service");
        this.taskRouter = new TaskRouterApi(account, lock, timer);
        this.taskRouterDefaults = taskRouter.createFlexDefaults();
        FlexApi flex = new FlexApi(conversations, taskRouter, timer, lock, faults::interactionSetup);
        FlexFlowsApi flexFlows = new FlexFlowsApi(account, chat);
        Routes conversationRoutes = new Routes();
        conversations.register(conversationRoutes);
        Routes chatRoutes = new Routes();
        chat.register(chatRoutes);
        Routes taskRouterRoutes = new Routes();
        taskRouter.register(taskRouterRoutes);
        Routes accountsRoutes = new Routes();
        new AccountsApi(account.accountSid(), tokens).register(accountsRoutes);
        Routes flexRoutes = new Routes();
        flex.register(flexRoutes);
        flexFlows.register(flexRoutes);
        this.inbound = new InboundMessages(conversations);
        Routes localRoutes = new Routes();
        inbound.register(localRoutes);
        TwilioApiHandler handler = new TwilioApiHandler(Map.of("conversations", conversationRoutes, "chat", chatRoutes,
                "taskrouter", taskRouterRoutes, "flex-api", flexRoutes, "accounts", accountsRoutes, LOCAL_PRODUCT, localRoutes),
                account.accountSid(), tokens, lock,
                new TwilioApiHandler.FaultPolicy() {
                    @Override
                    public int before(String product, String method) {
                        return beforeCall(product, method);
                    }

                    @Override
                    public TwilioApiHandler.Injected targeted(String method, String path) {
                        TargetedFault f = faults.takeTargeted(method, path);
                        return f == null ? null : new TwilioApiHandler.Injected(f.status(), f.body(), f.drops(), f.afterEffect());
                    }
                }, requests == null ? null : this::record);
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("local-flex-http");
        threads.setDaemon(true);
        this.jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(b.port);
        jetty.addConnector(connector);
        jetty.setHandler(handler);
        jetty.start();
        this.port = connector.getLocalPort();
        LOG.info("local Flex listening on {} for account {}, faults {}", baseUrl(), account.accountSid(), faults.spec());
    }

    public static Builder builder() {
        return new Builder();
    }

    private int beforeCall(String product, String method) {
        if (LOCAL_PRODUCT.equals(product)) {
            return 0; // the carrier's side is no Twilio REST call: random faults never apply to it (targeted ones do)
        }
        Faults.Decision d = faults.decide(product, method);
        if (d.latencyMillis() > 0) {
            try {
                Thread.sleep(d.latencyMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return switch (d.outcome()) {
            case FAIL_429 -> 429;
            case FAIL_500 -> 500;
            case FAIL_500_AFTER -> -500;
            case FAIL_400 -> 400;
            case NONE -> 0;
        };
    }

    private void record(String product, String method, String path, String rawQuery, String contentType,
                        String authorization, String body) {
        synchronized (requests) {
            requests.add(new RecordedRequest(product, method, path, rawQuery, contentType, authorization, body));
        }
    }

    /**
     * The REST requests received so far, in arrival order (including those refused or failed by a fault).
     *
     * @throws IllegalStateException unless built with {@link Builder#recordRequests(boolean) recordRequests(true)}
     */
    public List<RecordedRequest> requests() {
        if (requests == null) {
            throw new IllegalStateException("requests are not recorded: build with recordRequests(true)");
        }
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Forgets the requests recorded so far (a no-op when none are recorded). */
    public void clearRequests() {
        if (requests != null) {
            synchronized (requests) {
                requests.clear();
            }
        }
    }

    /** {@code http://127.0.0.1:<port>}; products are under {@code /conversations}, {@code /chat}, … */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String accountSid() {
        return account.accountSid();
    }

    /** The primary auth token now: the one webhooks are signed with (a promotion over the Accounts API changes it). */
    public String authToken() {
        return tokens.primary();
    }

    /** The "Flex Chat Service" (IS…): the default Conversations service and the Chat v2 service. */
    public String chatServiceSid() {
        return chatServiceSid;
    }

    /** The "Flex Task Assignment" workspace (WS…). */
    public String workspaceSid() {
        return taskRouterDefaults[0];
    }

    /** The "Assign to Anyone" workflow (WW…). */
    public String workflowSid() {
        return taskRouterDefaults[1];
    }

    /** The "Everyone" task queue (WQ…). */
    public String taskQueueSid() {
        return taskRouterDefaults[2];
    }

    /** The one default worker, "agent" (WK…, offline at start, contact_uri client:agent). */
    public String workerSid() {
        return taskRouterDefaults[3];
    }

    /** A default task channel's SID (TC…): {@code default}, {@code chat}, {@code voice} or {@code sms}. */
    public String taskChannelSid(String uniqueName) {
        synchronized (lock) {
            return taskRouter.taskChannelSid(workspaceSid(), uniqueName);
        }
    }

    /**
     * Plays an inbound SMS or WhatsApp message from the phone {@code from} to the Twilio number {@code to} (LOCAL-ONLY:
     * Twilio receives these from the carrier or Meta), as {@code POST /local/v1/Inbound} does: into the customer's
     * conversation that is not closed, or a new one auto-created from To's address configuration; fires its webhooks.
     *
     * @throws dev.flexlex.localflex.http.ApiException with Twilio's status and code for a bad input; nothing is created then
     */
    public InboundResult inboundMessage(String from, String to, String body) {
        synchronized (lock) {
            return inbound.receive(from, to, body);
        }
    }

    /** The messages delivered to the phone {@code from} ({@code +1…} or {@code whatsapp:+1…}), oldest first. */
    public List<PhoneMessage> phoneMessages(String from) {
        synchronized (lock) {
            return inbound.phoneMessages(from);
        }
    }

    /** Webhook events queued since start (counted synchronously by the REST call that fires them). */
    public long webhookEventsQueued() {
        return webhooks.queued();
    }

    /** Webhook HTTP attempts made since start, retries included. */
    public long webhookAttempts() {
        return webhooks.attempts();
    }

    /** Replaces the faults in force (re-seeding the draws); takes effect for the next call. */
    public void setFaults(FaultSpec spec) {
        faults.set(spec);
        LOG.info("faults now {}", faults.spec());
    }

    /**
     * Adds a targeted fault ("fail the next request matching …") after those armed, keeping the spec in force and
     * what the other targeted faults have left; {@link #setFaults} replaces them all.
     */
    public void failNext(TargetedFault fault) {
        faults.arm(fault);
        LOG.info("targeted fault armed: {}", fault);
    }

    public FaultSpec faults() {
        return faults.spec();
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("jetty did not stop cleanly", e);
        }
        timer.shutdownNow();
        webhooks.close();
    }

    /** Options; every one has a documented default. */
    public static final class Builder {
        private int port;
        private String accountSid = Account.DEFAULT_ACCOUNT_SID;
        private String authToken = Account.DEFAULT_AUTH_TOKEN;
        private FaultSpec faults = FaultSpec.none();
        private int conversationWebhookRetries = 1;
        private Duration webhookTimeout = Duration.ofSeconds(5);
        private boolean recordRequests;

        private Builder() {
        }

        /** Keeps every REST request received for {@link LocalFlexServer#requests()} (default false: nothing is kept). */
        public Builder recordRequests(boolean record) {
            this.recordRequests = record;
            return this;
        }

        /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder accountSid(String accountSid) {
            this.accountSid = accountSid;
            return this;
        }

        public Builder authToken(String authToken) {
            this.authToken = authToken;
            return this;
        }

        public Builder faults(FaultSpec faults) {
            this.faults = faults == null ? FaultSpec.none() : faults;
            return this;
        }

        /**
         * Retries of a conversation-scoped webhook whose URL fragment sets no {@code rc} (default 1, Twilio's {@code rc}
         * default; Chat webhooks use their own RetryCount). Which failures are retried is the fragment's {@code rp}.
         */
        public Builder conversationWebhookRetries(int retries) {
            if (retries < 0 || retries > 5) {
                throw new IllegalArgumentException("conversation webhook retries must be 0..5, got " + retries);
            }
            this.conversationWebhookRetries = retries;
            return this;
        }

        /**
         * The longest one webhook attempt waits for a response, whatever the URL fragment's {@code rt} (default 5 s:
         * "Conversations webhooks have a maximum timeout of 5 seconds",
         * https://www.twilio.com/docs/conversations/conversations-webhooks).
         */
        public Builder webhookTimeout(Duration timeout) {
            this.webhookTimeout = timeout;
            return this;
        }

        public LocalFlexServer start() {
            new Account(accountSid, authToken);
            try {
                return new LocalFlexServer(this);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("local Flex could not start on port " + port + ": " + e.getMessage(), e);
            }
        }
    }
}
