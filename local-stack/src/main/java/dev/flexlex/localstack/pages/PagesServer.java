package dev.flexlex.localstack.pages;

import dev.flexlex.localstack.StackInfo;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's pages on 127.0.0.1: the customer webchat (plays Flex WebChat), the customer phone (plays a
 * phone texting the contact centre by SMS or WhatsApp) and the agent desk (plays Flex UI), static HTML/CSS/JS plus a small JSON and server-sent-events backend that talks to the Twilio API
 * (the local Flex) only.
 * <pre>
 * try (PagesServer pages = PagesServer.start(0, info)) { ... pages.webchatUrl() ... pages.agentDeskUrl() ... }
 * </pre>
 */
public final class PagesServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PagesServer.class);

    private final Server jetty;
    private final ChatFeeds feeds;
    private final int port;

    private PagesServer(Server jetty, ChatFeeds feeds, int port) {
        this.jetty = jetty;
        this.feeds = feeds;
        this.port = port;
    }

    /**
     * Starts the pages for a running stack.
     *
     * @param port TCP port on 127.0.0.1; 0 picks a free one
     * @throws IllegalStateException when the port is taken or the server cannot start
     */
    public static PagesServer start(int port, StackInfo info) {
        return start(port, info, null);
    }

    /**
     * Starts the pages with the operations page's API ({@code /ops/}, its JSON under {@code /api/ops/}).
     *
     * @param ops the handler of {@code /api/ops/...}; null: the operations page has no data (404)
     */
    public static PagesServer start(int port, StackInfo info, org.eclipse.jetty.server.Handler ops) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("pages port must be 0..65535, got " + port);
        }
        TwilioRest twilio = new TwilioRest(info.flexBaseUrl(), info.accountSid(), info.authToken());
        WebchatPlatform platform = WebchatPlatform.of(info, twilio);
        AgentDesk desk = new AgentDesk(twilio, platform, info.workspaceSid(), info.workerSid());
        ChatFeeds feeds = new ChatFeeds(platform, desk::nameOf);
        Webchat webchat = new Webchat(platform, info.botNames());
        Phone phone = new Phone(twilio, info.phoneAddresses());
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("pages-http");
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(new PagesHandler(info, webchat, phone, desk, feeds, ops));
        try {
            jetty.start();
        } catch (Exception e) {
            feeds.close();
            try {
                jetty.stop();
            } catch (Exception ignored) {
                // already failing; the start error is the one to report
            }
            throw new IllegalStateException("pages could not start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        PagesServer server = new PagesServer(jetty, feeds, connector.getLocalPort());
        LOG.info("pages listening on {} for the {} platform", server.baseUrl(), info.platform());
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The customer webchat page. */
    public String webchatUrl() {
        return baseUrl() + "/webchat/";
    }

    /** The customer phone page: text the contact centre by SMS or WhatsApp. */
    public String phoneUrl() {
        return baseUrl() + "/phone/";
    }

    /** The agent desk page. */
    public String agentDeskUrl() {
        return baseUrl() + "/agent/";
    }

    /** The operations page: metrics, queues, instances, errors, dead-lettered messages and their redrive. */
    public String opsUrl() {
        return baseUrl() + "/ops/";
    }

    /** How many chats have a running poller (one per chat that someone is watching). */
    public int chatsPolled() {
        return feeds.polling();
    }

    @Override
    public void close() {
        feeds.close();
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("pages server did not stop cleanly: {}", e.getMessage());
        }
    }
}
