package dev.flexlex.chat;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import java.util.function.Supplier;

/** Maps twilio-java exceptions onto the {@link ChatPlatform} error types, in one place. */
final class TwilioCalls {
    private TwilioCalls() {
    }

    /**
     * Runs one Twilio call. {@code chatScoped}: a 404 means the chat itself is gone (true for calls on the chat's
     * own resources; false e.g. for TaskRouter or Interactions, where a 404 is a configuration error).
     */
    static <T> T call(String what, String chatSid, boolean chatScoped, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiConnectionException e) {
            throw new TransientChatException(what + " for chat " + chatSid + " did not complete: " + e.getMessage(), null, e);
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            String detail = what + " for chat " + chatSid + " failed with HTTP " + status + " (Twilio code " + e.getCode() + ")";
            if (status != null && status == 404 && chatScoped) {
                throw new ChatNotFoundException(detail, e);
            }
            if (chatScoped && isConversationClosed(e)) {
                // Final: nothing can be posted to or changed in it again (a reply redelivered after its close).
                throw new ChatNotFoundException(detail + ": the conversation is closed", e);
            }
            if (status == null || status == 429 || status >= 500) {
                throw new TransientChatException(detail, status, e);
            }
            throw new ChatPlatformException(detail, status, e);
        }
    }

    /**
     * Twilio error 50377, "Can't update conversation as it's in final closed state"
     * (https://www.twilio.com/docs/api/errors/50377).
     */
    static boolean isConversationClosed(ApiException e) {
        return e.getStatusCode() != null && e.getStatusCode() == 400 && Integer.valueOf(50377).equals(e.getCode());
    }

    static boolean isNotFound(ApiException e) {
        return e.getStatusCode() != null && e.getStatusCode() == 404;
    }
}
