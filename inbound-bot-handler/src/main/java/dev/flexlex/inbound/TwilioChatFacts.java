package dev.flexlex.inbound;

import com.twilio.http.TwilioRestClient;
import dev.flexlex.chat.ChatPlatform;
import dev.flexlex.chat.ConversationsChatPlatform;
import dev.flexlex.chat.HandoffRouting;
import dev.flexlex.chat.ProgrammableChatPlatform;
import dev.flexlex.model.ChatPlatformKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fetches a chat's attributes through the {@link ChatPlatform} adapters and caches the facts per chat for the
 * life of the instance (pre-engagement data does not change during a chat), at most {@value #MAX_CHATS} chats.
 */
final class TwilioChatFacts implements ChatFactsSource {
    static final int MAX_CHATS = 2_000;

    private final Supplier<TwilioRestClient> client;
    private final String botAuthor;
    private final Map<String, ChatFacts> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ChatFacts> eldest) {
            return size() > MAX_CHATS;
        }
    });

    TwilioChatFacts(Supplier<TwilioRestClient> client, String botAuthor) {
        this.client = client;
        this.botAuthor = botAuthor;
    }

    @Override
    public ChatFacts facts(ChatPlatformKind platform, String serviceSid, String chatSid) {
        ChatFacts cached = cache.get(chatSid);
        if (cached != null) {
            return cached;
        }
        ChatFacts fetched = ChatFacts.of(platform(platform, serviceSid).fetchAttributes(chatSid));
        cache.put(chatSid, fetched);
        return fetched;
    }

    /** Reading attributes needs no routing; the adapters are cheap to create per call. */
    private ChatPlatform platform(ChatPlatformKind kind, String serviceSid) {
        HandoffRouting none = new HandoffRouting(null, null, null);
        return kind == ChatPlatformKind.CONVERSATIONS
                ? new ConversationsChatPlatform(client, botAuthor, null, none)
                : new ProgrammableChatPlatform(client, serviceSid, botAuthor, null, none);
    }
}
