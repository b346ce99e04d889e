package dev.flexlex.priming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import dev.flexlex.model.Json;
import dev.flexlex.twilio.SingleAttemptHttpClient;
import dev.flexlex.twilio.TwilioClient;
import dev.flexlex.twilio.TwilioCredentials;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A twilio-java HTTP client that never opens a connection. It builds each request as the real one does (URL, form
 * body, authorization) and answers the calls a priming run makes: fetch a conversation or channel (empty attributes),
 * post a message, list messages (none); anything else gets Twilio's 404 error.
 */
public final class CannedTwilioHttpClient extends SingleAttemptHttpClient {
    private final AtomicInteger calls = new AtomicInteger();

    /** A twilio-java client for the given (priming) credentials over a new canned HTTP client. */
    public static TwilioClient client(TwilioCredentials credentials) {
        return new TwilioClient(credentials, new CannedTwilioHttpClient());
    }

    /** How many requests it answered (tests). */
    public int calls() {
        return calls.get();
    }

    @Override
    public Response makeRequest(Request request) {
        calls.incrementAndGet();
        String url = request.constructURL().toString();
        String path = url.replaceFirst("^https://[^/]+", "").replaceFirst("\\?.*$", "");
        if (request.requiresAuthentication()) {
            request.getAuthString();
        }
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.POST) {
            request.encodeFormBody();
        }
        String[] segments = path.split("/");
        String last = segments[segments.length - 1];
        ObjectNode answer = Json.mapper().createObjectNode();
        if (method == HttpMethod.GET && last.equals("Messages")) {
            answer.putArray("messages");
            answer.putObject("meta").put("page", 0).put("page_size", 50).put("key", "messages")
                    .put("url", url).put("first_page_url", url).putNull("next_page_url").putNull("previous_page_url");
            return new Response(answer.toString(), 200);
        }
        if (method == HttpMethod.POST && last.equals("Messages")) {
            answer.put("sid", PrimingKit.MESSAGE_SID).put("account_sid", PrimingKit.ACCOUNT_SID)
                    .put("conversation_sid", segments[segments.length - 2]).put("attributes", "{}").put("index", 1);
            return new Response(answer.toString(), 201);
        }
        if (method == HttpMethod.GET && (last.startsWith("CH"))) {
            answer.put("sid", last).put("account_sid", PrimingKit.ACCOUNT_SID).put("attributes", "{}")
                    .put("state", "active").put("status", "ACTIVE");
            return new Response(answer.toString(), 200);
        }
        answer.put("code", 20404).put("message", "not a call priming makes").put("status", 404);
        return new Response(answer.toString(), 404);
    }
}
