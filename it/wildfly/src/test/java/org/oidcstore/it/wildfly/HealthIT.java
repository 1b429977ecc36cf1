package org.oidcstore.it.wildfly;

import org.oidcstore.store.testsupport.OwnRedisServer;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.oidcstore.it.server.ServerDeployments;

/**
 * WildFly's MicroProfile Health (subsystem {@code microprofile-health-smallrye}, in
 * {@code standalone-microprofile.xml}; the module's other tests run on {@code standalone.xml}, which
 * has none) over the store's checks: the Redis flavour of the ready-made WAR
 * ({@code examples/status-war/wildfly-redis}: the JPA tier on {@code ExampleDS}, the Redis tier), its
 * Redis settings pointing at a redis-server of the test's own (never the shared one), in a WildFly process started here
 * ({@link WildFlyProcess}; health is served on the management interface). The WAR carries
 * {@link StoreHealthChecks} in {@code WEB-INF/classes}: WildFly does not collect the checks the
 * composite produces in {@code WEB-INF/lib}. Healthy, and the example's status endpoint routes the
 * volatile kinds to Redis; Redis stopped: {@code /health/ready}
 * says DOWN for {@code oidc-store-volatile} within the Redis timeout while {@code /health/live}
 * stays UP; Redis started again on the same port: ready again, without a restart or a redeployment.
 */
class HealthIT {
    private static final int OFFSET = 300;
    private int port;
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(1);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessFollowsRedisOutAndBackWithoutARestart() throws Exception {
        try (OwnRedisServer redis = OwnRedisServer.start()) {
            // the Redis flavour of examples/status-war/wildfly, with its Redis settings given the way an operator gives them
            WebArchive war = ServerDeployments.readyRedisWar("oidc-health.war",
                    ServerDeployments.ownRedis(redis, "oidctest:wildfly-health:"),
                    StoreHealthChecks.class); // WildFly collects checks of WEB-INF/classes only
            Path dir = Path.of(System.getProperty("jboss.home")).getParent().resolve("health-wars");
            Files.createDirectories(dir);
            Path file = dir.resolve(war.getName());
            war.as(ZipExporter.class).exportTo(file.toFile(), true);
            try (WildFlyProcess wildfly = WildFlyProcess.start("standalone-microprofile.xml", OFFSET,
                    dir.resolve("wildfly-health-base"))) {
                wildfly.deploy(file, 300);
                port = wildfly.managementPort();
                // the Redis tier starts at its first call, this probe's: until it is up, the tier is not ready
                HttpResponse<String> healthy = awaitReady();
                System.out.println("[health on WildFly] healthy: " + healthy.statusCode() + " " + healthy.body());
                assertThat(healthy.statusCode()).as(healthy.body()).isEqualTo(200);
                assertThat(healthy.body()).contains("oidc-store-durable").contains("oidc-store-volatile");
                assertThat(get("/health").statusCode()).isEqualTo(200);
                assertRedisFlavour(status());

                redis.stop();
                long started = System.nanoTime();
                HttpResponse<String> down = get("/health/ready");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.println("[health on WildFly] Redis stopped, answered in " + took.toMillis() + " ms: "
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
                System.out.println("[health on WildFly] Redis back: " + back.statusCode() + " " + back.body());
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
        System.out.println("[health on WildFly] the example's status endpoint: " + status.statusCode() + " " + status.body());
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        String body = status.body().replaceAll("\\s", "");
        assertThat(body).contains("\"kind\":\"consumed-jwt-ids\",\"tier\":\"volatile\",\"backend\":\"redis\"")
                .contains("\"kind\":\"clients\",\"tier\":\"durable\",\"backend\":\"jpa\"")
                .doesNotContain("\"backend\":\"memory\"").doesNotContain("\"records\"");
    }

    private HttpResponse<String> status() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (8080 + OFFSET) + "/oidc-health/store/status"))
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
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
