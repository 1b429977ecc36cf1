package org.oidcstore.bench;

import io.agroal.api.AgroalDataSource;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.oidcstore.store.jpa.JpaSettings;

/**
 * The engine of the gc-sweep case: MariaDB (the bench's scratch database, default) or, with
 * {@code -Dbench.gc.engine=postgresql}, PostgreSQL in a scratch schema {@code bench.gc.pg.schema}
 * (default {@code oidcstore_bench_gc}, dropped and created anew) of the database at
 * {@code bench.pg.url} (default {@code jdbc:postgresql://127.0.0.1:5432/oidcstore}; same user and
 * password as MariaDB's). By default the rows of each chunk of 50,000 share one expiry instant;
 * {@code -Dbench.gc.distinct-expiry=true} gives every row its own, microseconds apart, as tokens
 * issued one by one have.
 */
final class GcSweepDb {
    static final boolean PG = "postgresql".equals(System.getProperty("bench.gc.engine", "mariadb"));
    private static final String PG_URL = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/oidcstore");
    private static final String PG_SCHEMA = System.getProperty("bench.gc.pg.schema", "oidcstore_bench_gc");
    /** Every expired row its own expiry instant ({@code -Dbench.gc.distinct-expiry=true}); else one per chunk. */
    static final boolean DISTINCT = Boolean.getBoolean("bench.gc.distinct-expiry");

    private GcSweepDb() {
    }

    static String engine() {
        return PG ? "PostgreSQL" : "MariaDB";
    }

    private static String url() {
        return PG ? PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + PG_SCHEMA : Bench.DB_URL;
    }

    static void recreate() {
        if (!PG) {
            Db.recreate();
            return;
        }
        pg("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE", "CREATE SCHEMA " + PG_SCHEMA);
    }

    static void drop() {
        if (!PG) {
            Db.drop();
            return;
        }
        pg("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
    }

    private static void pg(String... statements) {
        try (Connection c = DriverManager.getConnection(PG_URL, Bench.DB_USER, Bench.DB_PASSWORD);
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the schema " + PG_SCHEMA + " at " + PG_URL
                    + " (start the services: bash .ci/services.sh start)", e);
        }
    }

    static JpaSettings settings() {
        return PG ? JpaSettings.forUrl(url(), Bench.DB_USER, Bench.DB_PASSWORD).withMigrate(true)
                .withPoolSize(Bench.POOL).withGcInterval(Duration.ZERO) : Db.jpaSettings();
    }

    static AgroalDataSource pool(TransactionManager tm, TransactionSynchronizationRegistry tsr) throws SQLException {
        return PG ? Db.storePool(tm, tsr, Bench.POOL, org.postgresql.Driver.class, url())
                : Db.storePool(tm, tsr, Bench.POOL);
    }

    /** Expired rows in chunks of 50,000 (INSERT … SELECT from a generated sequence), one commit each. */
    static void insertExpired(int n) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), Bench.DB_USER, Bench.DB_PASSWORD);
             Statement s = c.createStatement()) {
            for (int from = 1; from <= n; from += 50_000) {
                int to = Math.min(n, from + 49_999);
                String seq = PG ? "CAST(seq AS TEXT)" : "seq";
                String digest = PG ? "'gc-' || LPAD(" + seq + ", 40, '0')" : "CONCAT('gc-', LPAD(seq, 40, '0'))";
                String now = PG ? "(now() AT TIME ZONE 'UTC')"
                        : "UTC_TIMESTAMP(6)";
                String hours = PG ? " - INTERVAL '%d hour'" : " - INTERVAL %d HOUR";
                // one expiry instant per chunk of 50,000 (a bulk import), or one per row, microseconds apart
                String spread = !DISTINCT ? "" : PG ? " - seq * INTERVAL '1 microsecond'" : " - INTERVAL seq MICROSECOND";
                s.executeUpdate("INSERT INTO oidc_authorization_code (code_digest, client_id, subject, grant_id,"
                        + " redirect_uri, scopes, resources, code_challenge, code_challenge_method, nonce, dpop_jkt,"
                        + " session_id, auth_time, acr, amr, expires_at, consumed_at, created_at)"
                        + " SELECT " + digest + ", 'bench-client', " + concat("'user-'", seq) + ", "
                        + concat("'g-'", seq) + ", '" + Flow.REDIRECT + "',"
                        + " '[\"email\",\"offline_access\",\"openid\",\"profile\"]', '[]', '" + Flow.CHALLENGE + "',"
                        + " 'S256', '" + Flow.NONCE + "', NULL, 'sid-gc', " + now + String.format(hours, 2) + ", NULL,"
                        + " '[\"pwd\"]', " + now + String.format(hours, 1) + spread + ", NULL, " + now + String.format(hours, 2)
                        + (PG ? " FROM generate_series(" + from + ", " + to + ") AS g(seq)"
                                : " FROM seq_" + from + "_to_" + to));
            }
            if (PG) {
                s.execute("ANALYZE oidc_authorization_code");
            }
        }
    }

    private static String concat(String a, String b) {
        return PG ? a + " || " + b : "CONCAT(" + a + ", " + b + ")";
    }
}
