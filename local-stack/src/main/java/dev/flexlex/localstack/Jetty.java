package dev.flexlex.localstack;

import java.io.IOException;
import java.net.BindException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Starts the runner's small Jetty servers on 127.0.0.1 and writes their answers. */
public final class Jetty {
    private Jetty() {
    }

    /** A started server for {@code handler} on 127.0.0.1:{@code port}; a taken port fails naming the piece. */
    public static Server start(String piece, int port, int maxThreads, Handler handler) {
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 2);
        threads.setName(piece);
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(handler);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            if (e instanceof BindException || e.getCause() instanceof BindException || e instanceof IOException) {
                throw new StackStartException(piece + " could not listen on 127.0.0.1:" + port
                        + " (port taken?): " + e.getMessage(), e);
            }
            throw new StackStartException(piece + " did not start: " + e.getMessage(), e);
        }
        return server;
    }

    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping: nothing more to do with a server that would not stop
        }
    }

    /** Writes a complete answer. */
    public static void write(Response response, int status, String contentType, byte[] body, Callback callback) {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    public static void writeJson(Response response, int status, String json, Callback callback) {
        write(response, status, "application/json", json.getBytes(StandardCharsets.UTF_8), callback);
    }
}
