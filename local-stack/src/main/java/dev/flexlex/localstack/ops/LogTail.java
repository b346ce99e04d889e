package dev.flexlex.localstack.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the handler JVMs' log files ({@code <function>-<instance>.log}: each JVM's stdout and stderr, which the
 * stack appends to across runs) the way a log agent ships them: every {@link #POLL_MILLIS} it reads the lines
 * appended since the last look and hands each complete line, with its function, to the listener. Files that were
 * there when the tail started are read from their end then (earlier runs' lines are not this run's); files that
 * appear later from their start.
 */
public final class LogTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogTail.class);
    static final long POLL_MILLIS = 250;
    private static final Pattern FILE = Pattern.compile("(.+)-(\\d+)\\.log");

    /** Receives each complete line of a function's log. */
    public interface LineListener {
        void line(String function, String line);
    }

    private final Path dir;
    private final LineListener listener;
    private final Map<Path, Position> positions = new HashMap<>();
    private final ScheduledExecutorService poller;

    private record Position(long offset, byte[] partial) {
    }

    private LogTail(Path dir, LineListener listener) {
        this.dir = dir;
        this.listener = listener;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ops-log-tail");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts following {@code dir}; the files there now are read from their current end. */
    public static LogTail start(Path dir, LineListener listener) {
        LogTail tail = new LogTail(dir, listener);
        for (Path file : tail.files()) {
            try {
                tail.positions.put(file, new Position(Files.size(file), new byte[0]));
            } catch (IOException e) {
                LOG.debug("log file {} not sized: {}", file, e.toString());
            }
        }
        tail.poller.scheduleWithFixedDelay(tail::readAll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return tail;
    }

    /** Reads what was appended to every log file since the last call (the poller calls it; tests may too). */
    synchronized void readAll() {
        for (Path file : files()) {
            Matcher m = FILE.matcher(file.getFileName().toString());
            if (m.matches()) {
                read(file, m.group(1));
            }
        }
    }

    private void read(Path file, String function) {
        Position at = positions.getOrDefault(file, new Position(0, new byte[0]));
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            return;
        }
        if (length == at.offset()) {
            return; // most files, most of the time: one stat, no open
        }
        if (length < at.offset()) {
            at = new Position(0, new byte[0]);
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(at.offset());
            byte[] added = new byte[(int) Math.min(length - at.offset(), 8 << 20)];
            in.readFully(added);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            line.write(at.partial());
            for (byte b : added) {
                if (b == '\n') {
                    deliver(function, line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
            positions.put(file, new Position(at.offset() + added.length, line.toByteArray()));
        } catch (IOException e) {
            LOG.debug("log file {} not read: {}", file, e.toString());
        }
    }

    private void deliver(String function, String line) {
        try {
            listener.line(function, line);
        } catch (RuntimeException e) {
            LOG.warn("a log line of {} could not be read: {}", function, e.toString());
        }
    }

    private java.util.List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            return java.util.List.of();
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
