package dev.flexlex.locallex.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.flexlex.locallex.runtime.Json;
import dev.flexlex.locallex.runtime.LexErrorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The one shape of every error answer, as the AWS SDKs parse rest-json errors: the status, the error
 * name in {@code x-amzn-ErrorType} and {@code {"message": …}}. Also installed as Jetty's error handler,
 * so what Jetty itself refuses (an ambiguous URI, oversized headers) reaches clients in the same shape.
 */
public final class LexErrorResponses extends ErrorHandler {

    static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    static final String JSON = "application/json";

    static void write(Response response, Callback callback, LexErrorType type, String message) {
        response.getHeaders().put(ERROR_TYPE_HEADER, type.errorCode());
        byte[] body = body(message);
        response.setStatus(type.httpStatus());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Errors Jetty raises before a request reaches {@link LexHttpHandler}. */
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        LexErrorType type = typeFor(code);
        response.getHeaders().put(REQUEST_ID_HEADER, UUID.randomUUID().toString());
        response.getHeaders().put(ERROR_TYPE_HEADER, type.errorCode());
        byte[] body = body(describe(code, message));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Requests Jetty cannot even parse (e.g. headers over the limit); deprecated in Jetty 12.1, still called. */
    @Override
    @SuppressWarnings("removal")
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(REQUEST_ID_HEADER, UUID.randomUUID().toString());
        fields.put(ERROR_TYPE_HEADER, typeFor(status).errorCode());
        fields.put(HttpHeader.CONTENT_TYPE, JSON);
        return ByteBuffer.wrap(body(describe(status, reason)));
    }

    private static LexErrorType typeFor(int status) {
        if (status == 404 || status == 405) {
            return LexErrorType.UNKNOWN_OPERATION;
        }
        return status >= 500 ? LexErrorType.INTERNAL_SERVER : LexErrorType.VALIDATION;
    }

    private static String describe(int status, String reason) {
        return "HTTP " + status + (reason == null || reason.isBlank() ? "" : ": " + reason);
    }

    private static byte[] body(String message) {
        try {
            return Json.MAPPER.writeValueAsBytes(Json.object().put("message", message));
        } catch (JsonProcessingException e) {
            return "{\"message\":\"Internal error\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
