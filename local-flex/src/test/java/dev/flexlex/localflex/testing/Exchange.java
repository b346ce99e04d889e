package dev.flexlex.localflex.testing;

import java.util.List;
import java.util.Map;

/** One recorded REST call: what twilio-java sent (path without the product prefix) and what came back. */
public record Exchange(String product, String method, String path, String query, Map<String, List<String>> headers,
                       String contentType, String requestBody, int status, String responseBody) {
}
