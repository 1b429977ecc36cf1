package org.oidcstore.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.oidcstore.features.probe.Probe;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.params.ScanParams;

/**
 * The features repository in a real, headless Karaf 4.4.10 (unpacked by the build, 127.0.0.1
 * only, offline): {@code feature:install} of every feature, every bundle Active; then the composite
 * as an OSGi service configured through Configuration Admin ({@code etc/org.oidcstore.store.cfg}),
 * used by another bundle (a probe bundle assembled here) for one round trip on the memory tier,
 * then — after a configuration change that republishes the service — on Redis over TLS + ACL; an
 * invalid configuration registers no service; Karaf listens on 127.0.0.1 only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KarafFeaturesIT {
    private static final String SERVICE = "org.oidcstore.store.OidcStore";
    private static final String REDIS_PREFIX = "oidctest:karaf-it:";
    private static final Pattern BUNDLE_LINE = Pattern.compile(
            "^\\s*(\\d+)\\s*[│|]\\s*(\\w+)\\s*[│|]\\s*\\d+\\s*[│|]\\s*(\\S+)\\s*[│|]\\s*(\\S+)\\s*$");

    private Karaf karaf;
    private Path probeOutput;

    @BeforeAll
    void startKaraf() throws Exception {
        karaf = new Karaf(Path.of(System.getProperty("karaf.home")));
        karaf.configure(Path.of(System.getProperty("karaf.repo")));
        probeOutput = Path.of(System.getProperty("karaf.home"), "data", "probe");
        karaf.start();
    }

    @AfterAll
    void stopKaraf() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    @Order(1)
    void everyFeatureInstallsAndEveryBundleIsActive() throws Exception {
        String features = Path.of(System.getProperty("features.file")).toUri().toString();
        String out = karaf.run("feature:repo-add " + features,
                "feature:install oidc-store-api oidc-store-memory oidc-store-redis oidc-store-composite"
                        + " oidc-store-service",
                "feature:list -i");
        assertThat(out).as(out).doesNotContain("Error executing command").contains("oidc-store-service")
                .contains("oidc-store-redis").contains("oidc-store-memory").contains("oidc-store-composite");
        List<String[]> bundles = bundles();
        List<String> notActive = new ArrayList<>();
        for (String[] b : bundles) {
            // a fragment (Karaf's own framework extension) is Resolved, never Active
            if (!b[1].equals("Active") && !(b[1].equals("Resolved")
                    && karaf.run("bundle:headers " + b[0]).contains("Fragment-Host"))) {
                notActive.add(b[0] + " " + b[1] + " " + b[3]);
            }
        }
        assertThat(notActive).as("bundles that are not Active").isEmpty();
        List<String> names = bundles.stream().map(b -> b[3]).toList();
        assertThat(names).contains("org.oidcstore.store.api", "org.oidcstore.store.memory",
                "org.oidcstore.store.redis", "org.oidcstore.store.composite", "org.oidcstore.store.osgi",
                "redis.clients.jedis", "org.apache.felix.scr", "jakarta.enterprise.cdi-api",
                "org.eclipse.microprofile.config");
    }

    @Test
    @Order(2)
    void theServiceDoesARoundTripOnTheMemoryTier() throws Exception {
        installProbe();
        writeConfig("oidc.store.volatile-backend = memory\n"
                + "oidc.store.secret-pepper = b2lkYy1zdG9yZSBpdCB0ZXN0IHBlcHBlciAzMiBieXRlcyE=\n");
        String result = awaitProbe("backend=memory");
        assertThat(result).contains("kinds=interactions,consumed-jwt-ids,pushed-authorization-requests")
                .contains("marked=true").contains("jti-replay=refused").contains("par-consumed=true")
                .contains("par-replay=refused").doesNotContain("error=");
        assertThat(karaf.run("service:list " + SERVICE)).contains("oidc.store.volatile-backend = memory");
    }

    @Test
    @Order(3)
    void aChangedConfigurationRepublishesTheServiceOnRedisOverTlsAndAcl() throws Exception {
        String env = System.getenv("OIDC_SERVICES_DIR");
        Path truststore = Path.of(System.getProperty("oidc.test.services.dir",
                env == null || env.isBlank() ? "/tmp/oidc-store-services" : env), "redis/tls/truststore.p12");
        assertThat(truststore).as("the Redis TLS trust store; start the services with `bash .ci/services.sh start`")
                .isReadable();
        try (RedisClient admin = admin(truststore)) {
            deleteKeys(admin);
            writeConfig("oidc.store.volatile-backend = redis\n"
                    + "oidc.store.redis.uri = rediss://localhost:6390\n"
                    + "oidc.store.redis.user = oidc-app\n"
                    + "oidc.store.redis.password = app-secret\n"
                    + "oidc.store.redis.truststore = " + truststore + "\n"
                    + "oidc.store.redis.truststore-password = changeit\n"
                    + "oidc.store.redis.key-prefix = " + REDIS_PREFIX + "\n"
                    + "oidc.store.redis.timeout = PT5S\n"
                    + "oidc.store.sessions.durability = volatile\n"
                    + "oidc.store.secret-pepper = b2lkYy1zdG9yZSBpdCB0ZXN0IHBlcHBlciAzMiBieXRlcyE=\n");
            String result = awaitProbe("backend=redis");
            assertThat(result).contains("kinds=sessions,interactions,consumed-jwt-ids,pushed-authorization-requests")
                    .contains("marked=true").contains("jti-replay=refused").contains("par-consumed=true")
                    .contains("par-replay=refused").doesNotContain("error=");
            String jti = result.replaceAll(".* jti=(\\S+).*", "$1");
            List<String> keys = keys(admin);
            assertThat(keys).as("the round trip's keys in Redis").anyMatch(k -> k.startsWith(REDIS_PREFIX + "jti:"))
                    .anyMatch(k -> k.startsWith(REDIS_PREFIX + "par:")).noneMatch(k -> k.contains(jti));
            String services = karaf.run("service:list " + SERVICE);
            assertThat(services).as("the memory service was unregistered").contains("oidc.store.volatile-backend = redis")
                    .doesNotContain("oidc.store.volatile-backend = memory").doesNotContain("app-secret");
            deleteKeys(admin);
        }
    }

    @Test
    @Order(4)
    void anInvalidConfigurationRegistersNoServiceAndLogsTheProblem() throws Exception {
        writeConfig("oidc.store.volatile-backend = hazelcast\n");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!karaf.log().contains("OIDCS-2120") && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(karaf.log()).contains("OIDCS-2120");
        assertThat(karaf.run("service:list " + SERVICE)).doesNotContain("oidc.store.volatile-backend");
        Files.delete(karaf.home().resolve("etc/org.oidcstore.store.cfg"));
    }

    @Test
    @Order(5)
    void karafListensOnLoopbackOnly() throws Exception {
        List<String> listeners = new ArrayList<>();
        for (long pid : karaf.pids()) {
            listeners.addAll(Loopback.listeners(pid));
        }
        assertThat(listeners).as("listeners of the Karaf JVM").anyMatch(l -> l.endsWith(":" + Karaf.SSH_PORT))
                .allMatch(l -> l.startsWith("127.0.0.1:") || l.startsWith("::1:") || l.startsWith("::ffff:127.0.0.1:"));
    }

    /** Every bundle as {id, state, version, symbolic name}. */
    private List<String[]> bundles() throws Exception {
        List<String[]> out = new ArrayList<>();
        for (String line : karaf.run("bundle:list -t 0 -s").split("\\R")) {
            Matcher m = BUNDLE_LINE.matcher(line);
            if (m.matches()) {
                out.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
            }
        }
        assertThat(out).as("bundle:list output").hasSizeGreaterThan(30);
        return out;
    }

    private void writeConfig(String properties) throws IOException {
        Path cfg = karaf.home().resolve("etc/org.oidcstore.store.cfg");
        Path tmp = karaf.home().resolve("data/org.oidcstore.store.cfg.tmp");
        Files.writeString(tmp, properties);
        Files.move(tmp, cfg, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits for a probe result containing {@code marker}, newer than any seen before. */
    private String awaitProbe(String marker) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (Files.isDirectory(probeOutput)) {
                try (Stream<Path> files = Files.list(probeOutput)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
                        String text = Files.readString(f);
                        if (text.contains(marker)) {
                            Files.delete(f);
                            return text;
                        }
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no probe result with " + marker + " within 60 s; services: "
                + karaf.run("service:list " + SERVICE) + "\nlog tail:\n" + tail(karaf.log()));
    }

    private static String tail(String log) {
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }

    /** Assembles the probe bundle from the compiled test classes and installs it, started. */
    private void installProbe() throws Exception {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.oidcstore.features.probe");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", Probe.class.getName());
        a.putValue("Import-Package", "org.oidcstore.store;version=\"[1.0,2)\",org.osgi.framework,org.osgi.util.tracker");
        a.putValue("Oidc-Probe-Output", probeOutput.toString());
        Path jar = karaf.home().resolve("data/oidc-probe.jar");
        Path classes = Path.of(System.getProperty("probe.classes"));
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, mf);
                Stream<Path> files = Files.walk(classes.resolve("org/oidcstore/features/probe"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                jos.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                jos.write(Files.readAllBytes(f));
                jos.closeEntry();
            }
        }
        String out = karaf.run("bundle:install -s " + jar.toUri());
        assertThat(out).as(out).contains("Bundle ID");
    }

    private static RedisClient admin(Path truststore) {
        URI uri = URI.create("rediss://localhost:6390");
        RedisClient c = RedisClient.builder().hostAndPort(new HostAndPort(uri.getHost(), uri.getPort()))
                .clientConfig(DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2).user("oidc-admin")
                        .password("admin-secret").timeoutMillis(5000)
                        .sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL)
                                .truststore(truststore.toFile(), "changeit".toCharArray()).trustStoreType("PKCS12")
                                .build())
                        .build())
                .build();
        try {
            c.ping();
        } catch (RuntimeException e) {
            c.close();
            throw new AssertionError("Redis (TLS + ACL) at " + uri + " is not reachable; start the services with"
                    + " `bash .ci/services.sh start`", e);
        }
        return c;
    }

    private static List<String> keys(RedisClient admin) {
        List<String> out = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            var r = admin.scan(cursor, new ScanParams().match(REDIS_PREFIX + "*").count(1000));
            out.addAll(r.getResult());
            cursor = r.getCursor();
        } while (!"0".equals(cursor));
        return out;
    }

    private static void deleteKeys(RedisClient admin) {
        keys(admin).forEach(admin::del);
    }
}
