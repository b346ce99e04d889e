package dev.flexlex.localflex.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localflex.accounts.AuthTokens;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP face of the local Flex: {@code /{product}/{version}/…} → the product's {@link Routes}, with
 * Basic auth (401, code 20003), form bodies, Twilio's error body, and the faults in force. Every endpoint
 * runs under one state lock, so concurrent calls see consistent state; webhooks leave on their own executor.
 */
public final class TwilioApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioApiHandler.class);

    /** What the fault injector decides for one call. */
    public interface FaultPolicy {
        /**
         * Sleeps any added latency, then answers 0 (no fault), 400, 429, 500, or -500 (act first, then answer 500).
         */
        int before(String product, String method);
    }

    private final Map<String, Routes> products;
    private final String accountSid;
    private final AuthTokens tokens;
    private final Object lock;
    private final FaultPolicy faults;

    /** {@code tokens}: the account's primary and secondary auth tokens; either authenticates a request. */
    public TwilioApiHandler(Map<String, Routes> products, String accountSid, AuthTokens tokens, Object lock, FaultPolicy faults) {
        this.products = products;
        this.accountSid = accountSid;
        this.tokens = tokens;
        this.lock = lock;
        this.faults = faults;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getDecodedPath();
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        ApiResponse answer;
        try {
            answer = serve(request, method, path);
        } catch (ApiException e) {
            answer = error(e.status(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("internal error serving {} {}", method, path, e);
            answer = error(500, 20500, "Internal Server Error");
        }
        response.setStatus(answer.status());
        response.getHeaders().put("Twilio-Request-Id", Sids.random("RQ"));
        if (answer.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"Twilio API\"");
        }
        if (answer.body() == null) {
            callback.succeeded();
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            Content.Sink.write(response, true, Json.write(answer.body()), callback);
        }
        return true;
    }

    private ApiResponse serve(Request request, String method, String path) throws Exception {
        String[] parts = path.split("/", 3);
        Routes routes = parts.length == 3 ? products.get(parts[1]) : null;
        if (routes == null) {
            throw ApiException.notFound(path);
        }
        String product = parts[1];
        if (!authenticated(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            LOG.info("401 for {} {}", method, path);
            throw new ApiException(401, 20003, "Authenticate");
        }
        int fault = faults.before(product, method);
        if (fault == 400) {
            throw new ApiException(400, 20001, "Invalid parameter (local-flex fault 400)");
        }
        if (fault == 429) {
            throw new ApiException(429, 20429, "Too Many Requests");
        }
        if (fault == 500) {
            throw new ApiException(500, 20500, "Internal Server Error");
        }
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (body != null && !body.isEmpty() && (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))) {
            throw new ApiException(400, 20001, "Content-Type must be application/x-www-form-urlencoded");
        }
        Map<String, List<String>> form = ApiRequest.parseUrlEncoded(body, "form body");
        Map<String, List<String>> query = ApiRequest.parseUrlEncoded(request.getHttpURI().getQuery(), "query string");
        boolean webhookEnabled = "true".equalsIgnoreCase(request.getHeaders().get("X-Twilio-Webhook-Enabled"));
        ApiRequest api = new ApiRequest(product, method, "/" + parts[2], form, query, webhookEnabled);
        ApiResponse answer;
        synchronized (lock) {
            answer = routes.dispatch(api);
        }
        if (fault == -500) {
            LOG.info("fault 500-after-action for {} {}", method, path);
            throw new ApiException(500, 20500, "Internal Server Error");
        }
        return answer;
    }

    /** HTTP Basic with the account SID and its primary or secondary auth token. */
    private boolean authenticated(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring("Basic ".length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && decoded.substring(0, colon).equals(accountSid) && tokens.authenticates(decoded.substring(colon + 1));
    }

    private static ApiResponse error(int status, int code, String message) {
        ObjectNode body = Json.object();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return new ApiResponse(status, body);
    }
}
