package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.redis.support.TestServers;

/**
 * Nothing listens, or something that is not a working Redis does: every topology fails to start
 * with StoreUnavailableException within the timeout; over TLS, a peer that hangs or drops the
 * connection during the handshake is an outage too, not a TLS configuration error (OIDCS-1432,
 * pinned by SafetyFloorTest with an untrusted certificate).
 */
class UnreachableAtStartTest {
    private static final Duration TIMEOUT = Duration.ofMillis(800);

    private static URI closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("redis://127.0.0.1:" + s.getLocalPort());
        }
    }

    private static void assertFailsFast(RedisSettings s) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> RedisStores.open(s)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("OIDCS-1450");
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(ms).as("%s start failed after %d ms", s.topology(), ms).isLessThan(TIMEOUT.toMillis() + 1000);
    }

    private static RedisSettings.Builder base() {
        return RedisSettings.builder().password("x").devModeAllowPlaintext(true).timeout(TIMEOUT);
    }

    @Test
    void standalone() throws IOException {
        assertFailsFast(base().standalone(closedPort()).build());
    }

    @Test
    void sentinel() throws IOException {
        assertFailsFast(base().sentinel("m", List.of(closedPort(), closedPort())).devModeAllowNoAuth(true).build());
    }

    @Test
    void cluster() throws IOException {
        assertFailsFast(base().cluster(List.of(closedPort(), closedPort())).build());
    }

    private static RedisSettings.Builder tls(int port) {
        return RedisSettings.builder().standalone(URI.create("rediss://127.0.0.1:" + port)).password("x")
                .truststore(TestServers.truststore()).truststorePassword(TestServers.STORE_PASSWORD).timeout(TIMEOUT);
    }

    @Test
    void aTlsPeerThatAcceptsButNeverAnswersIsAnOutage() throws Exception {
        try (Peer peer = new Peer(false)) {
            assertFailsFast(tls(peer.port()).build());
            assertThat(peer.accepted()).as("the store reached the peer").isPositive();
        }
    }

    @Test
    void aTlsPeerThatDropsTheConnectionDuringTheHandshakeIsAnOutage() throws Exception {
        try (Peer peer = new Peer(true)) {
            assertFailsFast(tls(peer.port()).build());
            assertThat(peer.accepted()).as("the store reached the peer").isPositive();
        }
    }

    /** A loopback TCP peer that accepts connections and then says nothing, or closes them at once. */
    private static final class Peer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread acceptor;

        Peer(boolean closeAtOnce) throws IOException {
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        accepted.incrementAndGet();
                        if (closeAtOnce) {
                            s.close();
                        } else {
                            held.add(s);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "tls-peer-" + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket s : held) {
                s.close();
            }
            acceptor.join(5_000);
        }
    }
}
