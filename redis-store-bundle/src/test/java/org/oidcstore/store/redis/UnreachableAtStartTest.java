package org.oidcstore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.StoreUnavailableException;

/** Nothing listens: every topology fails to start with StoreUnavailableException, within the timeout. */
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
        assertFailsFast(base().sentinel("m", List.of(closedPort(), closedPort())).build());
    }

    @Test
    void cluster() throws IOException {
        assertFailsFast(base().cluster(List.of(closedPort(), closedPort())).build());
    }
}
