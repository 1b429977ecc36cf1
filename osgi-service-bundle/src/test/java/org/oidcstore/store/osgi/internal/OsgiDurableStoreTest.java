package org.oidcstore.store.osgi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.Grant;
import org.oidcstore.store.StoreConfigurationException;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;
import org.oidcstore.store.tier.StoreTier;

/**
 * The service's composite with the durable tier ({@code oidc.store.durable-backend = jpa}) on an
 * in-memory H2 database, without a framework: routing of every kind, {@code inTransaction}
 * committing and rolling back the cluster, every configuration problem reported at once before
 * anything connects, and closing the service leaving no thread of the store, its pool or Narayana
 * running. (The same in Karaf on MariaDB and PostgreSQL: features/.)
 */
class OsgiDurableStoreTest {
    private static final String PEPPER = "b2lkYy1zdG9yZSBpdCB0ZXN0IHBlcHBlciAzMiBieXRlcyE=";
    /** Threads the durable tier starts: the pool's, the GC's, Narayana's reaper and status listener. */
    private static final String THREADS = "agroal-.*|oidc-store-gc|Transaction Reaper.*|Listener:\\d+";

    private final MutableClock clock = MutableClock.startingNow();
    private final Samples samples = new Samples(clock);

    @AfterEach
    void nothingHoldsNarayana() {
        assertThat(NarayanaEnvironment.holders()).isZero();
    }

    private static Map<String, Object> durable(String db) {
        Map<String, Object> p = new HashMap<>();
        p.put("oidc.store.durable-backend", "jpa");
        p.put("oidc.store.jpa.url", "jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        p.put("oidc.store.jpa.user", "sa");
        p.put("oidc.store.jpa.password", "");
        p.put("oidc.store.jpa.migrate", "true");
        p.put("oidc.store.jpa.narayana.object-store-dir", Path.of("target", "narayana-osgi").toAbsolutePath().toString());
        p.put("oidc.store.secret-pepper", PEPPER);
        return p;
    }

    private static List<String> storeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.matches(THREADS)).toList();
    }

    /**
     * The store's threads once they had time to end: closing interrupts them (the pool's executor is
     * shut down, the reaper terminated), and each ends on its own thread a moment later.
     */
    private static List<String> storeThreadsAfterClose() throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        List<String> left = storeThreads();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = storeThreads();
        }
        return left;
    }

    @Test
    void withTheJpaBackendTheServiceHostsAllTwelveKindsAndCommitsTheClusterAtomically() {
        try (OsgiStore s = OsgiStore.build(durable("commit-" + UUID.randomUUID()), clock)) {
            assertThat(s.composite().kinds()).containsExactlyInAnyOrder(StoreKind.values());
            assertThat(s.composite().routingTable().get(StoreKind.GRANTS).backend()).isEqualTo("jpa");
            assertThat(s.composite().routingTable().get(StoreKind.CONSUMED_JWT_IDS).tier()).isEqualTo(StoreTier.VOLATILE);
            assertThat(s.serviceProperties().get("oidc.store.durable-backend")).isEqualTo("jpa");
            Grant grant = samples.grant("alice", "client-a");
            AuthorizationCode code = samples.code(grant.grantId());
            s.composite().inTransaction(() -> {
                s.composite().grants().save(grant);
                s.composite().authorizationCodes().save(code);
                return null;
            });
            assertThat(s.composite().authorizationCodes().consume(code.code())).isPresent();

            Grant lost = samples.grant("bob", "client-a");
            AuthorizationCode lostCode = samples.code(lost.grantId());
            assertThatThrownBy(() -> s.composite().inTransaction(() -> {
                s.composite().grants().save(lost);
                s.composite().authorizationCodes().save(lostCode);
                throw new IllegalStateException("the issuance fails after its writes");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(s.composite().grants().find(lost.grantId())).isEmpty();
            assertThat(s.composite().authorizationCodes().find(lostCode.code())).isEmpty();
        }
    }

    @Test
    void closingTheServiceLeavesNoThreadOfThePoolTheGcOrNarayana() throws InterruptedException {
        Map<String, Object> p = durable("threads-" + UUID.randomUUID());
        p.put("oidc.store.gc.interval", "PT1M");
        try (OsgiStore s = OsgiStore.build(p, clock)) {
            Grant grant = samples.grant("carol", "client-a");
            s.composite().inTransaction(() -> s.composite().grants().save(grant));
            assertThat(storeThreads()).as("threads while the service runs").isNotEmpty();
        }
        assertThat(storeThreadsAfterClose()).as("threads left after close").isEmpty();
        // and a configuration update (close, then build again) starts them again
        try (OsgiStore s = OsgiStore.build(p, clock)) {
            s.composite().inTransaction(() -> s.composite().grants().save(samples.grant("dave", "client-a")));
        }
        assertThat(storeThreadsAfterClose()).as("threads left after the second close").isEmpty();
    }

    @Test
    void aConfigurationUpdateAppliesNarayanasNodeIdentifierAndObjectStoreDirectory() {
        Map<String, Object> p = durable("node-" + UUID.randomUUID());
        p.put("oidc.store.jpa.narayana.node-identifier", "node-a");
        try (OsgiStore s = OsgiStore.build(p, clock)) {
            s.composite().inTransaction(() -> s.composite().grants().save(samples.grant("erin", "client-a")));
            assertThat(com.arjuna.ats.arjuna.coordinator.TxControl.getXANodeName()).isEqualTo("node-a");
        }
        Path other = Path.of("target", "narayana-osgi-b").toAbsolutePath();
        p.put("oidc.store.jpa.narayana.node-identifier", "node-b");
        p.put("oidc.store.jpa.narayana.object-store-dir", other.toString());
        try (OsgiStore s = OsgiStore.build(p, clock)) {
            s.composite().inTransaction(() -> s.composite().grants().save(samples.grant("frank", "client-a")));
            assertThat(com.arjuna.ats.arjuna.coordinator.TxControl.getXANodeName()).isEqualTo("node-b");
            assertThat(com.arjuna.common.internal.util.propertyservice.BeanPopulator.getDefaultInstance(
                    com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean.class).getObjectStoreDir())
                    .isEqualTo(other.toString());
        }
    }

    @Test
    void everyProblemIsReportedAtOnceAndNothingIsOpened() throws InterruptedException {
        Map<String, Object> p = new HashMap<>();
        p.put("oidc.store.volatile-backend", "hazelcast");
        p.put("oidc.store.durable-backend", "jpa");
        p.put("oidc.store.jpa.url", "jdbc:oracle:thin:@db:1521/x");
        p.put("oidc.store.jpa.password", "pw-never-shown-4711");
        p.put("oidc.store.jpa.pool-size", "0");
        p.put("oidc.store.jpa.narayana.node-identifier", "a-node-name-longer-than-narayana-allows");
        p.put("oidc.store.jpa.narayana.object-store-dir", "relative/dir");
        p.put("oidc.store.route.sesions", "volatile");
        assertThatThrownBy(() -> OsgiStore.build(p, clock)).isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-2120").hasMessageContaining("OIDCS-1203")
                .hasMessageContaining("OIDCS-1204").hasMessageContaining("OIDCS-2133")
                .hasMessageContaining("OIDCS-2132").hasMessageContaining("OIDCS-2001")
                .hasMessageNotContaining("pw-never-shown-4711")
                // the missing volatile backend is reported once, as OIDCS-2120, not again as kinds without one
                .hasMessageNotContaining("OIDCS-2010");
        assertThat(storeThreadsAfterClose()).isEmpty();
    }

    @Test
    void aDurableBackendOtherThanJpaOrJndiSettingsAreRefusedWithTheirIds() {
        assertThatThrownBy(() -> OsgiStore.build(Map.of("oidc.store.durable-backend", "mongodb"), clock))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("OIDCS-2130");
        Map<String, Object> p = durable("jndi");
        p.put("oidc.store.jpa.datasource", "java:comp/env/jdbc/oidc");
        assertThatThrownBy(() -> OsgiStore.build(p, clock)).isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-2131");
        Map<String, Object> none = new HashMap<>(Map.of("oidc.store.durable-backend", "none",
                "oidc.store.secret-pepper", PEPPER));
        try (OsgiStore s = OsgiStore.build(none, clock)) {
            assertThat(s.composite().kinds()).doesNotContain(StoreKind.GRANTS);
            assertThat(Collections.list(s.serviceProperties().elements())).contains("none");
        }
    }

    @Test
    void aRoutingThatSplitsTheClusterFailsBeforeTheDatabaseIsTouched() {
        Map<String, Object> p = durable("never-created");
        // an unreachable server: the routing problem must be found without connecting
        p.put("oidc.store.jpa.url", "jdbc:h2:tcp://127.0.0.1:1/none"); // its driver is on the class path
        p.put("oidc.store.route.grants", "volatile");
        assertThatThrownBy(() -> OsgiStore.build(p, clock)).isInstanceOf(StoreConfigurationException.class)
                .hasMessageContaining("OIDCS-2030").hasMessageNotContaining("OIDCS-1224");
    }
}
