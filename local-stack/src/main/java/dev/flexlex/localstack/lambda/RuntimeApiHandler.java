package dev.flexlex.localstack.lambda;

import dev.flexlex.localstack.Jetty;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lambda's Runtime API (version 2018-06-01), as the runtime interface client calls it:
 * {@code GET /runtime/invocation/next}, {@code POST /runtime/invocation/{id}/response},
 * {@code POST /runtime/invocation/{id}/error} and {@code POST /runtime/init/error}, each under the instance's
 * path prefix ({@code /i<n>}).
 */
final class RuntimeApiHandler extends Handler.Abstract {
    private static final Pattern PATH = Pattern.compile("^/i(\\d+)/2018-06-01/runtime/(.+)$");
    private static final Pattern INVOCATION = Pattern.compile("^invocation/([^/]+)/(response|error)$");

    private final InstanceLauncher launcher;
    private final InvocationDispatcher dispatcher;
    private final String functionArn;

    RuntimeApiHandler(InstanceLauncher launcher, InvocationDispatcher dispatcher, String functionArn) {
        this.launcher = launcher;
        this.dispatcher = dispatcher;
        this.functionArn = functionArn;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Matcher path = PATH.matcher(request.getHttpURI().getPath());
        HandlerInstance instance = path.matches() ? launcher.instance(Integer.parseInt(path.group(1))) : null;
        if (instance == null) {
            Jetty.writeJson(response, 404, "{\"errorType\":\"InvalidRequest\",\"errorMessage\":\"unknown path\"}", callback);
            return true;
        }
        String resource = path.group(2);
        String method = request.getMethod();
        if (method.equals("GET") && resource.equals("invocation/next")) {
            next(instance, response, callback);
            return true;
        }
        if (method.equals("POST") && resource.equals("init/error")) {
            launcher.initFailed(instance, errorText(request));
            Jetty.writeJson(response, 202, "{\"status\":\"OK\"}", callback);
            return true;
        }
        Matcher invocation = INVOCATION.matcher(resource);
        if (method.equals("POST") && invocation.matches()) {
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            boolean known = dispatcher.respond(invocation.group(1), invocation.group(2).equals("response")
                    ? InvokeResult.response(body) : InvokeResult.error(errorType(request), body));
            if (known) {
                Jetty.writeJson(response, 202, "{\"status\":\"OK\"}", callback);
            } else {
                Jetty.writeJson(response, 400, "{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"unknown request id\"}",
                        callback);
            }
            return true;
        }
        Jetty.writeJson(response, 404, "{\"errorType\":\"InvalidRequest\",\"errorMessage\":\"unknown path\"}", callback);
        return true;
    }

    private void next(HandlerInstance instance, Response response, Callback callback) throws InterruptedException {
        InvocationDispatcher.Taken taken = dispatcher.next(instance);
        if (taken == null) {
            Jetty.writeJson(response, 500, "{\"errorType\":\"ServiceUnavailable\",\"errorMessage\":\"stopping\"}", callback);
            return;
        }
        var headers = response.getHeaders();
        PendingInvocation invocation = taken.event();
        headers.put("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(taken.deadlineEpochMillis()));
        headers.put("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.put("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + invocation.requestId.replace("-", "").substring(0, 24) + ";Sampled=0");
        Jetty.writeJson(response, 200, invocation.payload, callback);
    }

    private static String errorType(Request request) {
        String type = request.getHeaders().get("Lambda-Runtime-Function-Error-Type");
        return type == null ? "Unhandled" : type;
    }

    private static String errorText(Request request) throws Exception {
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        return errorType(request) + " " + (body.length() > 2000 ? body.substring(0, 2000) : body);
    }
}
