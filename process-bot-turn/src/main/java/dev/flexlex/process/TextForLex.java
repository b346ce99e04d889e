package dev.flexlex.process;

import dev.flexlex.config.ConfigException;
import dev.flexlex.config.Env;
import dev.flexlex.model.BotTurn;
import java.util.Optional;

/**
 * What of a customer's message Lex can read. Lex V2's RecognizeText takes a {@code text} of 1 to 1,024 characters
 * (the runtime model's {@code Text} shape), and text only; so before a turn reaches Lex:
 * <ul>
 *   <li>a message with no text but media (a picture) gets {@link #mediaOnlyReply} from the bot, without Lex;</li>
 *   <li>a message with no text at all, or only whitespace, gets {@link #emptyMessageReply}, without Lex;</li>
 *   <li>text over 1,024 characters is cut at the last word boundary within the limit (at the limit itself when
 *       the first 1,024 characters hold no space) and that goes to Lex.</li>
 * </ul>
 * Either reply leaves the chat with the bot ({@code WAIT_FOR_MESSAGE}): not an agent, not silence.
 *
 * @param mediaOnlyReply what the bot says to a media-only message ({@value #MEDIA_ONLY_REPLY})
 * @param emptyMessageReply what the bot says to an empty or blank message ({@value #EMPTY_MESSAGE_REPLY})
 */
public record TextForLex(String mediaOnlyReply, String emptyMessageReply) {
    public static final String MEDIA_ONLY_REPLY = "MEDIA_ONLY_REPLY";
    public static final String EMPTY_MESSAGE_REPLY = "EMPTY_MESSAGE_REPLY";
    /** The Lex V2 runtime model's {@code Text} maximum. */
    public static final int MAX_CHARS = 1024;
    public static final String DEFAULT_MEDIA_ONLY_REPLY =
            "Sorry, I can only read text. Please type your message.";
    public static final String DEFAULT_EMPTY_MESSAGE_REPLY =
            "I didn't catch that: your message was empty. Please type your question.";
    public static final TextForLex DEFAULTS = new TextForLex(DEFAULT_MEDIA_ONLY_REPLY, DEFAULT_EMPTY_MESSAGE_REPLY);

    public TextForLex {
        require(MEDIA_ONLY_REPLY, mediaOnlyReply);
        require(EMPTY_MESSAGE_REPLY, emptyMessageReply);
    }

    /** The replies from the environment, each defaulted when unset. */
    public static TextForLex from(Env env) {
        return new TextForLex(env.optional(MEDIA_ONLY_REPLY, DEFAULT_MEDIA_ONLY_REPLY),
                env.optional(EMPTY_MESSAGE_REPLY, DEFAULT_EMPTY_MESSAGE_REPLY));
    }

    /** A bot reply must fit what Lex itself could have said (and so one chat message). */
    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException("environment variable " + name + " must not be blank");
        }
        if (value.length() > MAX_CHARS) {
            throw new ConfigException("environment variable " + name + " must be at most " + MAX_CHARS
                    + " characters");
        }
    }

    /** The reply the bot gives instead of a Lex turn, when the turn has no text Lex can read. */
    public Optional<String> replyWithoutLex(BotTurn turn) {
        if (!turn.text().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(turn.mediaCount() > 0 ? mediaOnlyReply : emptyMessageReply);
    }

    /**
     * The text to send to Lex: as is when it fits, else stripped and cut at the last whitespace at or before the
     * limit (the whitespace dropped), never splitting a surrogate pair.
     */
    public static String cut(String original) {
        if (original.length() <= MAX_CHARS) {
            return original;
        }
        String text = original.strip();
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = MAX_CHARS;
        if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        for (int i = end; i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                String head = text.substring(0, i).stripTrailing();
                if (!head.isEmpty()) {
                    return head;
                }
                break;
            }
        }
        return text.substring(0, end);
    }
}
