package dev.flexlex.locallex.http;

import dev.flexlex.locallex.runtime.SessionKey;
import java.util.Optional;
import org.eclipse.jetty.util.URIUtil;

/**
 * An HTTP method and path matched to an operation of the runtime model, whose request URIs all start with
 * {@code /bots/{botId}/botAliases/{botAliasId}/botLocales/{localeId}/sessions/{sessionId}}. Each path
 * segment is percent-decoded on its own, so an encoded {@code :} in a session id is read as {@code :}.
 */
record LexRoute(LexOperation operation, SessionKey key) {

    private static final int SESSION_SEGMENTS = 9;

    /** The route of a request, or empty when the method and path name no operation. */
    static Optional<LexRoute> match(String method, String rawPath) {
        String[] segments = rawPath.split("/", -1);
        boolean sessionPath = (segments.length == SESSION_SEGMENTS || segments.length == SESSION_SEGMENTS + 1)
                && segments[0].isEmpty()
                && "bots".equals(segments[1]) && "botAliases".equals(segments[3])
                && "botLocales".equals(segments[5]) && "sessions".equals(segments[7]);
        if (!sessionPath) {
            return Optional.empty();
        }
        for (int i = 2; i < SESSION_SEGMENTS; i += 2) {
            if (segments[i].isEmpty()) {
                return Optional.empty();
            }
        }
        SessionKey key = new SessionKey(decode(segments[2]), decode(segments[4]), decode(segments[6]),
                decode(segments[8]));
        String suffix = segments.length == SESSION_SEGMENTS ? null : segments[SESSION_SEGMENTS];
        return operation(method, suffix).map(op -> new LexRoute(op, key));
    }

    private static Optional<LexOperation> operation(String method, String suffix) {
        if (suffix == null) {
            return switch (method) {
                case "GET" -> Optional.of(LexOperation.GET_SESSION);
                case "POST" -> Optional.of(LexOperation.PUT_SESSION);
                case "DELETE" -> Optional.of(LexOperation.DELETE_SESSION);
                default -> Optional.empty();
            };
        }
        if (!"POST".equals(method)) {
            return Optional.empty();
        }
        return switch (suffix) {
            case "text" -> Optional.of(LexOperation.RECOGNIZE_TEXT);
            case "utterance" -> Optional.of(LexOperation.RECOGNIZE_UTTERANCE);
            case "conversation" -> Optional.of(LexOperation.START_CONVERSATION);
            default -> Optional.empty();
        };
    }

    private static String decode(String segment) {
        return URIUtil.decodePath(segment);
    }
}
