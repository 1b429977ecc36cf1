package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.Grant;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.jpa.internal.runtime.JpaExceptions;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/** Real failures of real engines, translated by SQLState / vendor code ({@code JpaExceptions}). */
class ErrorTranslationTest {

    private static List<SQLException> sqlCauses(Throwable t) {
        List<SQLException> out = new ArrayList<>();
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof SQLException s) {
                out.add(s);
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRealDuplicateKeyIsADuplicateRecord(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        AuthorizationCode c = new Samples(f.clock()).code();
        f.store().authorizationCodes().save(c);
        assertThatThrownBy(() -> f.store().authorizationCodes().save(c))
                .isInstanceOfSatisfying(DuplicateRecordException.class, e -> {
                    assertThat(e.getMessage()).contains("authorization-codes.save").doesNotContain(c.code());
                    assertThat(sqlCauses(e)).anyMatch(s -> "23505".equals(s.getSQLState()) || s.getErrorCode() == 1062);
                });
    }

    /** What the engine raises for {@code sql}, run over plain JDBC on a scratch table. */
    private static SQLException failureOf(Engine engine, String sql) throws SQLException {
        try (Connection c = engine.connect(); Statement st = c.createStatement()) {
            // session-scoped on every engine (H2's plain TEMPORARY table is global)
            st.executeUpdate("CREATE " + (engine == Engine.H2 ? "LOCAL " : "") + "TEMPORARY TABLE oidc_test_limits"
                    + " (short_text VARCHAR(4), small_number SMALLINT)");
            try {
                st.executeUpdate(sql);
            } catch (SQLException e) {
                return e;
            }
        }
        throw new AssertionError(engine.displayName + " accepted " + sql);
    }

    /**
     * SQLState 22001 (string data right truncation) and 22003 (numeric value out of range), as the
     * engines really raise them, are invalid input: an {@code IllegalArgumentException} naming
     * substore and operation and never the value; the engine's exception stays the cause.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aValueTooLongOrOutOfRangeIsInvalidInput(Engine engine) throws SQLException {
        engine.requireReachable();
        SQLException tooLong = failureOf(engine, "INSERT INTO oidc_test_limits (short_text) VALUES ('secret-too-long')");
        SQLException outOfRange = failureOf(engine, "INSERT INTO oidc_test_limits (small_number) VALUES (99999999)");
        assertThat(tooLong.getSQLState()).isEqualTo("22001");
        // H2 names the column in this case and reports its own code 22004 (NUMERIC_VALUE_OUT_OF_RANGE_2)
        assertThat(outOfRange.getSQLState()).isEqualTo(engine == Engine.H2 ? "22004" : "22003");
        for (SQLException e : List.of(tooLong, outOfRange)) {
            RuntimeException t = JpaExceptions.translate("sessions", "save", new PersistenceException(e));
            assertThat(t).isInstanceOf(IllegalArgumentException.class).hasRootCause(e);
            assertThat(t.getMessage()).contains("sessions.save").contains(e.getSQLState())
                    .doesNotContain("secret-too-long").doesNotContain("99999999");
        }
    }

    /**
     * Two transactions update two grants in opposite order: the engine detects the deadlock and
     * fails one of them, which the store reports as a conflict (in the caller's transaction it is
     * not retried); the other completes.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRealDeadlockIsAConflict(Engine engine) throws Exception {
        JpaFixture f = TestStores.fixture(engine);
        Samples samples = new Samples(f.clock());
        Grant a = f.store().grants().save(samples.grant("sub-a", "client-a"));
        Grant b = f.store().grants().save(samples.grant("sub-b", "client-a"));
        TransactionManager tm = f.jpaStore().transactionManager();
        CyclicBarrier bothLocked = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Throwable>> outcomes = new ArrayList<>();
            for (Grant[] order : new Grant[][] {{a, b}, {b, a}}) {
                outcomes.add(pool.submit(() -> {
                    tm.begin();
                    try {
                        f.store().grants().save(order[0].toBuilder().scopes(Set.of("first")).build());
                        bothLocked.await(30, TimeUnit.SECONDS);
                        f.store().grants().save(order[1].toBuilder().scopes(Set.of("second")).build());
                        tm.commit();
                        return null;
                    } catch (ConflictException e) {
                        tm.rollback();
                        return e;
                    }
                }));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<Throwable> o : outcomes) {
                Throwable t = o.get(60, TimeUnit.SECONDS);
                if (t != null) {
                    failures.add(t);
                }
            }
            assertThat(failures).as("deadlock victims").hasSize(1);
            assertThat(sqlCauses(failures.get(0))).anyMatch(s -> Set.of("40001", "40P01").contains(s.getSQLState())
                    || s.getErrorCode() == 1213);
            assertThat(failures.get(0).getMessage()).contains("grants.update");
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.store().grants().find(a.grantId()).orElseThrow().version()).isEqualTo(2);
        assertThat(f.store().grants().find(b.grantId()).orElseThrow().version()).isEqualTo(2);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String urlOnClosedPort(Engine engine, int port) {
        return switch (engine) {
            case H2 -> "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:closed";
            case MARIADB -> "jdbc:mariadb://127.0.0.1:" + port + "/oidcstore?connectTimeout=2000";
            case POSTGRESQL -> "jdbc:postgresql://127.0.0.1:" + port + "/oidcstore?connectTimeout=2";
        };
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aClosedPortMakesTheStoreUnavailableWithoutNamingThePassword(Engine engine) throws IOException {
        String url = urlOnClosedPort(engine, closedPort());
        for (boolean migrate : new boolean[] {false, true}) {
            JpaSettings settings = JpaSettings.forUrl(url, "oidcstore", "pw-that-must-not-leak").withMigrate(migrate)
                    .withGcInterval(Duration.ZERO).withAcquisitionTimeout(Duration.ofSeconds(3));
            assertThatThrownBy(() -> JpaStores.open(settings, MutableClock.startingNow()))
                    .as("migrate=%s", migrate)
                    .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
                        assertThat(e.getMessage()).doesNotContain("pw-that-must-not-leak");
                        assertThat(sqlCauses(e)).isNotEmpty();
                    });
        }
    }

    /** Every connection of a one-connection pool is held by a transaction: the next caller times out as unavailable. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void anExhaustedPoolIsUnavailable(Engine engine) throws Exception {
        TestStores.fixture(engine);
        MutableClock clock = MutableClock.startingNow();
        try (JpaStore tiny = JpaStores.open(TestStores.settings(engine).withPoolSize(1)
                .withAcquisitionTimeout(Duration.ofMillis(500)), clock)) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService holder = Executors.newSingleThreadExecutor();
            try {
                Future<?> held = holder.submit(() -> {
                    tiny.inTransaction(() -> {
                        tiny.grants().find("anything");
                        holding.countDown();
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    });
                    return null;
                });
                assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
                assertThatThrownBy(() -> tiny.grants().find("other")).isInstanceOfSatisfying(
                        StoreUnavailableException.class, e -> assertThat(e.getMessage()).contains("grants.find"));
                release.countDown();
                held.get(30, TimeUnit.SECONDS);
                assertThat(tiny.grants().find("other")).as("available again").isEmpty();
            } finally {
                release.countDown();
                holder.shutdownNow();
            }
        }
    }
}
