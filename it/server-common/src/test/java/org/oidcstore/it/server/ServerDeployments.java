package org.oidcstore.it.server;

import org.oidcstore.store.testsupport.OwnRedisServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.oidcstore.it.server.json.JsonApplication;
import org.oidcstore.it.server.json.TokenResource;
import org.oidcstore.it.server.json.TokenResponse;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/**
 * The WARs deployed to the servers, built the way a user builds one: our bundle jars and their
 * runtime dependencies in {@code WEB-INF/lib} (the module copies them to {@code oidc.it.war-libs},
 * without the APIs the server provides and without Narayana/Agroal), a {@code beans.xml}, and the
 * configuration in {@code WEB-INF/classes/META-INF/microprofile-config.properties}. A WAR carries
 * exactly one volatile backend: both would fail the deployment (OIDCS-2070).
 */
public final class ServerDeployments {
    /** 32 bytes, base64: the pepper of every server deployment (test value, not a secret). */
    public static final String PEPPER = "b2lkYy1zdG9yZSBpdCB0ZXN0IHBlcHBlciAzMiBieXRlcyE=";
    public static final String START_HINT = "start them with `bash .ci/services.sh start`";

    /** The volatile backend a WAR carries. */
    public enum VolatileTier {
        MEMORY("redis-store-bundle"), REDIS("memory-store-bundle");

        private final String excluded;

        VolatileTier(String excluded) {
            this.excluded = excluded;
        }
    }

    private ServerDeployments() {
    }

    /** The jars of {@code WEB-INF/lib} for {@code tier}. */
    public static List<File> libs(VolatileTier tier) {
        String dir = System.getProperty("oidc.it.war-libs");
        File[] all = dir == null ? null : new File(dir).listFiles((d, n) -> n.endsWith(".jar"));
        if (all == null || all.length == 0) {
            throw new IllegalStateException("no jars in oidc.it.war-libs=" + dir + " (the build copies them)");
        }
        return Arrays.stream(all).filter(f -> !f.getName().startsWith(tier.excluded))
                .sorted(Comparator.comparing(File::getName)).toList();
    }

    public static WebArchive war(String name, VolatileTier tier, Map<String, String> config, Class<?>... classes) {
        String props = config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        return ShrinkWrap.create(WebArchive.class, name)
                .addAsLibraries(libs(tier).toArray(File[]::new))
                .addClasses(classes)
                .addClasses(ClusterWriter.class, Listeners.class, Samples.class, MutableClock.class)
                // the application's own JSON endpoint (CompositeOnServerTests checks its output)
                .addClasses(JsonApplication.class, TokenResource.class, TokenResponse.class)
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\""
                        + " version=\"4.0\" bean-discovery-mode=\"annotated\"/>\n"), "beans.xml")
                .addAsResource(new StringAsset(props), "META-INF/microprofile-config.properties");
    }

    /**
     * The ready-made WAR that {@code examples/status-war} builds for this server (the module copies
     * it to {@code oidc.it.ready-war}), unchanged, renamed {@code name}, with the test classes added
     * and the pepper in a config jar of its own ({@code WEB-INF/lib/oidc-it-config.jar}: the WAR
     * holds no pepper, an operator gives it through the environment). Its own
     * {@code microprofile-config.properties} (the server's default data source, migrations at start)
     * and {@code beans.xml} are the ones deployed.
     */
    public static WebArchive readyWar(String name, Class<?>... classes) {
        return readyWar(name, Map.of(), classes);
    }

    /** {@link #readyWar(String, Class...)} with {@code config} added to the config jar (next to the pepper). */
    public static WebArchive readyWar(String name, Map<String, String> config, Class<?>... classes) {
        return fromReadyWar("oidc.it.ready-war", name, config)
                .addClasses(classes)
                .addClasses(ClusterWriter.class, Listeners.class, Samples.class, MutableClock.class, StatusEndpoint.class)
                .addClasses(JsonApplication.class, TokenResource.class, TokenResponse.class);
    }

    /**
     * The Redis flavour of the ready-made WAR ({@code examples/status-war/<server>-redis}, copied to
     * {@code oidc.it.ready-war-redis}), unchanged, renamed {@code name}, with {@code classes} and
     * nothing else added but the config jar: the pepper and {@code redisConfig} (the Redis
     * connection, which the WAR leaves to the operator's environment), as an operator would give
     * them. No test class unless {@code classes} names one.
     */
    public static WebArchive readyRedisWar(String name, Map<String, String> redisConfig, Class<?>... classes) {
        return fromReadyWar("oidc.it.ready-war-redis", name, redisConfig).addClasses(classes);
    }

    /**
     * The WAR at the path in system property {@code property}, renamed {@code name}, plus
     * {@code WEB-INF/lib/oidc-it-config.jar} with the pepper and {@code config}. The jar's
     * {@code config_ordinal} is 150 (the WAR's own file has the default 100, the environment 300),
     * and none of its keys may already be in the WAR's own file: an override supplied by the test
     * never silently loses to, or shadows, what the example ships.
     */
    private static WebArchive fromReadyWar(String property, String name, Map<String, String> config) {
        String path = System.getProperty(property);
        File file = path == null ? null : new File(path);
        if (file == null || !file.isFile()) {
            throw new IllegalStateException("no ready-made WAR at " + property + "=" + path + " (the build copies it)");
        }
        WebArchive ready = ShrinkWrap.createFromZipFile(WebArchive.class, file);
        Map<String, String> added = new LinkedHashMap<>();
        added.put("config_ordinal", "150");
        added.put("oidc.store.secret-pepper", PEPPER);
        added.putAll(config);
        Node own = ready.get("WEB-INF/classes/META-INF/microprofile-config.properties");
        if (own == null) {
            throw new IllegalStateException(file + " has no WEB-INF/classes/META-INF/microprofile-config.properties");
        }
        Properties shipped = new Properties();
        try (InputStream in = own.getAsset().openStream()) {
            shipped.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> both = added.keySet().stream().filter(shipped::containsKey).toList();
        if (!both.isEmpty()) {
            throw new IllegalStateException(file + " already sets " + both + ": the test would shadow the example's value");
        }
        String props = added.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        JavaArchive jar = ShrinkWrap.create(JavaArchive.class, "oidc-it-config.jar")
                .addAsResource(new StringAsset(props), "META-INF/microprofile-config.properties");
        return ShrinkWrap.create(WebArchive.class, name).merge(ready).addAsLibrary(jar);
    }

    /**
     * The Redis keys of a deployment on {@code redis}, a server of the test's own (plaintext on
     * 127.0.0.1, a password, a one-second timeout so that an outage shows quickly).
     */
    public static Map<String, String> ownRedis(OwnRedisServer redis, String keyPrefix) {
        return Map.of("oidc.store.redis.uri", "redis://127.0.0.1:" + redis.port(),
                "oidc.store.redis.password", OwnRedisServer.PASSWORD,
                "oidc.store.redis.dev-mode-allow-plaintext", "true", "oidc.store.redis.timeout", "PT1S",
                "oidc.store.redis.key-prefix", keyPrefix);
    }

    /** The Redis keys of a deployment over TLS + ACL (the services script's app user, its CA). */
    public static Map<String, String> redis(String keyPrefix) {
        String env = System.getenv("OIDC_SERVICES_DIR");
        String services = System.getProperty("oidc.test.services.dir",
                env == null || env.isBlank() ? "/tmp/oidc-store-services" : env);
        File truststore = new File(services, "redis/tls/truststore.p12");
        if (!truststore.canRead()) {
            throw new AssertionError("the Redis TLS trust store " + truststore + " does not exist; " + START_HINT);
        }
        return Map.of("oidc.store.redis.uri", System.getProperty("oidc.it.redis.uri", "rediss://localhost:6390"),
                "oidc.store.redis.user", "oidc-app", "oidc.store.redis.password", "app-secret",
                "oidc.store.redis.truststore", truststore.getAbsolutePath(),
                "oidc.store.redis.truststore-password", "changeit", "oidc.store.redis.key-prefix", keyPrefix,
                "oidc.store.redis.timeout", "PT5S");
    }
}
