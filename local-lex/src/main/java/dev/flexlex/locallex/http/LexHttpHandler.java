package dev.flexlex.locallex.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.locallex.runtime.Json;
import dev.flexlex.locallex.runtime.LexErrorType;
import dev.flexlex.locallex.runtime.LexRuntimeException;
import dev.flexlex.locallex.runtime.LexRuntimeService;
import dev.flexlex.locallex.runtime.PutSessionResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's HTTP binding (rest-json, as in the service model): routes a request to its operation,
 * reads the JSON body, writes the JSON body or the header-bound members, and maps every refusal and
 * failure, in this one place, to status + {@code x-amzn-ErrorType} + {@code {"message": …}}
 * ({@link LexErrorResponses}).
 *
 * <p>Authentication is not checked: SigV4-signed requests (any credentials) and unsigned ones are served
 * alike, as the SDKs and plain HTTP clients send them.
 */
public final class LexHttpHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(LexHttpHandler.class);
    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final LexRuntimeService service;

    public LexHttpHandler(LexRuntimeService service) {
        this.service = service;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        response.getHeaders().put(LexErrorResponses.REQUEST_ID_HEADER, requestId);
        Optional<LexRoute> route = LexRoute.match(request.getMethod(), request.getHttpURI().getPath());
        try {
            if (route.isEmpty()) {
                throw new LexRuntimeException(LexErrorType.UNKNOWN_OPERATION, "No Lex V2 runtime operation at "
                        + request.getMethod() + " " + request.getHttpURI().getPath());
            }
            dispatch(route.get(), request, response, callback, requestId);
        } catch (LexRuntimeException e) {
            LOG.debug("{} requestId={} refused: {} {}", operationName(route), requestId, e.type().errorCode(),
                    e.getMessage());
            LexErrorResponses.write(response, callback, e.type(), e.getMessage());
        } catch (RuntimeException | IOException | Error e) {
            LOG.error("{} requestId={} failed", operationName(route), requestId, e);
            LexErrorResponses.write(response, callback, LexErrorType.INTERNAL_SERVER,
                    "Internal error in local-lex (request id " + requestId + "): " + e);
        }
        return true;
    }

    private void dispatch(LexRoute route, Request request, Response response, Callback callback, String requestId)
            throws IOException {
        switch (route.operation()) {
            case RECOGNIZE_TEXT -> writeJson(response, callback,
                    service.recognizeText(route.key(), readBody(request), requestId));
            case GET_SESSION -> writeJson(response, callback, service.getSession(route.key()));
            case DELETE_SESSION -> writeJson(response, callback, service.deleteSession(route.key()));
            case PUT_SESSION -> putSession(route, request, response, callback);
            case RECOGNIZE_UTTERANCE, START_CONVERSATION -> throw LexRuntimeException.validation(
                    route.operation().operationName() + " is not supported by local-lex, which serves text"
                            + " conversations only: use RecognizeText (and GetSession/PutSession/DeleteSession)");
        }
    }

    private void putSession(LexRoute route, Request request, Response response, Callback callback)
            throws IOException {
        String accept = request.getHeaders().get("ResponseContentType");
        if (accept != null && accept.startsWith("audio/")) {
            throw LexRuntimeException.validation("ResponseContentType " + accept
                    + " is not supported by local-lex: it answers text only (text/plain; charset=utf-8)");
        }
        PutSessionResult result = service.putSession(route.key(), readBody(request));
        String state = HeaderCodec.encode(result.sessionState());
        String messages = result.messages().isEmpty() ? null : HeaderCodec.encode(result.messages());
        String attributes = result.requestAttributes() == null ? null : HeaderCodec.encode(result.requestAttributes());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT_PLAIN);
        response.getHeaders().put("x-amz-lex-session-id", result.sessionId());
        response.getHeaders().put("x-amz-lex-session-state", state);
        if (messages != null) {
            response.getHeaders().put("x-amz-lex-messages", messages);
        }
        if (attributes != null) {
            response.getHeaders().put("x-amz-lex-request-attributes", attributes);
        }
        response.setStatus(200);
        response.write(true, ByteBuffer.allocate(0), callback);
    }

    private static ObjectNode readBody(Request request) throws IOException {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw LexRuntimeException.validation("Request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (body.length == 0) {
            return Json.object();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw LexRuntimeException.validation("Malformed request body: not valid JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (!(node instanceof ObjectNode object)) {
            throw LexRuntimeException.validation("Malformed request body: expected a JSON object");
        }
        return object;
    }

    private static void writeJson(Response response, Callback callback, ObjectNode body)
            throws JsonProcessingException {
        write(response, callback, 200, Json.MAPPER.writeValueAsBytes(body));
    }

    private static void write(Response response, Callback callback, int status, byte[] bytes) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, LexErrorResponses.JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private static String operationName(Optional<LexRoute> route) {
        return route.map(r -> r.operation().operationName()).orElse("UnknownOperation");
    }
}
