package dev.flexlex.localflex.messaging;

import dev.flexlex.localflex.http.ApiException;
import dev.flexlex.localflex.http.ApiRequest;

import java.util.List;

/** A chat webhook's type and {@code Configuration.*} parameters, as both chat products take them when one is created. */
public record WebhookConfiguration(String type, String url, String method, List<String> filters, List<String> triggers,
                                   String flowSid) {

    /**
     * Reads the create request: {@code typeParam} ({@code Target} or {@code Type}) is {@code webhook}, {@code trigger}
     * or {@code studio}; every type but {@code studio} needs {@code Configuration.Url}.
     */
    public static WebhookConfiguration from(ApiRequest q, String typeParam) {
        String type = q.oneOf(typeParam, null, "webhook", "trigger", "studio");
        if (type == null) {
            throw ApiException.missing(typeParam);
        }
        if (!type.equals("studio") && q.param("Configuration.Url") == null) {
            throw ApiException.missing("Configuration.Url");
        }
        String method = q.httpMethod("Configuration.Method", "POST");
        return new WebhookConfiguration(type, q.param("Configuration.Url"), method, q.values("Configuration.Filters"),
                q.values("Configuration.Triggers"), q.param("Configuration.FlowSid"));
    }
}
