package dev.flexlex.localflex.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The limits Twilio documents for a chat message's {@code Body}, checked before anything is created, and the media a
 * {@code MediaSid} attaches.
 * <ul>
 *   <li>Conversations: at most 1,600 characters (the OpenAPI spec's {@code Body}: "can be up to 1,600 characters
 *       long"; the Conversations Limits page says 32 KB for chat but 1,600 for SMS and WhatsApp, so the stricter
 *       figure is enforced). Counted in UTF-16 units, so an emoji counts 2: stricter than counting code points.</li>
 *   <li>Programmable Chat v2: at most 32 KiB of UTF-8 (error 50504's page).</li>
 * </ul>
 * A longer body is refused with HTTP 400 and error 50504 ("Message body parameter is too long"), the one documented
 * code for it; Twilio documents no Conversations-specific code.
 */
public final class MessageBodies {
    public static final int CONVERSATIONS_MAX_CHARS = 1600;
    public static final int CHAT_MAX_BYTES = 32 * 1024;
    public static final int TOO_LONG_CODE = 50504;
    private static final Pattern MEDIA_SID = Pattern.compile("ME[0-9a-fA-F]{32}");

    private MessageBodies() {
    }

    /** @throws ApiException 400 / 50504 when a Conversations message body is over 1,600 characters */
    public static void checkConversations(String body) {
        if (body != null && body.length() > CONVERSATIONS_MAX_CHARS) {
            throw tooLong("Message body parameter is too long: " + body.length() + " characters, at most "
                    + CONVERSATIONS_MAX_CHARS);
        }
    }

    /** @throws ApiException 400 / 50504 when a Chat message body is over 32 KiB */
    public static void checkChat(String body) {
        if (body != null) {
            int bytes = body.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > CHAT_MAX_BYTES) {
                throw tooLong("Message body parameter is too long: " + bytes + " bytes, at most " + CHAT_MAX_BYTES);
            }
        }
    }

    /**
     * The media object for a {@code MediaSid} (null when the request has none). There is no Media service here, so
     * only the SID is known: content type, filename and size are null.
     *
     * @throws ApiException 400 / 20001 for a SID off the spec's pattern
     */
    public static ObjectNode media(ApiRequest q) {
        if (!q.has("MediaSid")) {
            return null;
        }
        String sid = q.param("MediaSid");
        if (sid == null || !MEDIA_SID.matcher(sid).matches()) {
            throw ApiException.invalid("MediaSid", "must match ^ME[0-9a-fA-F]{32}$");
        }
        ObjectNode media = Json.object();
        media.put("sid", sid);
        media.putNull("content_type");
        media.putNull("filename");
        media.putNull("size");
        return media;
    }

    /** Conversations' webhook {@code Media} parameter: a JSON array of the message's media objects. */
    public static String webhookMedia(ArrayNode media) {
        ArrayNode out = Json.object().arrayNode();
        media.forEach(m -> {
            ObjectNode o = out.addObject();
            o.put("Sid", m.path("sid").asText());
            o.put("Category", "media");
            o.set("ContentType", m.get("content_type"));
            o.set("Filename", m.get("filename"));
            o.set("Size", m.get("size"));
        });
        return out.toString();
    }

    private static ApiException tooLong(String message) {
        return new ApiException(400, TOO_LONG_CODE, message);
    }
}
