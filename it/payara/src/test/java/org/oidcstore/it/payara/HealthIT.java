package org.oidcstore.it.payara;

import org.oidcstore.store.testsupport.OwnRedisServer;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.oidcstore.it.server.ServerDeployments;

/**
 * Payara Micro's MicroProfile Health endpoints over the store's checks: the Redis flavour of the
 * ready-made WAR ({@code examples/status-war/payara-redis}: the JPA tier on {@code jdbc/__default},
 * the Redis tier), its Redis settings pointing at a redis-server of the test's own (never the shared
 * one), in one Payara Micro process started here. Healthy, and the example's status endpoint routes
 * the volatile kinds to Redis; Redis stopped: {@code /health/ready}
 * says DOWN for {@code oidc-store-volatile} within the Redis timeout while {@code /health/live}
 * stays UP; Redis started again on the same port: ready again, without a restart or a redeployment.
 */
class HealthIT {
    private static final int PORT = 8280;
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(1);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessFollowsRedisOutAndBackWithoutARestart() throws Exception {
        try (OwnRedisServer redis = OwnRedisServer.start()) {
            // the Redis flavour of examples/status-war/payara, with its Redis settings given the way an operator gives them
            WebArchive war = ServerDeployments.readyRedisWar("oidc-health.war",
                    ServerDeployments.ownRedis(redis, "oidctest:payara-health:"));
            Path dir = Path.of(System.getProperty("payara.tmp")).getParent().resolve("health-wars");
            Files.createDirectories(dir);
            Path file = dir.resolve(war.getName());
            war.as(ZipExporter.class).exportTo(file.toFile(), true);
            try (PayaraMicroProcess payara = PayaraMicroProcess.boot(List.of(file), PORT,
                    Path.of(System.getProperty("payara.preboot")), dir.resolve("payara-health.log"), 240)) {
                // the Redis tier starts at its first call, this probe's: until it is up, the tier is not ready
                HttpResponse<String> healthy = awaitReady();
                System.out.println("[health on Payara] healthy: " + healthy.statusCode() + " " + healthy.body());
                assertThat(healthy.statusCode()).as(healthy.body()).isEqualTo(200);
                assertThat(healthy.body()).contains("oidc-store-durable").contains("oidc-store-volatile");
                assertThat(get("/health").statusCode()).isEqualTo(200);
                assertRedisFlavour(status());

                redis.stop();
                long started = System.nanoTime();
                HttpResponse<String> down = get("/health/ready");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.println("[health on Payara] Redis stopped, answered in " + took.toMillis() + " ms: "
                        + down.statusCode() + " " + down.body());
                assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
                assertThat(down.body().replaceAll("\\s", ""))
                        .contains("\"name\":\"oidc-store-volatile\",\"status\":\"DOWN\"")
                        .contains("\"name\":\"oidc-store-durable\",\"status\":\"UP\"");
                assertThat(took).as("not ready within the timeout (a margin for a loaded machine)")
                        .isLessThan(REDIS_TIMEOUT.multipliedBy(5));
                HttpResponse<String> live = get("/health/live");
                assertThat(live.statusCode()).as("liveness never touches Redis: " + live.body()).isEqualTo(200);

                redis.startProcess();
                HttpResponse<String> back = awaitReady();
                System.out.println("[health on Payara] Redis back: " + back.statusCode() + " " + back.body());
                assertThat(back.statusCode()).as("ready again without a restart: " + back.body()).isEqualTo(200);
            }
        }
    }

    /**
     * The deployed WAR is the example's Redis flavour: its status endpoint ({@code /store/status} of
     * {@code examples/status-war}) routes every volatile kind to the Redis tier and none to memory,
     * and shows no {@code records} (Redis does not count them, so the composite counts none).
     */
    private static void assertRedisFlavour(HttpResponse<String> status) {
        System.out.println("[health on Payara] the example's status endpoint: " + status.statusCode() + " " + status.body());
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        String body = status.body().replaceAll("\\s", "");
        assertThat(body).contains("\"kind\":\"consumed-jwt-ids\",\"tier\":\"volatile\",\"backend\":\"redis\"")
                .contains("\"kind\":\"clients\",\"tier\":\"durable\",\"backend\":\"jpa\"")
                .doesNotContain("\"backend\":\"memory\"").doesNotContain("\"records\"");
    }

    private HttpResponse<String> status() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/oidc-health/store/status"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code /health/ready} until it answers 200, at most 20 s; the last answer. */
    private HttpResponse<String> awaitReady() throws Exception {
        HttpResponse<String> r = get("/health/ready");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (r.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            r = get("/health/ready");
        }
        return r;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
