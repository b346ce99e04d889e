package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One chat's live feed: a single poller reads the chat's new messages (every tick) and its state (every third tick)
 * from Twilio and hands each change, as a server-sent event frame, to every listener. A new listener first gets
 * what the feed has seen so far. {@link ChatFeeds} starts the poller with the first listener and stops it after
 * the last one leaves.
 */
final class ChatFeed {
    private static final Logger LOG = LoggerFactory.getLogger(ChatFeed.class);
    static final long TICK_MILLIS = 300;

    private final String chatSid;
    private final WebchatPlatform platform;
    private final UnaryOperator<String> agentName;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<String> history = new ArrayList<>();
    private MessageView.ChatPeople people;
    private String status;
    private int lastIndex = -1;
    private long ticks;
    private int failuresInARow;
    private ScheduledFuture<?> poller;

    ChatFeed(String chatSid, WebchatPlatform platform, UnaryOperator<String> agentName) {
        this.chatSid = chatSid;
        this.platform = platform;
        this.agentName = agentName;
    }

    String chatSid() {
        return chatSid;
    }

    synchronized void start(ScheduledExecutorService timer) {
        poller = timer.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("feed of chat {} started", chatSid);
    }

    synchronized void stop() {
        if (poller != null) {
            poller.cancel(false);
            poller = null;
            LOG.info("feed of chat {} stopped", chatSid);
        }
    }

    /** Ends every listener's stream (the server is closing). */
    synchronized void closeListeners() {
        listeners.forEach(Listener::close);
        listeners.clear();
    }

    synchronized boolean running() {
        return poller != null;
    }

    /** Adds a listener and queues for it everything seen so far. */
    synchronized void add(Listener listener) {
        history.forEach(listener::offer);
        if (status != null) {
            listener.offer(status);
        }
        listeners.add(listener);
    }

    /** Removes a listener; true when none is left. */
    synchronized boolean remove(Listener listener) {
        listeners.remove(listener);
        return listeners.isEmpty();
    }

    synchronized int listenerCount() {
        return listeners.size();
    }

    private void tick() {
        try {
            poll();
            failuresInARow = 0;
        } catch (TwilioRestException e) {
            if (e.status() == 404) {
                gone();
            } else if (failuresInARow++ % 20 == 0) {
                LOG.warn("feed of chat {}: poll failed ({} in a row): HTTP {}", chatSid, failuresInARow, e.status());
            }
        } catch (RuntimeException e) {
            if (failuresInARow++ % 20 == 0) {
                LOG.warn("feed of chat {}: poll failed ({} in a row): {}", chatSid, failuresInARow, e.getMessage());
            }
        }
    }

    /**
     * Messages first, then the chat's state (every third tick): a bot that posts its closing message and then
     * closes the chat is shown in that order. The first tick reads the state first too, for the people's names.
     */
    private synchronized void poll() {
        ChatSnapshot early = people == null ? platform.snapshot(chatSid) : null;
        if (early != null) {
            people = MessageView.ChatPeople.of(early.attributes(), early.customerAddress());
        }
        for (ChatMessage m : platform.messagesAfter(chatSid, lastIndex)) {
            lastIndex = Math.max(lastIndex, m.index());
            publish(Sse.frame("message", MessageView.render(m, people, agentName)));
        }
        if (early != null) {
            publishStatus(early);
        } else if (ticks % 3 == 0) {
            publishStatus(platform.snapshot(chatSid));
        }
        ticks++;
    }

    /** The chat does not exist (any more): every listener gets a {@code gone} event and its stream ends. */
    private synchronized void gone() {
        LOG.info("feed of chat {}: the chat does not exist; closing its streams", chatSid);
        String frame = Sse.frame("gone", TwilioRest.JSON.createObjectNode().put("chatSid", chatSid));
        listeners.forEach(l -> {
            l.offer(frame);
            l.close();
        });
        listeners.clear();
        stop();
    }

    private void publishStatus(ChatSnapshot snapshot) {
        ObjectNode s = TwilioRest.JSON.createObjectNode();
        List<String> agents = snapshot.members().stream()
                .filter(id -> !id.equals(people.customerIdentity()) && !id.isEmpty()).toList();
        JsonNode attributes = snapshot.attributes();
        s.put("closed", snapshot.closed());
        s.put("handedOff", attributes.hasNonNull("flexLexHandoffSid") || !agents.isEmpty());
        s.put("agentJoined", !agents.isEmpty());
        s.put("agentName", agents.isEmpty() ? null : agentName.apply(agents.get(0)));
        s.put("customerName", people.customerName());
        s.put("botName", people.botName());
        s.put("question", people.question());
        String frame = Sse.frame("status", s);
        if (!Objects.equals(frame, status)) {
            status = frame;
            listeners.forEach(l -> l.offer(frame));
        }
    }

    private void publish(String frame) {
        history.add(frame);
        listeners.forEach(l -> l.offer(frame));
    }

    /** One open event stream: frames wait here until its connection writes them. */
    static final class Listener {
        private final java.util.concurrent.BlockingQueue<String> frames = new java.util.concurrent.LinkedBlockingQueue<>();
        private volatile boolean closed;

        void offer(String frame) {
            frames.offer(frame);
        }

        /**
         * The next frame (an empty one only wakes the writer), or null after {@code millis} without one; once closed,
         * the frames still queued and then null.
         */
        String next(long millis) throws InterruptedException {
            String frame = frames.poll();
            if (frame != null || closed) {
                return frame;
            }
            return frames.poll(millis, TimeUnit.MILLISECONDS);
        }

        void close() {
            closed = true;
            frames.offer("");
        }

        boolean closed() {
            return closed;
        }
    }
}
