package dev.flexlex.priming;

import dev.flexlex.aws.AwsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A listening socket on 127.0.0.1 that counts the connections made to it and closes each at once: point every
 * endpoint of a function at it to prove that priming opens none.
 */
public final class Tripwire implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();

    public Tripwire() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket ignored = socket.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "tripwire");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** The real SDK clients, every endpoint at this tripwire, sending through {@code http} (the canned client). */
    public AwsClients awsClientsThrough(CannedAwsHttpClient http) {
        URI endpoint = URI.create(url());
        AwsClients real = new AwsClients(Region.US_EAST_1, AwsClients.defaultCredentials(), Optional.of(endpoint),
                Optional.of(endpoint), Optional.of(endpoint));
        return real.withHttpClient(http, StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")));
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
