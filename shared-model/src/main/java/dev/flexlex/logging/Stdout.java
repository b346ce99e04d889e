package dev.flexlex.logging;

import java.io.PrintStream;

/** Writes whole lines to the current {@code System.out}: the log lines and the metric lines share the stream. */
public final class Stdout {
    private Stdout() {
    }

    /** One line, never interleaved with another thread's. */
    public static void line(String line) {
        PrintStream out = System.out;
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
