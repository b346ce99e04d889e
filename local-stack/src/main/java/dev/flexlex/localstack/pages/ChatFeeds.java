package dev.flexlex.localstack.pages;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;

/** The open chats' feeds: one poller per chat that has a listener, none for a chat nobody watches. */
final class ChatFeeds implements AutoCloseable {
    private final WebchatPlatform platform;
    private final UnaryOperator<String> agentName;
    private final ScheduledExecutorService timer;
    private final Map<String, ChatFeed> feeds = new HashMap<>();

    ChatFeeds(WebchatPlatform platform, UnaryOperator<String> agentName) {
        this.platform = platform;
        this.agentName = agentName;
        this.timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "pages-chat-feed");
            t.setDaemon(true);
            return t;
        });
    }

    /** Listens to a chat: starts its poller when it is the chat's first listener. */
    synchronized ChatFeed.Listener listen(String chatSid) {
        ChatFeed feed = feeds.computeIfAbsent(Pages.sid(chatSid), sid -> new ChatFeed(sid, platform, agentName));
        ChatFeed.Listener listener = new ChatFeed.Listener();
        feed.add(listener);
        if (!feed.running()) {
            feed.start(timer);
        }
        return listener;
    }

    /** Stops listening; the chat's poller stops with its last listener. */
    synchronized void leave(String chatSid, ChatFeed.Listener listener) {
        ChatFeed feed = feeds.get(chatSid);
        if (feed != null && feed.remove(listener)) {
            feed.stop();
            feeds.remove(chatSid);
        }
    }

    /** How many chats have a running poller. */
    synchronized int polling() {
        return (int) feeds.values().stream().filter(ChatFeed::running).count();
    }

    @Override
    public synchronized void close() {
        feeds.values().forEach(feed -> {
            feed.stop();
            feed.closeListeners();
        });
        feeds.clear();
        timer.shutdownNow();
    }
}
