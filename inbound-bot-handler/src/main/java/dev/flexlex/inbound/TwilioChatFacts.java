package dev.flexlex.inbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.http.TwilioRestClient;
import dev.flexlex.chat.ChatPlatform;
import dev.flexlex.chat.ConversationsChatPlatform;
import dev.flexlex.chat.HandoffRouting;
import dev.flexlex.chat.ProgrammableChatPlatform;
import dev.flexlex.chat.TransientChatException;
import dev.flexlex.model.ChatPlatformKind;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a chat's attributes through the {@link ChatPlatform} adapters and caches the facts per chat for the
 * life of the instance (pre-engagement data does not change during a chat), at most {@value #MAX_CHATS} chats.
 *
 * <p>A transient failure (429, 5xx, broken connection) is tried again here, after short pauses, before the
 * webhook answers 5xx: Twilio retries a failed webhook only a few times (once by default), so two unlucky
 * reads in a row would otherwise lose the customer's message. Reading is safe to repeat; the pauses stay
 * well inside Twilio's 5-second webhook budget.
 */
final class TwilioChatFacts implements ChatFactsSource {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioChatFacts.class);
    static final int MAX_CHATS = 2_000;
    /** Pauses before the second and third read of a chat whose first read failed transiently. */
    static final List<Duration> RETRY_PAUSES = List.of(Duration.ofMillis(100), Duration.ofMillis(400));

    /** Waits between reads; tests pass one that records instead of sleeping. */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final Supplier<TwilioRestClient> client;
    private final String botAuthor;
    private final Map<String, ChatFacts> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ChatFacts> eldest) {
            return size() > MAX_CHATS;
        }
    });

    private final Pause pause;

    TwilioChatFacts(Supplier<TwilioRestClient> client, String botAuthor) {
        this(client, botAuthor, duration -> Thread.sleep(duration.toMillis()));
    }

    TwilioChatFacts(Supplier<TwilioRestClient> client, String botAuthor, Pause pause) {
        this.client = client;
        this.botAuthor = botAuthor;
        this.pause = pause;
    }

    @Override
    public ChatFacts facts(ChatPlatformKind platform, String serviceSid, String chatSid) {
        ChatFacts cached = cache.get(chatSid);
        if (cached != null) {
            return cached;
        }
        ChatFacts fetched = ChatFacts.of(fetchAttributes(platform(platform, serviceSid), chatSid));
        cache.put(chatSid, fetched);
        return fetched;
    }

    private ObjectNode fetchAttributes(ChatPlatform chat, String chatSid) {
        for (int attempt = 0; ; attempt++) {
            try {
                return chat.fetchAttributes(chatSid);
            } catch (TransientChatException e) {
                if (attempt >= RETRY_PAUSES.size()) {
                    throw e;
                }
                LOG.warn("reading the chat failed transiently (status {}); reading again", e.status());
                try {
                    pause.pause(RETRY_PAUSES.get(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Reading attributes needs no routing; the adapters are cheap to create per call. */
    private ChatPlatform platform(ChatPlatformKind kind, String serviceSid) {
        HandoffRouting none = new HandoffRouting(null, null, null);
        return kind == ChatPlatformKind.CONVERSATIONS
                ? new ConversationsChatPlatform(client, botAuthor, null, none)
                : new ProgrammableChatPlatform(client, serviceSid, botAuthor, null, none);
    }
}
