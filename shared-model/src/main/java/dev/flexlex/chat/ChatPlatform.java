package dev.flexlex.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.model.ChatPlatformKind;
import java.util.List;
import java.util.Optional;

/**
 * The one seam between the bridge and a Twilio chat product: Flex Conversations ({@link ConversationsChatPlatform})
 * or legacy Programmable Chat ({@link ProgrammableChatPlatform}).
 *
 * <p>Every call makes exactly one attempt. Errors: {@link ChatNotFoundException} when the chat no longer exists,
 * {@link TransientChatException} for 429/5xx/connection failures (the effect may or may not have happened),
 * {@link ChatPlatformException} for anything else.
 */
public interface ChatPlatform {
    ChatPlatformKind kind();

    /** The chat's attributes (an empty object when it has none). */
    ObjectNode fetchAttributes(String chatSid);

    /** Posts a message as the bot identity with the given message attributes (JSON); returns the message SID. */
    String postMessage(String chatSid, String body, String attributesJson);

    /** The chat's latest messages, newest first, at most {@code limit}. */
    List<ChatMessage> recentMessages(String chatSid, int limit);

    /**
     * Removes the bot's webhook from the chat: by SID when known, else the chat webhooks pointing at the bot's URL.
     *
     * @return {@code false} when there was nothing left to remove (already gone)
     */
    boolean removeBotWebhook(String chatSid, String webhookSid);

    /** The SID of a task or interaction already made for this chat, if any. */
    Optional<String> findHandoff(String chatSid);

    /** Hands the chat to an agent (Interaction or TaskRouter task), records its SID on the chat, returns it. */
    String handOff(String chatSid, Handoff handoff);

    /**
     * One look at a handoff made for the chat: a Flex interaction is set up asynchronously (its channel goes from
     * {@code setup} to {@code active} or {@code failed}); a TaskRouter task exists once created, so a platform
     * whose handoffs are synchronous keeps this default.
     */
    default HandoffState handoffState(String chatSid, String handoffSid) {
        return HandoffState.ACTIVE;
    }

    /**
     * Gives the chat back to the bot after a handoff that could not complete: cancels the chat's TaskRouter tasks
     * still waiting for an agent, re-creates the bot webhook exactly as it was before {@link #removeBotWebhook}
     * (unless it is there already) and clears the chat's handoff mark.
     *
     * @return {@code false} when no webhook had to be re-created
     */
    boolean restoreBot(String chatSid);

    /** Closes the chat (Conversations: state closed; Chat: status INACTIVE and webhook removed). */
    void close(String chatSid, String webhookSid);
}
