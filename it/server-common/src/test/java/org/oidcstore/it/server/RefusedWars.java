package org.oidcstore.it.server;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.oidcstore.it.server.ServerDeployments.VolatileTier;

/**
 * Small WARs that cannot work, one per way of being broken, each of which the server must refuse
 * while it deploys it (never on a first request). Each holds only what a user's WAR holds for the
 * store: the jars of {@code WEB-INF/lib} ({@link ServerDeployments#libs}), a {@code beans.xml} and
 * the configuration; no test class, so nothing in it but our jars could fail. The durable settings
 * come from the server ({@code oidc.store.jpa.datasource}, {@code target-server}, {@code migrate=true},
 * a pepper); each scenario changes them or adds keys. The problems of different WARs carry
 * different ids, so a server log holding several of them attributes each line to one WAR.
 */
public final class RefusedWars {
    /** Redis bundle without any {@code oidc.store.redis.*} key. */
    public static final String REDIS_WITHOUT_SETTINGS = "refused-redis-without-settings";
    /** Redis bundle, valid settings, no {@code slf4j-api} jar. */
    public static final String REDIS_WITHOUT_SLF4J = "refused-redis-without-slf4j";
    /** JPA tier on a JNDI name nothing binds. */
    public static final String UNBOUND_DATA_SOURCE = "refused-unbound-data-source";
    /** JPA tier on a data source whose schema the migration refuses. */
    public static final String MIGRATION_FAILS = "refused-migration-fails";
    /** Several configuration mistakes at once. */
    public static final String SEVERAL_PROBLEMS = "refused-several-problems";

    /** Bound by no server (a typo in the data source's name). */
    public static final String UNBOUND_JNDI = "java:app/jdbc/oidc-store-not-defined";
    /**
     * What the migration's database holds before the store is deployed: another application's table
     * and no schema history, as when the store is pointed at an existing database. Flyway refuses
     * to migrate such a schema, so the store's migration at start fails. H2 syntax, without spaces
     * (comments separate the words) so that it fits any server's configuration syntax as an
     * {@code INIT=} setting of the data source's URL.
     */
    public static final String NOT_EMPTY_H2_INIT = "CREATE/**/TABLE/**/IF/**/NOT/**/EXISTS/**/application_data(id/**/INT)";

    private static final String BEANS_XML = "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
            + " bean-discovery-mode=\"annotated\"/>\n";

    private RefusedWars() {
    }

    /** The Redis tier with the durable settings only: no connection, no password configured. */
    public static WebArchive redisWithoutSettings(Map<String, String> durable) {
        return war(REDIS_WITHOUT_SETTINGS, ServerDeployments.libs(VolatileTier.REDIS), durable);
    }

    /**
     * The Redis tier configured as {@code RedisTierIT} configures it (TLS + ACL, nothing wrong), in
     * a WAR without {@code slf4j-api}: the jar a Payara user must add (Jedis calls SLF4J).
     */
    public static WebArchive redisWithoutSlf4j(Map<String, String> durable) {
        Map<String, String> config = new LinkedHashMap<>(durable);
        config.putAll(ServerDeployments.redis("oidctest:refused:"));
        List<File> libs = ServerDeployments.libs(VolatileTier.REDIS).stream()
                .filter(f -> !f.getName().startsWith("slf4j-api")).toList();
        return war(REDIS_WITHOUT_SLF4J, libs, config);
    }

    /** The JPA tier (migrations at start) on a JNDI name nothing binds. */
    public static WebArchive unboundDataSource(Map<String, String> durable) {
        Map<String, String> config = new LinkedHashMap<>(durable);
        config.put("oidc.store.jpa.datasource", UNBOUND_JNDI);
        return war(UNBOUND_DATA_SOURCE, ServerDeployments.libs(VolatileTier.MEMORY), config);
    }

    /**
     * The JPA tier (migrations at start) on the data source of {@code durable}, which the server
     * test points at a database that holds another application's table ({@link #NOT_EMPTY_H2_INIT}).
     */
    public static WebArchive migrationFails(Map<String, String> durable) {
        return war(MIGRATION_FAILS, ServerDeployments.libs(VolatileTier.MEMORY), durable);
    }

    /**
     * Four mistakes of four kinds: a misspelt route key (the composite's routing, OIDCS-2001), a
     * pepper that is not base64 (the shared settings, 1011), a JPA setting out of range (the JPA
     * tier's check, 1205) and a memory setting out of range (the memory tier's check, 1101).
     */
    public static WebArchive severalProblems(Map<String, String> durable) {
        Map<String, String> config = new LinkedHashMap<>(durable);
        config.put("oidc.store.route.sesions", "volatile");
        config.put("oidc.store.secret-pepper", "not base64!");
        config.put("oidc.store.jpa.gc.batch-size", "0");
        config.put("oidc.store.memory.capacity", "0");
        return war(SEVERAL_PROBLEMS, ServerDeployments.libs(VolatileTier.MEMORY), config);
    }

    private static WebArchive war(String name, List<File> libs, Map<String, String> config) {
        String props = config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibraries(libs.toArray(File[]::new))
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset(props), "META-INF/microprofile-config.properties");
    }
}
