package dev.flexlex.locallex.testing;

import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.definition.BotLoader;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The OrderFlowers bot of the project's {@code template.yaml}, loaded by the real {@link BotLoader}: the
 * bot the local stack serves, so these tests hold the protocol layer to the real engine.
 */
public final class OrderFlowers {

    /** From the module directory, where surefire runs. */
    public static final Path TEMPLATE = Path.of("../template.yaml");
    public static final String LOCALE = "en_US";
    public static final String TEST_ALIAS_ID = "TSTALIASID";
    public static final String BOT_ID;
    /** The id the loader gives the template's {@code live} alias. */
    public static final String LIVE_ALIAS_ID;

    static {
        LexBot bot = BotLoader.load(TEMPLATE).get(0);
        BOT_ID = bot.botId();
        LIVE_ALIAS_ID = bot.aliasIds().stream().filter(id -> !TEST_ALIAS_ID.equals(id)).findFirst().orElseThrow();
    }

    private OrderFlowers() {
    }

    /** A fresh OrderFlowers bot whose relative dates ("tomorrow") resolve against {@code clock}. */
    public static RecordingBot bot(Clock clock) {
        return new RecordingBot(BotLoader.load(TEMPLATE, clock).get(0));
    }
}
