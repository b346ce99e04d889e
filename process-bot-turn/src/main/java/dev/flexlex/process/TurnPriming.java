package dev.flexlex.process;

import dev.flexlex.aws.AwsClients;
import dev.flexlex.model.BotTurn;
import dev.flexlex.model.ChatPlatformKind;
import dev.flexlex.model.Json;
import dev.flexlex.priming.PrimingKit;
import dev.flexlex.registry.BotConfig;
import java.time.Instant;

/**
 * The turn processor's priming: one SQS record of a {@link BotTurn} for the registry's default bot (else its first)
 * through a handler built like the real one (Lex runtime and SQS clients as configured) over {@link PrimingKit}'s
 * in-memory HTTP client: GetSession, RecognizeText, the turn policy and SendMessage run, nothing is sent anywhere.
 */
final class TurnPriming {
    private TurnPriming() {
    }

    /**
     * Builds the handler once and runs {@code rounds} records through it.
     *
     * @throws IllegalStateException when the priming record fails (a priming bug, never a real failure)
     */
    static void run(ProcessConfig config, int rounds) {
        BotTurnHandler handler = new BotTurnHandler(ProcessWiring.forPriming(config,
                PrimingKit.aws(AwsClients.from(config.aws()))));
        String bot = config.botRegistry().defaultBot()
                .or(() -> config.botRegistry().bots().values().stream().findFirst())
                .map(BotConfig::name).orElse(null);
        BotTurn turn = new BotTurn(BotTurn.SCHEMA_VERSION, ChatPlatformKind.CONVERSATIONS, PrimingKit.CHAT_SID,
                PrimingKit.MESSAGE_SID, PrimingKit.WEBHOOK_SID, "priming-customer", null, bot, "priming",
                Instant.EPOCH);
        byte[] event = PrimingKit.sqsEvent(Json.write(turn));
        for (int round = 0; round < rounds; round++) {
            PrimingKit.requireNoBatchItemFailures(PrimingKit.invoke((in, out) -> handler.handleRequest(in, out, null),
                    event));
        }
    }
}
