package dev.flexlex.localflex;

import dev.flexlex.localflex.http.ApiRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One REST request as the local Flex received it (recorded when the server is built with
 * {@link LocalFlexServer.Builder#recordRequests(boolean)}), before authentication and faults: what a client sent,
 * for tests that check the exact request Twilio would receive.
 *
 * @param product {@code conversations}, {@code chat}, {@code taskrouter}, {@code flex-api} or {@code accounts}
 * @param path the Twilio path, without the product prefix ({@code /v1/Conversations/CH…})
 * @param rawQuery the query string as sent (null when none)
 * @param contentType the {@code Content-Type} header (null when none)
 * @param authorization the {@code Authorization} header (null when none)
 * @param body the body as sent ({@code ""} when none)
 */
public record RecordedRequest(String product, String method, String path, String rawQuery, String contentType,
                              String authorization, String body) {
    /** {@code METHOD product/path}, e.g. {@code POST conversations/v1/Conversations/CH…/Messages}. */
    public String line() {
        return method + " " + product + path;
    }

    /** The query parameters, each with all its values in order. */
    public Map<String, List<String>> query() {
        return ApiRequest.parseUrlEncoded(rawQuery, "query string");
    }

    /** The form fields, each with its last value. */
    public Map<String, String> form() {
        Map<String, String> form = new LinkedHashMap<>();
        ApiRequest.parseUrlEncoded(body, "form body").forEach((k, v) -> form.put(k, v.get(v.size() - 1)));
        return form;
    }
}
