package dev.flexlex.locallex.engine;

import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.definition.BotLoader;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A plain harness, not a test: how fast the engine runs the OrderFlowers trace (no HTTP, one thread).
 * Run from {@code local-lex/} with the test classpath:
 * {@code java -cp target/classes:target/test-classes:<deps> dev.flexlex.locallex.engine.EngineBenchmark}.
 */
public final class EngineBenchmark {

    private static final List<String> TRACE = List.of("I would like to order some flowers", "roses", "tomorrow", "10 am", "yes");

    private EngineBenchmark() {
    }

    public static void main(String[] args) {
        long startLoad = System.nanoTime();
        LexBot bot = BotLoader.load(Path.of("../template.yaml")).get(0);
        System.out.printf(Locale.ROOT, "load template.yaml: %.1f ms%n", (System.nanoTime() - startLoad) / 1e6);
        run(bot, 2_000);
        int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long[] turns = run(bot, conversations);
        Arrays.sort(turns);
        double totalSeconds = Arrays.stream(turns).sum() / 1e9;
        System.out.printf(Locale.ROOT, "%d turns: %.0f turns/s, p50 %.1f us, p99 %.1f us, max %.1f us%n", turns.length,
                turns.length / totalSeconds, turns[turns.length / 2] / 1e3, turns[(int) (turns.length * 0.99)] / 1e3,
                turns[turns.length - 1] / 1e3);
    }

    private static long[] run(LexBot bot, int conversations) {
        long[] nanos = new long[conversations * TRACE.size()];
        int i = 0;
        for (int n = 0; n < conversations; n++) {
            Conversation conversation = new Conversation(bot, ZoneOffset.UTC);
            for (String text : TRACE) {
                long start = System.nanoTime();
                conversation.say(text);
                nanos[i++] = System.nanoTime() - start;
            }
            if (!"Fulfilled".equals(conversation.intentState())) {
                throw new IllegalStateException("the trace did not end fulfilled: " + conversation.last.sessionState());
            }
        }
        return nanos;
    }
}
