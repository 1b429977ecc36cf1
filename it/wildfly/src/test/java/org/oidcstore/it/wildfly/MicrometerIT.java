package org.oidcstore.it.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.oidcstore.it.server.ServerDeployments;

/**
 * The store's metrics on WildFly, which has no MicroProfile Metrics: through the composite's
 * Micrometer binding into the {@code MeterRegistry} that WildFly's micrometer subsystem gives
 * deployments, exported by the subsystem's Prometheus registry on the management interface
 * ({@code /prometheus}: {@code /metrics} is taken by WildFly's own metrics subsystem; the registry is
 * a community-stability feature, so the server runs with {@code --stability=community}). A WildFly process of the test's own ({@link WildFlyProcess}) on
 * {@code standalone.xml}, the subsystem added through the CLI, the ready-made status WAR deployed
 * with one test endpoint ({@link StoreCallsResource}); three JWT ids marked and one replayed; the
 * scrape then shows the {@code oidc_store_*} series with exactly those counts, each with WildFly's
 * {@code WF_DEPLOYMENT} label added. (WildFly's per-deployment registry forwards only its shortcut
 * methods to the exported registry: see {@code MicrometerStoreMetrics}.)
 */
class MicrometerIT {
    private static final int OFFSET = 400;
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(.*)}\\s+(\\S+)$",
            Pattern.MULTILINE);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theStoreSeriesAppearInWildFlysPrometheusRegistry() throws Exception {
        // every call timed, so that the timer's count can be compared with the calls made
        WebArchive war = ServerDeployments.readyWar("oidc-micrometer.war",
                Map.of("oidc.store.metrics.timer-sampling", "1"), StoreCallsResource.class);
        Path dir = Path.of(System.getProperty("jboss.home")).getParent().resolve("micrometer-wars");
        Files.createDirectories(dir);
        Path file = dir.resolve(war.getName());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        try (WildFlyProcess wildfly = WildFlyProcess.start("standalone.xml", OFFSET,
                dir.resolve("wildfly-micrometer-base"), "--stability=community")) {
            String configured = wildfly.cli(120, "/extension=org.wildfly.extension.micrometer:add",
                    "/subsystem=micrometer:add(exposed-subsystems=[\"*\"])",
                    "/subsystem=micrometer/registry=prometheus:add(context=/prometheus,security-enabled=false)",
                    "reload");
            System.out.println("[micrometer on WildFly] CLI: " + configured);
            wildfly.deploy(file, 300);
            String base = "http://127.0.0.1:" + (8080 + OFFSET) + "/oidc-micrometer/api/store-calls/";
            for (String id : new String[] {"a", "b", "c"}) {
                assertThat(post(base + id)).isEqualTo("marked");
            }
            assertThat(post(base + "a")).isEqualTo("replay");

            String scrape = get("http://127.0.0.1:" + wildfly.managementPort() + "/prometheus");
            Files.writeString(dir.resolve("scrape.txt"), scrape); // the whole exposition, for a reader
            System.out.println("[micrometer on WildFly] oidc_store_* series (all in " + dir.resolve("scrape.txt") + "):");
            scrape.lines().filter(l -> l.startsWith("oidc_store_")).forEach(l -> System.out.println("  " + l));
            Map<String, String> mark = tags("consumed-jwt-ids", "volatile", "memory", "operation", "mark");
            assertThat(value(scrape, "oidc_store_operations_total", with(mark, "outcome", "ok"))).isEqualTo(3);
            assertThat(value(scrape, "oidc_store_operations_total", with(mark, "outcome", "replay"))).isEqualTo(1);
            assertThat(value(scrape, "oidc_store_operation_seconds_count", mark)).isEqualTo(4);
            assertThat(value(scrape, "oidc_store_replays_total", mark)).isEqualTo(1);
            assertThat(value(scrape, "oidc_store_jti_replays_total", tags("consumed-jwt-ids", "volatile", "memory")))
                    .isEqualTo(1);
            // the ready WAR keeps sessions durable (its default posture)
            assertThat(value(scrape, "oidc_store_session_posture", tags("sessions", "durable", "jpa",
                    "posture", "durable"))).as("the posture gauge").isEqualTo(1);
            // WildFly tags every application meter with its deployment
            assertThat(value(scrape, "oidc_store_replays_total", with(mark, "WF_DEPLOYMENT", "oidc-micrometer.war")))
                    .isEqualTo(1);
            assertThat(get(base + "meters")).as("the composite is metered; the meters live in WildFly's registry")
                    .startsWith("metered=true");
        }
    }

    private static Map<String, String> tags(String kind, String tier, String backend, String... more) {
        Map<String, String> m = new HashMap<>(Map.of("kind", kind, "tier", tier, "backend", backend));
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    private static Map<String, String> with(Map<String, String> tags, String key, String value) {
        Map<String, String> m = new HashMap<>(tags);
        m.put(key, value);
        return m;
    }

    /** The value of the one sample {@code name} whose labels include {@code labels}. */
    private static double value(String scrape, String name, Map<String, String> labels) {
        Double found = null;
        Matcher m = SAMPLE.matcher(scrape);
        while (m.find()) {
            if (!m.group(1).equals(name)) {
                continue;
            }
            Map<String, String> actual = new HashMap<>();
            Matcher l = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(m.group(2));
            while (l.find()) {
                actual.put(l.group(1), l.group(2));
            }
            if (actual.entrySet().containsAll(labels.entrySet())) {
                assertThat(found).as("one sample of " + name + " with " + labels).isNull();
                found = Double.parseDouble(m.group(3));
            }
        }
        assertThat(found).as("a sample of " + name + " with " + labels + " in the scrape").isNotNull();
        return found;
    }

    private String post(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
