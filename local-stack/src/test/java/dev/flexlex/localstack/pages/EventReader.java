package dev.flexlex.localstack.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads a server-sent event stream on its own thread; each event becomes {@code {"event":..., "data":{...}}}. */
final class EventReader implements AutoCloseable {
    private final InputStream in;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    EventReader(InputStream in) {
        this.in = in;
        Thread t = new Thread(this::read, "sse-reader");
        t.setDaemon(true);
        t.start();
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String event = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ") && event != null) {
                    ObjectNode e = TwilioRest.JSON.createObjectNode();
                    e.put("event", event);
                    e.set("data", TwilioRest.JSON.readTree(line.substring(6)));
                    events.add(e);
                    event = null;
                }
            }
        } catch (IOException e) {
            // the stream was closed
        }
    }

    /** The next event matching {@code filter} within 15 s (others are skipped), or null. */
    JsonNode next(Predicate<JsonNode> filter) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            JsonNode e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && filter.test(e)) {
                return e;
            }
        }
        return null;
    }

    JsonNode nextMessage() throws InterruptedException {
        return next(e -> e.path("event").asText().equals("message"));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
