package dev.flexlex.inbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.http.TwilioRestClient;
import dev.flexlex.chat.ChatPlatform;
import dev.flexlex.chat.ConversationsChatPlatform;
import dev.flexlex.chat.HandoffRouting;
import dev.flexlex.chat.ProgrammableChatPlatform;
import dev.flexlex.chat.TransientChatException;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.retry.Retry;
import dev.flexlex.retry.Sleeper;
import java.time.Duration;
import java.util.Collections;
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
    /** 3 reads of a chat whose first read failed transiently, pauses 0.1, 0.4 s. */
    static final Retry READS = new Retry(3, Duration.ofMillis(100), 4, Duration.ofMillis(400), Sleeper.THREAD);

    private final Supplier<TwilioRestClient> client;
    private final String botAuthor;
    private final Map<String, ChatFacts> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ChatFacts> eldest) {
            return size() > MAX_CHATS;
        }
    });

    private final Retry reads;

    TwilioChatFacts(Supplier<TwilioRestClient> client, String botAuthor) {
        this(client, botAuthor, Sleeper.THREAD);
    }

    TwilioChatFacts(Supplier<TwilioRestClient> client, String botAuthor, Sleeper sleeper) {
        this.client = client;
        this.botAuthor = botAuthor;
        this.reads = READS.withSleeper(sleeper);
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
        return reads.run(TransientChatException.class, attempt -> chat.fetchAttributes(chatSid),
                (attempt, e, delay) -> LOG.warn("reading the chat failed transiently (status {}); reading again",
                        e.status()),
                (attempts, elapsed, e) -> {
                    throw e;
                });
    }

    /** Reading attributes needs no routing; the adapters are cheap to create per call. */
    private ChatPlatform platform(ChatPlatformKind kind, String serviceSid) {
        HandoffRouting none = new HandoffRouting(null, null, null);
        return kind == ChatPlatformKind.CONVERSATIONS
                ? new ConversationsChatPlatform(client, botAuthor, null, none)
                : new ProgrammableChatPlatform(client, serviceSid, botAuthor, null, none);
    }
}
