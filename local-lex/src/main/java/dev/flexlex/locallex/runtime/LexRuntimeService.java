package dev.flexlex.locallex.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.bot.LexBot;
import dev.flexlex.locallex.bot.TurnResult;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four text operations of the Lex V2 runtime over the loaded bots and the session store, in wire
 * shapes (request and response bodies as JSON nodes). Knows nothing of HTTP; refusals are
 * {@link LexRuntimeException}s.
 */
public final class LexRuntimeService {

    private static final Logger LOG = LoggerFactory.getLogger(LexRuntimeService.class);
    private static final String SESSION_ATTRIBUTES = "sessionAttributes";

    private final BotRegistry bots;
    private final SessionStore sessions;
    private final AliasConcurrencyLimiter limiter;
    private final ZoneId defaultTimeZone;
    private final UnknownSessionError unknownSessionError;

    public LexRuntimeService(BotRegistry bots, SessionStore sessions, AliasConcurrencyLimiter limiter,
                             ZoneId defaultTimeZone) {
        this(bots, sessions, limiter, defaultTimeZone, UnknownSessionError.RESOURCE_NOT_FOUND);
    }

    public LexRuntimeService(BotRegistry bots, SessionStore sessions, AliasConcurrencyLimiter limiter,
                             ZoneId defaultTimeZone, UnknownSessionError unknownSessionError) {
        this.bots = bots;
        this.sessions = sessions;
        this.limiter = limiter;
        this.defaultTimeZone = defaultTimeZone;
        this.unknownSessionError = unknownSessionError;
    }

    /** RecognizeText: one turn; the session changes only when the turn succeeds. */
    public ObjectNode recognizeText(SessionKey key, ObjectNode request, String requestId) {
        LexBot bot = resolve(key);
        String text = RequestValidator.text(request);
        Map<String, String> requestAttributes = RequestValidator.requestAttributes(request);
        ZoneId zone = RequestValidator.timeZone(requestAttributes, defaultTimeZone);
        ObjectNode requestedState = RequestValidator.sessionState(request);

        try (AliasConcurrencyLimiter.Permit ignored = limiter.acquire(key)) {
            Optional<SessionSnapshot> before = sessions.beginTurn(key, bot.idleSessionTtl());
            SessionSnapshot after;
            try {
                ObjectNode incoming = SessionStateMerger.merge(
                        before.map(SessionSnapshot::sessionState).orElseGet(Json::object), requestedState);
                TurnResult turn = bot.recognizeText(key.localeId(), incoming.deepCopy(), text,
                        Map.copyOf(requestAttributes), zone);
                after = snapshotOf(turn, incoming, requestId);
                sessions.completeTurn(key, after, bot.idleSessionTtl());
            } catch (RuntimeException | Error e) {
                sessions.abortTurn(key);
                throw e;
            }
            LOG.debug("RecognizeText requestId={} session={} intent={} dialogAction={}", requestId, key,
                    after.sessionState().path("intent").path("name").asText(""),
                    after.sessionState().path("dialogAction").path("type").asText(""));
            ObjectNode response = Json.object();
            if (!after.messages().isEmpty()) {
                response.set("messages", after.messages());
            }
            response.set("sessionState", wireState(after.sessionState()));
            response.set("interpretations", after.interpretations());
            if (request.hasNonNull("requestAttributes")) {
                response.set("requestAttributes", request.get("requestAttributes"));
            }
            response.put("sessionId", key.sessionId());
            return response;
        }
    }

    /**
     * GetSession: the last turn's messages, interpretations and session state. An unknown bot, alias, locale or
     * session answers {@code ResourceNotFoundException}, or {@code BadRequestException} when so configured
     * ({@link UnknownSessionError}); the message names what is unknown either way.
     */
    public ObjectNode getSession(SessionKey key) {
        SessionSnapshot snapshot;
        try {
            resolve(key);
            snapshot = sessions.get(key).orElseThrow(() -> sessionNotFound(key));
        } catch (LexRuntimeException e) {
            if (e.type() == LexErrorType.RESOURCE_NOT_FOUND && unknownSessionError == UnknownSessionError.BAD_REQUEST) {
                throw e.as(LexErrorType.BAD_REQUEST);
            }
            throw e;
        }
        ObjectNode response = Json.object();
        response.put("sessionId", key.sessionId());
        if (!snapshot.messages().isEmpty()) {
            response.set("messages", snapshot.messages());
        }
        response.set("interpretations", snapshot.interpretations());
        response.set("sessionState", wireState(snapshot.sessionState()));
        return response;
    }

    /** PutSession: the request's session state becomes the session's; its messages are echoed back. */
    public PutSessionResult putSession(SessionKey key, ObjectNode request) {
        LexBot bot = resolve(key);
        ObjectNode state = RequestValidator.sessionState(request);
        if (state == null) {
            throw LexRuntimeException.validation("1 validation error detected: Value at 'sessionState' failed"
                    + " to satisfy constraint: Member must not be null");
        }
        ArrayNode messages = RequestValidator.messages(request);
        RequestValidator.requestAttributes(request);
        state.remove(LexBot.ENGINE_MEMORY_MEMBER);
        if (!state.hasNonNull(SESSION_ATTRIBUTES)) {
            state.set(SESSION_ATTRIBUTES, Json.object());
        }
        sessions.put(key, new SessionSnapshot(state, messages, Json.array()), bot.idleSessionTtl());
        LOG.debug("PutSession session={} intent={} dialogAction={}", key,
                state.path("intent").path("name").asText(""), state.path("dialogAction").path("type").asText(""));
        JsonNode attributes = request.get("requestAttributes");
        return new PutSessionResult(key.sessionId(), state, messages,
                attributes instanceof ObjectNode object ? object : null);
    }

    /** DeleteSession: removes the session; 404 when there is none. */
    public ObjectNode deleteSession(SessionKey key) {
        resolve(key);
        if (!sessions.delete(key)) {
            throw sessionNotFound(key);
        }
        LOG.debug("DeleteSession session={}", key);
        ObjectNode response = Json.object();
        response.put("botId", key.botId());
        response.put("botAliasId", key.botAliasId());
        response.put("localeId", key.localeId());
        response.put("sessionId", key.sessionId());
        return response;
    }

    /** The state as clients see it: the stored one without the engine's private memory. */
    private static ObjectNode wireState(ObjectNode stored) {
        ObjectNode wire = stored.deepCopy();
        wire.remove(LexBot.ENGINE_MEMORY_MEMBER);
        return wire;
    }

    private LexBot resolve(SessionKey key) {
        RequestValidator.validateIds(key);
        return bots.resolve(key);
    }

    /** The stored outcome of a turn; session attributes the engine left out are carried over. */
    private static SessionSnapshot snapshotOf(TurnResult turn, ObjectNode incoming, String requestId) {
        if (turn == null || turn.sessionState() == null) {
            throw new IllegalStateException("The bot engine returned no session state");
        }
        ObjectNode state = turn.sessionState().deepCopy();
        if (!state.hasNonNull(SESSION_ATTRIBUTES)) {
            JsonNode carried = incoming.get(SESSION_ATTRIBUTES);
            state.set(SESSION_ATTRIBUTES, carried == null || carried.isNull() ? Json.object() : carried.deepCopy());
        }
        state.put("originatingRequestId", requestId);
        ArrayNode messages = turn.messages() == null ? Json.array() : turn.messages().deepCopy();
        ArrayNode interpretations = turn.interpretations() == null ? Json.array() : turn.interpretations().deepCopy();
        return new SessionSnapshot(state, messages, interpretations);
    }

    private static LexRuntimeException sessionNotFound(SessionKey key) {
        return LexRuntimeException.notFound("Session " + key.sessionId() + " was not found for bot "
                + key.botId() + " alias " + key.botAliasId() + " locale " + key.localeId());
    }
}
