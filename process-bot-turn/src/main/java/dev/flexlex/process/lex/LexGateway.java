package dev.flexlex.process.lex;

import dev.flexlex.registry.BotConfig;
import java.util.Map;
import java.util.Optional;

/** The two Lex V2 runtime calls a bot turn needs. */
public interface LexGateway {
    /**
     * The session's last turn as Lex holds it; empty when there is no session yet (new conversation), whichever
     * of its documented "no such session" answers Lex gives.
     *
     * @throws LexTransientException throttling, a 5xx or a network failure: try again later
     * @throws LexRejectedException the request can never succeed (bot/alias/locale not found, access denied, invalid)
     */
    Optional<LexState> getSession(BotConfig bot, String sessionId);

    /**
     * Sends the customer's text with the complete session attribute map (Lex replaces the stored map with it)
     * and no intent or dialog action, so Lex keeps the dialog where it is.
     *
     * @throws LexTransientException throttling, a 5xx or a network failure: try again later
     * @throws LexRejectedException the request can never succeed
     */
    LexState recognizeText(BotConfig bot, String sessionId, String text, Map<String, String> sessionAttributes);
}
