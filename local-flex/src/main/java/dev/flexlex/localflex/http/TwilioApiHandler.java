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

        /**
         * The targeted fault for this request ({@code path} with its product prefix), or null; asked once per
         * authenticated request, before {@link #before}, which is not asked when a targeted fault applies.
         */
        default Injected targeted(String method, String path) {
            return null;
        }
    }

    /** A targeted fault's answer: {@code status} with {@code body} (null: Twilio's error body), or a dropped connection. */
    public record Injected(int status, String body, boolean drop, boolean afterEffect) {
    }

    /** Sees every request received, before authentication and faults. */
    public interface RequestRecorder {
        void received(String product, String method, String path, String rawQuery, String contentType,
                      String authorization, String body);
    }

    /** Thrown to answer with an injected fault. */
    private static final class InjectedFault extends RuntimeException {
        final Injected injected;

        InjectedFault(Injected injected) {
            super(null, null, false, false);
            this.injected = injected;
        }
    }

    private final Map<String, Routes> products;
    private final String accountSid;
    private final AuthTokens tokens;
    private final Object lock;
    private final FaultPolicy faults;
    private final RequestRecorder recorder;

    /** {@code tokens}: the account's primary and secondary auth tokens; either authenticates a request. */
    public TwilioApiHandler(Map<String, Routes> products, String accountSid, AuthTokens tokens, Object lock, FaultPolicy faults) {
        this(products, accountSid, tokens, lock, faults, null);
    }

    /** @param recorder sees every request (null: none recorded) */
    public TwilioApiHandler(Map<String, Routes> products, String accountSid, AuthTokens tokens, Object lock, FaultPolicy faults,
                            RequestRecorder recorder) {
        this.products = products;
        this.accountSid = accountSid;
        this.tokens = tokens;
        this.lock = lock;
        this.faults = faults;
        this.recorder = recorder;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getDecodedPath();
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        ApiResponse answer;
        try {
            answer = serve(request, method, path);
        } catch (InjectedFault e) {
            if (e.injected.drop()) {
                LOG.info("targeted fault: connection dropped for {} {}", method, path);
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                callback.failed(new java.io.IOException("local-flex targeted fault: connection dropped"));
                return true;
            }
            int status = e.injected.status();
            answer = e.injected.body() != null ? new ApiResponse(status, Json.MAPPER.readTree(e.injected.body()))
                    : error(status, status == 400 ? 20001 : 20000 + status, "local-flex targeted fault " + status);
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
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (recorder != null) {
            recorder.received(product, method, "/" + parts[2], request.getHttpURI().getQuery(), contentType,
                    request.getHeaders().get(HttpHeader.AUTHORIZATION), body == null ? "" : body);
        }
        if (!authenticated(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            LOG.info("401 for {} {}", method, path);
            throw new ApiException(401, 20003, "Authenticate");
        }
        Injected targeted = faults.targeted(method, path);
        if (targeted != null && !targeted.afterEffect()) {
            throw new InjectedFault(targeted);
        }
        int fault = targeted != null ? 0 : faults.before(product, method);
        if (fault == 400) {
            throw new ApiException(400, 20001, "Invalid parameter (local-flex fault 400)");
        }
        if (fault == 429) {
            throw new ApiException(429, 20429, "Too Many Requests");
        }
        if (fault == 500) {
            throw new ApiException(500, 20500, "Internal Server Error");
        }
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
        if (targeted != null) {
            LOG.info("targeted fault after the action for {} {}", method, path);
            throw new InjectedFault(targeted);
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
