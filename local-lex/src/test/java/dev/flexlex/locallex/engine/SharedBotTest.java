package dev.flexlex.locallex.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One loaded bot serves many sessions at once: it keeps nothing between turns but the session state. */
class SharedBotTest {

    private static final List<String> FLOWERS = List.of("roses", "lilies", "tulips");
    private static final List<String> ZONES = List.of("UTC", "Pacific/Auckland", "America/Los_Angeles");

    @Test
    void concurrentConversationsOnOneBotDoNotMix() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int n = i;
                outcomes.add(pool.submit(() -> converse(FLOWERS.get(n % 3), ZONES.get(n % 3))));
            }
            for (int i = 0; i < outcomes.size(); i++) {
                assertEquals(expected(FLOWERS.get(i % 3), ZONES.get(i % 3)), outcomes.get(i).get(), "conversation " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String converse(String flower, String zone) {
        Conversation c = new Conversation(Conversation.ORDER_FLOWERS, ZoneId.of(zone));
        c.say("I want to order flowers");
        c.say(flower);
        c.say("tomorrow");
        c.say("5 pm");
        c.say("yes");
        return c.intentState() + " " + c.slot("FlowerType") + " " + c.slot("PickupDate") + " " + c.slot("PickupTime");
    }

    private static String expected(String flower, String zone) {
        String tomorrow = zone.equals("Pacific/Auckland") ? "2026-11-27" : "2026-11-26";
        return "Fulfilled " + flower + " " + tomorrow + " 17:00";
    }
}
