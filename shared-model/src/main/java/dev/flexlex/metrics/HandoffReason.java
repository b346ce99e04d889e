package dev.flexlex.metrics;

/**
 * Why a turn hands the chat to an agent: the fixed values of the {@code Reason} dimension of
 * {@link Metric#HANDOFFS} (a handful, so the dimension never grows with traffic).
 */
public enum HandoffReason {
    /** Lex chose one of the bot's agent intents. */
    AGENT_INTENT("AgentIntent"),
    /** The bot set the session attribute {@code nextStep=AGENT}. */
    BOT_REQUESTED("BotRequested"),
    /** The intent ended in state {@code Failed}. */
    INTENT_FAILED("IntentFailed"),
    /** An intent given up for the fallback intent: its prompt's retries were used up. */
    INTENT_ABANDONED("IntentAbandoned"),
    /** {@code fallbackLimit} consecutive unrecognised messages. */
    FALLBACK_LIMIT("FallbackLimit"),
    /** The chat has no bot, or one this function's registry does not know. */
    NO_BOT("NoBot"),
    /** Lex rejected the request for good (unknown bot or alias, access denied, invalid). */
    BOT_UNAVAILABLE("BotUnavailable");

    private final String dimensionValue;

    HandoffReason(String dimensionValue) {
        this.dimensionValue = dimensionValue;
    }

    /** The value of the {@code Reason} dimension. */
    public String dimensionValue() {
        return dimensionValue;
    }
}
