package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flexlex.localstack.StackInfo;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes the pages' requests: the pages and their assets, the JSON API of the webchat, the phone and the agent desk,
 * and each chat's event stream. Bad input answers 400, a failed Twilio call 502, each with {@code {"error": ...}}.
 */
final class PagesHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(PagesHandler.class);
    private static final Pattern WEBCHAT_MESSAGES = Pattern.compile("/api/webchat/chats/([A-Z]{2}[0-9a-f]{32})/messages");
    private static final Pattern EVENTS = Pattern.compile("/api/chats/([A-Z]{2}[0-9a-f]{32})/events");
    private static final Pattern RESERVATION = Pattern.compile("/api/desk/reservations/(WR[0-9a-f]{32})/(accept|reject)");
    private static final Pattern TASK = Pattern.compile("/api/desk/tasks/(WT[0-9a-f]{32})/(messages|end)");
    private static final long KEEP_ALIVE_MILLIS = 2000;

    private final StackInfo info;
    private final Webchat webchat;
    private final Phone phone;
    private final AgentDesk desk;
    private final ChatFeeds feeds;
    private final StaticPages pages = new StaticPages();
    /** The operations page's API ({@code /api/ops/...}), or null when the pages run without a stack behind them. */
    private final Handler ops;

    PagesHandler(StackInfo info, Webchat webchat, Phone phone, AgentDesk desk, ChatFeeds feeds, Handler ops) {
        this.info = info;
        this.webchat = webchat;
        this.phone = phone;
        this.desk = desk;
        this.feeds = feeds;
        this.ops = ops;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        if (path.startsWith("/api/ops/")) {
            return ops != null ? ops.handle(request, response, callback)
                    : error(response, callback, 404, "no operations API without a stack");
        }
        try {
            if (path.startsWith("/api/")) {
                return api(method, path, request, response, callback);
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                return error(response, callback, 405, "only GET serves pages");
            }
            if (path.equals("/")) {
                response.setStatus(302);
                response.getHeaders().put(HttpHeader.LOCATION, "/webchat/");
                callback.succeeded();
                return true;
            }
            StaticPages.Page page = pages.find(path);
            if (page == null) {
                return error(response, callback, 404, "no page at " + path);
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, page.contentType());
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            response.write(true, java.nio.ByteBuffer.wrap(page.bytes()), callback);
            return true;
        } catch (IllegalArgumentException e) {
            return error(response, callback, 400, e.getMessage());
        } catch (TwilioRestException e) {
            LOG.warn("{} {}: Twilio answered {} ({})", method, path, e.status(), e.code());
            return error(response, callback, 502, "Twilio API answered " + e.status() + ": " + e.getMessage());
        } catch (IOException e) {
            return error(response, callback, 400, "request body could not be read: " + e.getMessage());
        }
    }

    private boolean api(String method, String path, Request request, Response response, Callback callback) throws IOException {
        Matcher m;
        if (method.equals("GET") && path.equals("/api/config")) {
            ObjectNode out = TwilioRest.JSON.createObjectNode();
            out.put("platform", info.platform());
            ArrayNode bots = out.putArray("botNames");
            info.botNames().forEach(bots::add);
            out.set("phoneAddresses", phone.channels());
            return json(response, callback, out);
        }
        if (method.equals("GET") && path.equals("/api/phone/messages")) {
            Fields query = Request.extractQueryParameters(request);
            return json(response, callback, phone.messages(query.getValue("channel"), query.getValue("phone")));
        }
        if (method.equals("GET") && (m = EVENTS.matcher(path)).matches()) {
            return events(m.group(1), response, callback);
        }
        if (method.equals("GET") && path.equals("/api/desk/state")) {
            return json(response, callback, desk.state());
        }
        if (!method.equals("POST")) {
            return error(response, callback, path.startsWith("/api/") ? 404 : 405, "no " + method + " " + path);
        }
        JsonNode body = body(request);
        if (path.equals("/api/webchat/chats")) {
            return json(response, callback, webchat.start(text(body, "name"), text(body, "question"), text(body, "bot")));
        }
        if (path.equals("/api/phone/messages")) {
            return json(response, callback, phone.send(text(body, "channel"), text(body, "phone"), text(body, "body")));
        }
        if ((m = WEBCHAT_MESSAGES.matcher(path)).matches()) {
            webchat.send(m.group(1), text(body, "identity"), text(body, "body"), text(body, "buttonText"));
            return ok(response, callback);
        }
        if (path.equals("/api/desk/activity")) {
            desk.setActivity(text(body, "activity"));
            return ok(response, callback);
        }
        if ((m = RESERVATION.matcher(path)).matches()) {
            if (m.group(2).equals("accept")) {
                desk.accept(m.group(1));
            } else {
                desk.reject(m.group(1));
            }
            return ok(response, callback);
        }
        if ((m = TASK.matcher(path)).matches()) {
            if (m.group(2).equals("messages")) {
                String text = text(body, "body");
                if (text == null || text.isBlank() || text.length() > Webchat.MAX_BODY) {
                    throw new IllegalArgumentException("message must be 1.." + Webchat.MAX_BODY + " characters");
                }
                desk.send(m.group(1), text.strip());
            } else {
                desk.end(m.group(1));
            }
            return ok(response, callback);
        }
        return error(response, callback, 404, "no " + method + " " + path);
    }

    /** Streams a chat's feed until the page goes away (a failed write) or the server closes. */
    private boolean events(String chatSid, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        ChatFeed.Listener listener = feeds.listen(chatSid);
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                String frame = listener.next(KEEP_ALIVE_MILLIS);
                if (frame == null) {
                    if (listener.closed()) {
                        break;
                    }
                    frame = Sse.KEEP_ALIVE;
                }
                if (!frame.isEmpty()) {
                    out.write(frame.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            callback.succeeded();
        } catch (IOException e) {
            LOG.debug("event stream of chat {} ended: {}", chatSid, e.getMessage());
            callback.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } finally {
            feeds.leave(chatSid, listener);
        }
        return true;
    }

    private static JsonNode body(Request request) throws IOException {
        String text = Content.Source.asString(request, StandardCharsets.UTF_8);
        if (text == null || text.isBlank()) {
            return TwilioRest.JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = TwilioRest.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        return node;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static boolean ok(Response response, Callback callback) {
        return json(response, callback, TwilioRest.JSON.createObjectNode().put("ok", true));
    }

    private static boolean json(Response response, Callback callback, JsonNode body) {
        return write(response, callback, 200, body);
    }

    private static boolean error(Response response, Callback callback, int status, String message) {
        return write(response, callback, status, TwilioRest.JSON.createObjectNode().put("error", message));
    }

    private static boolean write(Response response, Callback callback, int status, JsonNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, body.toString(), callback);
        return true;
    }
}
