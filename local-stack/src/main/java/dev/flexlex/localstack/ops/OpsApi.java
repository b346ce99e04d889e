package dev.flexlex.localstack.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flexlex.localstack.Jetty;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The operations page's JSON API under {@code /api/ops/}: {@code GET state}, {@code GET dead-letters} and
 * {@code POST dead-letters/<queue>/redrive}. An unknown queue answers 404, a redrive already running 409, an SQS
 * failure 502, each with {@code {"error": ...}}.
 */
public final class OpsApi extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(OpsApi.class);
    private static final Pattern REDRIVE = Pattern.compile("/api/ops/dead-letters/([A-Za-z0-9-]+)/redrive");

    private final OpsMonitor monitor;

    public OpsApi(OpsMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        try {
            if (method.equals("GET") && path.equals("/api/ops/state")) {
                return write(response, callback, 200, monitor.state());
            }
            if (method.equals("GET") && path.equals("/api/ops/dead-letters")) {
                return write(response, callback, 200, monitor.deadLetters());
            }
            Matcher m = REDRIVE.matcher(path);
            if (method.equals("POST") && m.matches()) {
                return write(response, callback, 200, OpsMonitor.JSON.valueToTree(monitor.queues().redrive(m.group(1))));
            }
            return error(response, callback, 404, "no " + method + " " + path);
        } catch (IllegalArgumentException e) {
            return error(response, callback, 404, e.getMessage());
        } catch (IllegalStateException e) {
            return error(response, callback, 409, e.getMessage());
        } catch (SdkException e) {
            LOG.warn("{} {}: SQS failed: {}", method, path, e.toString());
            return error(response, callback, 502, "SQS failed: " + e.getMessage());
        }
    }

    private static boolean error(Response response, Callback callback, int status, String message) {
        return write(response, callback, status, OpsMonitor.JSON.createObjectNode().put("error", message));
    }

    private static boolean write(Response response, Callback callback, int status, JsonNode body) {
        Jetty.writeJson(response, status, body.toString(), callback);
        return true;
    }
}
