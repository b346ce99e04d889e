package dev.flexlex.localflex;

import com.twilio.rest.conversations.v1.AddressConfiguration;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.flexapi.v2.WebChannels;
import dev.flexlex.localflex.testing.LocalFlexTestBase;
import dev.flexlex.localflex.testing.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Many webchats at once: distinct chats, per-chat message order, each customer message delivered once. */
class ConcurrentChatsTest extends LocalFlexTestBase {
    private static final int CHATS = 40;
    private static final int MESSAGES = 3;

    @Test
    void manyChatsAtOnceKeepTheirOwnOrderAndEachEventArrivesOnce() throws Exception {
        String address = AddressConfiguration.creator(AddressConfiguration.Type.CHAT, "busy-webchat")
                .setAutoCreationEnabled(true).setAutoCreationType(AddressConfiguration.AutoCreationType.WEBHOOK)
                .setAutoCreationWebhookUrl(receiver.url("/busy")).setAutoCreationWebhookFilters("onMessageAdded")
                .create(twilio).getSid();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        List<Future<List<String>>> chats = new ArrayList<>();
        for (int c = 0; c < CHATS; c++) {
            chats.add(pool.submit(() -> {
                WebChannels chat = WebChannels.creator(address).setCustomerFriendlyName("Customer").create(twilio);
                List<String> sids = new ArrayList<>();
                for (int m = 0; m < MESSAGES; m++) {
                    sids.add(Message.creator(chat.getConversationSid()).setAuthor(chat.getIdentity()).setBody("m" + m)
                            .setXTwilioWebhookEnabled(Message.WebhookEnabledType.TRUE).create(twilio).getSid());
                }
                sids.add(0, chat.getConversationSid());
                return sids;
            }));
        }
        Set<String> conversations = new HashSet<>();
        Map<String, String> expectedIndex = new HashMap<>();
        for (Future<List<String>> f : chats) {
            List<String> sids = f.get();
            conversations.add(sids.get(0));
            for (int m = 1; m <= MESSAGES; m++) {
                expectedIndex.put(sids.get(m), Integer.toString(m - 1));
            }
        }
        pool.shutdown();
        Map<String, Integer> deliveries = new HashMap<>();
        Map<String, List<String>> indexesPerChat = new HashMap<>();
        for (int i = 0; i < CHATS * MESSAGES; i++) {
            WebhookReceiver.Call call = receiver.next();
            deliveries.merge(call.params().get("MessageSid"), 1, Integer::sum);
            assertEquals(expectedIndex.get(call.params().get("MessageSid")), call.params().get("Index"));
            indexesPerChat.computeIfAbsent(call.params().get("ConversationSid"), k -> new ArrayList<>()).add(call.params().get("Index"));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("local-flex: %d chats x %d customer messages, all webhooks delivered, in %d ms%n", CHATS, MESSAGES, millis);

        assertEquals(CHATS, conversations.size());
        assertEquals(conversations, indexesPerChat.keySet());
        indexesPerChat.values().forEach(indexes -> assertEquals(List.of("0", "1", "2"), indexes, "per-chat delivery order"));
        assertEquals(expectedIndex.keySet(), deliveries.keySet());
        assertEquals(Set.of(1), new HashSet<>(deliveries.values()));
        assertEquals(List.of(), receiver.drain());
    }
}
