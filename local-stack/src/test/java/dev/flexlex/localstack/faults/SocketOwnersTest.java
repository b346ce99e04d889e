package dev.flexlex.localstack.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Loopback connections only (nothing leaves the machine); Linux's /proc is what is read. */
@EnabledOnOs(OS.LINUX)
class SocketOwnersTest {

    @Test
    void findsTheProcessHoldingTheClientEndOfAConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Process child = new ProcessBuilder("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort()
                    + "; sleep 30").start();
            try (Socket fromChild = server.accept();
                 Socket own = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                 Socket ownAccepted = server.accept()) {
                List<ProcessHandle> both = List.of(ProcessHandle.current(), child.toHandle());
                assertEquals(child.pid(), SocketOwners.owner(fromChild.getPort(), server.getLocalPort(), both));
                assertEquals(ProcessHandle.current().pid(), SocketOwners.owner(own.getLocalPort(), server.getLocalPort(), both));
                assertEquals(-1, SocketOwners.owner(fromChild.getPort(), server.getLocalPort(),
                        List.of(ProcessHandle.current())), "not among the candidates");
                assertEquals(-1, SocketOwners.owner(1, server.getLocalPort(), both), "no such connection");
            } finally {
                child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
