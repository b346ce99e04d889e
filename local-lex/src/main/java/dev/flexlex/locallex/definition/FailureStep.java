package dev.flexlex.locallex.definition;

import java.util.List;

/**
 * What a prompt does once its retries are spent and its failure response (if any) is sent: a slot's
 * {@code slotCaptureSetting.failureNextStep}, or the confirmation's {@code intentConfirmationSetting.failureNextStep}
 * (a {@code DialogState}). Without one, Lex invokes the fallback intent (AWS's AMAZON.FallbackIntent page: it "is
 * invoked when an intent doesn't recognize the user input as a slot value [or as a response to a confirmation
 * prompt] after the configured number of tries").
 *
 * @param kind what happens next
 * @param intentName the intent {@link Kind#START_INTENT} switches to (null otherwise)
 */
public record FailureStep(Kind kind, String intentName) {

    /** No next step configured: the fallback intent is invoked. */
    public static final FailureStep FALLBACK_INTENT = new FailureStep(Kind.FALLBACK_INTENT, null);

    /** The {@code dialogAction.type}s local-lex follows (the model's {@code DialogActionType} has more). */
    public static final List<String> SUPPORTED_TYPES = List.of("StartIntent", "ElicitIntent", "EndConversation");

    public enum Kind {
        /** The default: switch to the locale's fallback intent (its initial and closing responses). */
        FALLBACK_INTENT,
        /** {@code StartIntent}: switch to the named intent and carry on with it from its start. */
        START_INTENT,
        /** {@code ElicitIntent}: no intent; wait for the user to say what they want. */
        ELICIT_INTENT,
        /** {@code EndConversation}: the intent closes {@code Failed}; nothing more is said. */
        END_CONVERSATION
    }
}
