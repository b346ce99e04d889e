package dev.flexlex.locallex.bot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * One loaded bot, as the runtime serves it: its ids and a text turn engine per locale.
 *
 * <p>The seam between the protocol layer (HTTP, sessions, errors) and the conversation engine
 * (classification, slots, dialog). Session state travels in the wire shape of the Lex V2 runtime
 * model's {@code SessionState}, so neither side translates it.
 */
public interface LexBot {

    /**
     * The one member of {@code sessionState} an engine may use for its own memory between turns (Lex keeps
     * such counters, e.g. prompt retries, on the server). The runtime stores it with the session but never
     * sends it to a client, so every answer matches the runtime model exactly.
     */
    String ENGINE_MEMORY_MEMBER = "localLexEngineMemory";

    /** The bot's name as defined (e.g. {@code OrderFlowers}). */
    String name();

    /** The bot id clients put in the request path (10 characters, like Lex's). */
    String botId();

    /** Alias ids this bot answers on; always includes the test alias {@code TSTALIASID}. */
    Set<String> aliasIds();

    /** Locale ids defined for the bot (e.g. {@code en_US}). */
    Set<String> localeIds();

    /** The bot's {@code IdleSessionTTLInSeconds}. */
    Duration idleSessionTtl();

    /**
     * Runs one RecognizeText turn.
     *
     * @param localeId one of {@link #localeIds()}
     * @param incomingState the session state in effect for this turn: the stored state with the request's
     *     {@code sessionState} applied by the caller (attributes replaced when sent, dialog kept when the
     *     request names no intent or dialog action); an empty object for a new session; never null
     * @param text the customer's text, already validated (1..1024 characters)
     * @param requestAttributes the request's {@code requestAttributes}, never null
     * @param timeZone the zone relative dates resolve in
     */
    TurnResult recognizeText(String localeId, ObjectNode incomingState, String text,
                             Map<String, String> requestAttributes, ZoneId timeZone);
}
