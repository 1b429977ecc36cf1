package org.oidcstore.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The features repository in one real, headless Karaf 4.4.10 (unpacked by the build, 127.0.0.1
 * only, offline), booted once for the whole stage. The OSGi service alone installs without the
 * durable tier and does a round trip on the memory tier (used by another bundle, a probe assembled
 * by {@link KarafProbe}); a durable configuration then asks for the JPA feature. {@code
 * feature:install} of the whole store leaves every bundle Active; over JPA on MariaDB plus Redis
 * over TLS + ACL the probe runs the provider flow and a rolled-back cluster write, checked in the
 * database; a configuration update moves the service to PostgreSQL and closes the MariaDB pool;
 * an invalid configuration registers nothing and logs every problem but no password; Karaf listens
 * on 127.0.0.1 only; uninstalling the features leaves no thread of ours and no connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KarafFeaturesIT {
    static final String SERVICE = "org.oidcstore.store.OidcStore";
    static final String PEPPER = "b2lkYy1zdG9yZSBpdCB0ZXN0IHBlcHBlciAzMiBieXRlcyE=";
    /** Every feature of the repository: installing them together is the "whole store". */
    static final String ALL_FEATURES = "oidc-store-api oidc-store-memory oidc-store-redis oidc-store-composite"
            + " oidc-store-service oidc-store-jta oidc-store-jpa oidc-store-jdbc-h2 oidc-store-jdbc-mariadb"
            + " oidc-store-jdbc-postgresql oidc-store";
    /** A password that must never reach Karaf's log (it is in a configuration that fails). */
    private static final String WRONG_DB_PASSWORD = "never-logged-db-pw-7f3a";
    private static final Pattern BUNDLE_LINE = Pattern.compile(
            "^\\s*(\\d+)\\s*[│|]\\s*(\\w+)\\s*[│|]\\s*\\d+\\s*[│|]\\s*(\\S+)\\s*[│|]\\s*(\\S+)\\s*$");

    private Karaf karaf;
    private KarafProbe probe;

    @BeforeAll
    void startKaraf() throws Exception {
        assertThat(RedisKeys.truststore()).as("the Redis TLS trust store; start the services with"
                + " `bash .ci/services.sh start`").isReadable();
        Databases.prepare();
        karaf = new Karaf(Path.of(System.getProperty("karaf.home")));
        karaf.configure(Path.of(System.getProperty("karaf.repo")));
        karaf.start();
        probe = new KarafProbe(karaf);
    }

    @AfterAll
    void stopKaraf() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    @Order(1)
    void theServiceAloneInstallsWithoutAnyBundleOfTheDurableTier() throws Exception {
        String features = Path.of(System.getProperty("features.file")).toUri().toString();
        String out = karaf.run("feature:repo-add " + features, "feature:install oidc-store-service");
        assertThat(out).as(out).doesNotContain("Error executing command");
        List<String[]> bundles = bundles();
        assertThat(bundles).as("bundles").anyMatch(b -> b[3].equals("org.oidcstore.store.osgi") && b[1].equals("Active"))
                .noneMatch(b -> b[3].equals("org.oidcstore.store.jpa") || b[3].equals("org.jboss.narayana.jta"));
    }

    @Test
    @Order(2)
    void theServiceDoesARoundTripOnTheMemoryTierAndAsksForTheJpaFeatureWhenADurableTierIsConfigured()
            throws Exception {
        probe.install();
        writeConfig("oidc.store.volatile-backend = memory\noidc.store.secret-pepper = " + PEPPER + "\n");
        String result = probe.await("backend=memory");
        assertThat(result).contains("durable=none")
                .contains("kinds=interactions,consumed-jwt-ids,pushed-authorization-requests")
                .contains("marked=true").contains("jti-replay=refused").contains("par-consumed=true")
                .contains("par-replay=refused").doesNotContain("error=");
        assertThat(karaf.run("service:list " + SERVICE)).contains("oidc.store.volatile-backend = memory");

        writeConfig(durableConfig(Databases.mariadbUrl(), "mariadb", Databases.password("mariadb")));
        awaitLog("OIDCS-2135");
        assertThat(karaf.run("service:list " + SERVICE)).doesNotContain("oidc.store.volatile-backend");
        Files.delete(karaf.home().resolve("etc/org.oidcstore.store.cfg"));
    }

    @Test
    @Order(3)
    void theWholeStoreInstallsAndEveryBundleIsActive() throws Exception {
        String out = karaf.run("feature:install " + ALL_FEATURES, "feature:list -i");
        assertThat(out).as(out).doesNotContain("Error executing command");
        for (String f : ALL_FEATURES.split(" ")) {
            assertThat(out).as(out).containsPattern("(?m)^" + f + "\\s");
        }
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
                "org.oidcstore.store.jpa", "redis.clients.jedis", "org.apache.felix.scr", "jakarta.enterprise.cdi-api",
                "org.eclipse.microprofile.config", "jakarta.persistence-api", "jakarta.transaction-api",
                "org.eclipse.persistence.jpa", "org.jboss.narayana.jta", "io.agroal.pool", "com.h2database",
                "mariadb-java-client", "org.postgresql.jdbc");
        // the exact bundle set, for features/README.md
        bundles.forEach(b -> System.out.println("bundle " + b[0] + " " + b[3] + " " + b[2]));
    }

    @Test
    @Order(4)
    void overJpaOnMariaDbAndRedisTheProviderFlowRunsAndARolledBackClusterWriteLeavesNothing() throws Exception {
        try (RedisKeys redis = RedisKeys.connect()) {
            redis.deleteAll();
            writeConfig(durableConfig(Databases.mariadbUrl(), "mariadb", Databases.password("mariadb")));
            String result = probe.await("durable=jpa");
            assertFlow(result, "mariadb");
            String jti = KarafProbe.value(result, "jti");
            assertThat(redis.keys()).as("the round trip's keys in Redis")
                    .anyMatch(k -> k.startsWith(RedisKeys.PREFIX + "jti:"))
                    .anyMatch(k -> k.startsWith(RedisKeys.PREFIX + "par:")).noneMatch(k -> k.contains(jti));
            String services = karaf.run("service:list " + SERVICE);
            assertThat(services).contains("oidc.store.volatile-backend = redis")
                    .contains("oidc.store.durable-backend = jpa").doesNotContain("oidc.store.volatile-backend = memory")
                    .doesNotContain("app-secret").doesNotContain("jdbc:");
            redis.deleteAll();
        }
        assertThat(Databases.poolConnections("mariadb")).as("the pool's connections to MariaDB").isPositive();
    }

    @Test
    @Order(5)
    void aConfigurationUpdateRecreatesTheServiceOnPostgreSqlAndClosesTheMariaDbPool() throws Exception {
        List<String> before = karaf.ourThreads();
        writeConfig(durableConfig(Databases.pgUrl(), "pg", Databases.password("pg")));
        String result = probe.await("durable=jpa");
        assertFlow(result, "pg");
        awaitNoConnections("mariadb");
        // one pool, one GC schedule, one reaper: the old service's are gone, none doubled
        List<String> after = awaitThreads(t -> count(t, "agroal-") <= count(before, "agroal-")
                && count(t, "oidc-store-gc") == 1 && count(t, "Transaction Reaper") <= count(before, "Transaction Reaper"));
        assertThat(count(after, "agroal-")).as("pool threads after the update: %s (before: %s)", after, before)
                .isLessThanOrEqualTo(count(before, "agroal-"));
        assertThat(count(after, "oidc-store-gc")).as("GC threads after the update: %s", after).isEqualTo(1);
        assertThat(Databases.poolConnections("pg")).as("the pool's connections to PostgreSQL").isPositive();
    }

    @Test
    @Order(6)
    void aBadConfigurationRegistersNothingLeavesNothingOpenAndLogsEveryProblemButNoPassword() throws Exception {
        writeConfig("oidc.store.volatile-backend = hazelcast\n"
                + "oidc.store.durable-backend = jpa\n"
                + "oidc.store.jpa.url = " + Databases.pgUrl() + "\n"
                + "oidc.store.jpa.user = " + Databases.user("pg") + "\n"
                + "oidc.store.jpa.password = " + WRONG_DB_PASSWORD + "\n"
                + "oidc.store.jpa.pool-size = 0\n"
                + "oidc.store.jpa.narayana.node-identifier = a-node-name-longer-than-narayana-allows\n"
                + "oidc.store.route.sesions = volatile\n");
        awaitLog("OIDCS-2120");
        assertThat(karaf.log()).contains("OIDCS-2120").contains("OIDCS-1204").contains("OIDCS-2133")
                .contains("OIDCS-2001").doesNotContain(WRONG_DB_PASSWORD).doesNotContain("app-secret");
        assertThat(karaf.run("service:list " + SERVICE)).doesNotContain("oidc.store.volatile-backend");
        awaitNoConnections("pg");
        assertThat(awaitThreads(List::isEmpty)).as("threads of ours while no service runs").isEmpty();

        // valid, but MariaDB refuses the password (the test PostgreSQL trusts loopback logins): the
        // store cannot open, and nothing stays open
        int unavailable = occurrences(karaf.log(), "StoreUnavailableException");
        writeConfig(durableConfig(Databases.mariadbUrl(), "mariadb", WRONG_DB_PASSWORD));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (occurrences(karaf.log(), "StoreUnavailableException") == unavailable && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(occurrences(karaf.log(), "StoreUnavailableException")).as("the refused login in Karaf's log")
                .isGreaterThan(unavailable);
        assertThat(karaf.log()).doesNotContain(WRONG_DB_PASSWORD);
        assertThat(karaf.run("service:list " + SERVICE)).doesNotContain("oidc.store.volatile-backend");
        awaitNoConnections("mariadb");
        assertThat(awaitThreads(List::isEmpty)).as("threads of ours after the failed start").isEmpty();
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    @Order(7)
    void karafListensOnLoopbackOnly() throws Exception {
        List<String> listeners = new ArrayList<>();
        for (long pid : karaf.pids()) {
            listeners.addAll(Loopback.listeners(pid));
        }
        assertThat(listeners).as("listeners of the Karaf JVM").anyMatch(l -> l.endsWith(":" + Karaf.SSH_PORT))
                .allMatch(l -> l.startsWith("127.0.0.1:") || l.startsWith("::1:") || l.startsWith("::ffff:127.0.0.1:"));
    }

    @Test
    @Order(8)
    void uninstallingTheFeaturesWhileTheServiceRunsLeavesNoThreadOfOursAndNoConnection() throws Exception {
        writeConfig(durableConfig(Databases.pgUrl(), "pg", Databases.password("pg")));
        assertFlow(probe.await("durable=jpa"), "pg");
        assertThat(karaf.ourThreads()).as("threads of ours while the service runs").isNotEmpty();
        probe.uninstall();
        String out = karaf.run("feature:uninstall " + ALL_FEATURES, "feature:list -i");
        assertThat(out).as(out).doesNotContain("Error executing command").doesNotContain("oidc-store");
        assertThat(bundles()).as("bundles left").noneMatch(b -> b[3].startsWith("org.oidcstore")
                || b[3].startsWith("org.jboss.narayana") || b[3].startsWith("io.agroal"));
        awaitNoConnections("pg");
        assertThat(awaitThreads(List::isEmpty)).as("threads of ours after the uninstall").isEmpty();
        Files.delete(karaf.home().resolve("etc/org.oidcstore.store.cfg"));
    }

    /** The service over JPA ({@code url}) and Redis over TLS + ACL, with sessions on Redis. */
    private static String durableConfig(String url, String engine, String password) {
        return "oidc.store.volatile-backend = redis\n"
                + "oidc.store.redis.uri = " + RedisKeys.URI_TEXT + "\n"
                + "oidc.store.redis.user = oidc-app\n"
                + "oidc.store.redis.password = app-secret\n"
                + "oidc.store.redis.truststore = " + RedisKeys.truststore() + "\n"
                + "oidc.store.redis.truststore-password = changeit\n"
                + "oidc.store.redis.key-prefix = " + RedisKeys.PREFIX + "\n"
                + "oidc.store.redis.timeout = PT5S\n"
                + "oidc.store.sessions.durability = volatile\n"
                + "oidc.store.durable-backend = jpa\n"
                + "oidc.store.jpa.url = " + url + "\n"
                + "oidc.store.jpa.user = " + Databases.user(engine) + "\n"
                + "oidc.store.jpa.password = " + password + "\n"
                + "oidc.store.jpa.migrate = true\n"
                + "oidc.store.jpa.pool-size = 4\n"
                + "oidc.store.gc.interval = PT1M\n"
                + "oidc.store.secret-pepper = " + PEPPER + "\n";
    }

    /** The probe's flow outcome, then the rows in the database itself. */
    private static void assertFlow(String result, String engine) throws Exception {
        assertThat(result).doesNotContain("error=").contains("backend=redis")
                .contains("kinds=clients,users,authorization-codes,refresh-tokens,grants,access-tokens,"
                        + "opaque-access-tokens,authorization-contexts,grant-revocations,sessions,interactions,"
                        + "consumed-jwt-ids,pushed-authorization-requests")
                .contains("marked=true").contains("jti-replay=refused").contains("par-replay=refused")
                .contains("flow-par-consumed=true").contains("code-issued=true").contains("code-redeemed=true")
                .contains("refresh-rotated=true").contains("refresh-replay=caught")
                .contains("code-replay=caught:" + KarafProbe.value(result, "grant")).contains("rollback=thrown")
                .contains("rollback-left-nothing=true");
        String grant = KarafProbe.value(result, "grant");
        String lost = KarafProbe.value(result, "rolled-back-grant");
        assertThat(Databases.rowsOfGrant(engine, "oidc_grant", grant)).as("the committed grant").isEqualTo(1);
        assertThat(Databases.rowsOfGrant(engine, "oidc_authorization_code", grant)).as("its code").isEqualTo(1);
        assertThat(Databases.rowsOfGrant(engine, "oidc_refresh_token", grant)).as("its refresh tokens").isEqualTo(2);
        assertThat(Databases.rowsOfGrant(engine, "oidc_grant", lost)).as("the rolled-back grant").isZero();
        assertThat(Databases.rowsOfGrant(engine, "oidc_authorization_code", lost)).as("the rolled-back code").isZero();
    }

    private void awaitLog(String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!karaf.log().contains(text) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(karaf.log()).as("Karaf's log").contains(text);
    }

    /** The pool is closed synchronously; the server notices the closed sockets a moment later. */
    private static void awaitNoConnections(String engine) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        int n = Databases.poolConnections(engine);
        while (n > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            n = Databases.poolConnections(engine);
        }
        assertThat(n).as("connections of Karaf's pool left on " + engine).isZero();
    }

    /**
     * Our threads once {@code done} holds, or after 20 s: closing interrupts them (pool executor
     * shut down, reaper terminated) and each ends on its own a moment later.
     */
    private List<String> awaitThreads(java.util.function.Predicate<List<String>> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<String> threads = karaf.ourThreads();
        while (!done.test(threads) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            threads = karaf.ourThreads();
        }
        return threads;
    }

    private static long count(List<String> threads, String prefix) {
        return threads.stream().filter(t -> t.startsWith(prefix)).count();
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

    private void writeConfig(String properties) throws Exception {
        Path cfg = karaf.home().resolve("etc/org.oidcstore.store.cfg");
        Path tmp = karaf.home().resolve("data/org.oidcstore.store.cfg.tmp");
        Files.writeString(tmp, properties);
        Files.move(tmp, cfg, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
