package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.TransactionManager;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.AuthorizationCode;
import org.oidcstore.store.Grant;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.RefreshToken;
import org.oidcstore.store.tck.Samples;

/**
 * The issue's "done when": one JTA transaction saves a grant, a code and a refresh token; rolled
 * back it leaves no row, committed it leaves all three. Rows are counted over a separate plain
 * JDBC connection, i.e. what the database itself holds. The same transaction also writes through
 * the plain-JDBC paths of the stores (JWT-ID mark, tombstone), which must join it just the same.
 */
class AtomicityTest {

    private static final List<String> TABLES = List.of("oidc_grant", "oidc_authorization_code", "oidc_refresh_token",
            "oidc_consumed_jti", "oidc_grant_tombstone");

    private static void issue(OidcStore store, Samples samples, Instant now) {
        Grant g = store.grants().save(samples.grant("sub-atomic", "client-a"));
        AuthorizationCode c = samples.code(g.grantId());
        store.authorizationCodes().save(c);
        RefreshToken t = samples.refreshToken(g.grantId());
        store.refreshTokens().save(t, null);
        store.consumedJwtIds().mark(Samples.secret("jti"), now.plusSeconds(60));
        store.grantRevocations().revokeGrant(Samples.id("old-grant"), now, now.plusSeconds(60));
        // inside the transaction every write is visible to its reads
        assertThat(store.authorizationCodes().find(c.code())).contains(c);
        assertThat(store.refreshTokens().find(t.token())).contains(t);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRolledBackTransactionLeavesNoRow(Engine engine) throws Exception {
        JpaFixture f = TestStores.fixture(engine);
        TransactionManager tm = f.jpaStore().transactionManager();
        tm.begin();
        try {
            issue(f.store(), new Samples(f.clock()), f.clock().now());
            for (String table : TABLES) {
                assertThat(f.count(table)).as("%s: uncommitted rows are invisible outside", table).isZero();
            }
        } finally {
            tm.rollback();
        }
        for (String table : TABLES) {
            assertThat(f.count(table)).as("%s after rollback", table).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aCommittedTransactionLeavesEveryRow(Engine engine) throws Exception {
        JpaFixture f = TestStores.fixture(engine);
        TransactionManager tm = f.jpaStore().transactionManager();
        tm.begin();
        try {
            issue(f.store(), new Samples(f.clock()), f.clock().now());
        } catch (RuntimeException | Error e) {
            tm.rollback();
            throw e;
        }
        tm.commit();
        for (String table : TABLES) {
            assertThat(f.count(table)).as("%s after commit", table).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void inTransactionCommitsTogetherOrNotAtAll(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        Samples samples = new Samples(f.clock());
        try {
            f.store().inTransaction(() -> {
                issue(f.store(), samples, f.clock().now());
                throw new IllegalStateException("token endpoint failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        for (String table : TABLES) {
            assertThat(f.count(table)).as("%s after a failed inTransaction", table).isZero();
        }
        f.store().inTransaction(() -> {
            issue(f.store(), samples, f.clock().now());
            return null;
        });
        for (String table : TABLES) {
            assertThat(f.count(table)).as("%s after inTransaction", table).isEqualTo(1);
        }
    }
}
