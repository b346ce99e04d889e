package dev.flexlex.locallex.runtime;

/**
 * What GetSession answers for something that does not exist. Lex documents two answers: the runtime service
 * model lists {@code ResourceNotFoundException} (404) among GetSession's errors; the API reference's text says
 * "If the bot, alias, or session identifier doesn't exist, Amazon Lex V2 returns a {@code BadRequestException}"
 * (a code the model does not define; 400), and likewise for a locale that doesn't exist or isn't enabled.
 */
public enum UnknownSessionError {
    /** {@code ResourceNotFoundException}, 404 (the service model's answer; the default). */
    RESOURCE_NOT_FOUND("ResourceNotFound"),
    /** {@code BadRequestException}, 400, for an unknown session, bot, alias or locale (the API reference's text). */
    BAD_REQUEST("BadRequest");

    private final String flagValue;

    UnknownSessionError(String flagValue) {
        this.flagValue = flagValue;
    }

    /** The spelling of the {@code --unknown-session-error} flag's value. */
    public String flagValue() {
        return flagValue;
    }

    /** The value for a flag spelling, or null when it names none. */
    public static UnknownSessionError fromFlag(String value) {
        for (UnknownSessionError error : values()) {
            if (error.flagValue.equals(value)) {
                return error;
            }
        }
        return null;
    }
}
