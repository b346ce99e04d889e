package dev.flexlex.bench.check;

import com.twilio.rest.conversations.v1.Conversation;
import dev.flexlex.bench.StandIns;
import dev.flexlex.chat.ConversationsChatPlatform;
import dev.flexlex.chat.HandoffRouting;
import dev.flexlex.chat.BridgeAttributes;
import dev.flexlex.localflex.LocalFlexServer;
import dev.flexlex.model.Json;
import dev.flexlex.twilio.TwilioApiAddress;
import dev.flexlex.twilio.TwilioClient;
import dev.flexlex.twilio.TwilioCredentials;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What "outbound always checks the chat first" would cost per turn: the one Twilio call it adds (list the chat's 30
 * latest messages, {@code ReplyDelivery.LOOKBACK}) against the call every reply makes anyway (post a one-part reply),
 * both through the suite's real adapter and twilio-java against the local Flex on loopback, interleaved so both see
 * the same machine load. Prints figures; asserts nothing. From the project root, after {@code mvn package}:
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" dev.flexlex.bench.check.ChatCheckCost [turns] [chats]
 * </pre>
 */
public final class ChatCheckCost {
    private static final int LOOKBACK = 30;

    private ChatCheckCost() {
    }

    public static void main(String[] args) throws Exception {
        int turns = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int chats = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        try (LocalFlexServer flex = LocalFlexServer.builder().port(0).accountSid(StandIns.ACCOUNT_SID)
                .authToken(StandIns.AUTH_TOKEN).start()) {
            TwilioClient twilio = TwilioClient.create(new TwilioCredentials() {
                @Override
                public String accountSid() {
                    return StandIns.ACCOUNT_SID;
                }

                @Override
                public String authToken() {
                    return StandIns.AUTH_TOKEN;
                }
            }, TwilioApiAddress.of(flex.baseUrl()));
            ConversationsChatPlatform platform = new ConversationsChatPlatform(twilio, "bot", null,
                    new HandoffRouting(flex.workspaceSid(), flex.workflowSid(), "chat"));
            List<String> sids = new ArrayList<>();
            for (int i = 0; i < chats; i++) {
                sids.add(Conversation.creator().create(twilio.get()).getSid());
            }
            String part = "What type of flowers would you like to order?";
            long[] post = new long[turns];
            long[] check = new long[turns];
            int warmUp = turns / 2;
            for (int i = -warmUp; i < turns; i++) {
                String chat = sids.get(Math.floorMod(i, chats));
                String turn = platform.postMessage(chat, "roses", "{}");   // the customer's message
                long t0 = System.nanoTime();
                platform.recentMessages(chat, LOOKBACK);
                long t1 = System.nanoTime();
                platform.postMessage(chat, part, Json.write(BridgeAttributes.messageTag(turn, 1, 1)));
                long t2 = System.nanoTime();
                if (i >= 0) {
                    check[i] = t1 - t0;
                    post[i] = t2 - t1;
                }
            }
            System.out.printf(Locale.ROOT, "%d turns over %d chats (after %d warm-up turns; each chat ends with %d+ messages)%n",
                    turns, chats, warmUp, 2 * (turns + warmUp) / chats);
            System.out.printf(Locale.ROOT, "post one reply part (every turn):      median %.2f ms, p99 %.2f ms%n",
                    millis(post, 0.5), millis(post, 0.99));
            System.out.printf(Locale.ROOT, "check: list the %d latest messages:    median %.2f ms, p99 %.2f ms%n",
                    LOOKBACK, millis(check, 0.5), millis(check, 0.99));
            System.out.printf(Locale.ROOT, "checking every turn adds %.0f%% to outbound's Twilio time for a one-part reply%n",
                    100 * millis(check, 0.5) / millis(post, 0.5));
        }
    }

    private static double millis(long[] nanos, double quantile) {
        List<Long> sorted = new ArrayList<>();
        for (long n : nanos) {
            sorted.add(n);
        }
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(quantile * (sorted.size() - 1)))) / 1e6;
    }
}
