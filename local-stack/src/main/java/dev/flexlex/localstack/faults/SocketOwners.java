package dev.flexlex.localstack.faults;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which local process holds the client end of a TCP connection to one of our servers, read from Linux's
 * {@code /proc}: the socket whose local port is the connection's remote port and whose remote port is our
 * server's port gives an inode in {@code /proc/net/tcp} or {@code tcp6}, and the process holding that inode has
 * {@code socket:[inode]} among its {@code /proc/<pid>/fd} links. Linux only (elsewhere: not found).
 */
public final class SocketOwners {
    private SocketOwners() {
    }

    /** The pid among {@code candidates} holding the client end of {@code clientPort -> serverPort}, or -1. */
    public static long owner(int clientPort, int serverPort, Collection<ProcessHandle> candidates) {
        String inode = inode(clientPort, serverPort);
        if (inode == null) {
            return -1;
        }
        String link = "socket:[" + inode + "]";
        for (ProcessHandle candidate : candidates) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(candidate.pid()), "fd"))) {
                for (Path fd : fds) {
                    try {
                        if (Files.readSymbolicLink(fd).toString().equals(link)) {
                            return candidate.pid();
                        }
                    } catch (IOException e) {
                        // the descriptor closed meanwhile
                    }
                }
            } catch (IOException e) {
                // the process exited meanwhile, or not Linux
            }
        }
        return -1;
    }

    private static String inode(int clientPort, int serverPort) {
        String local = ":" + hexPort(clientPort);
        String remote = ":" + hexPort(serverPort);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(local) && f[2].endsWith(remote)) {
                        return f[9];
                    }
                }
            } catch (IOException e) {
                // no such table (IPv6 off, or not Linux)
            }
        }
        return null;
    }

    private static String hexPort(int port) {
        return String.format(Locale.ROOT, "%04X", port);
    }
}
