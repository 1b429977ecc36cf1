package org.oidcstore.store.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.JwtAccessToken;
import org.oidcstore.store.OidcStore;
import org.oidcstore.store.OpaqueAccessToken;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/**
 * The purges of the access-token registry, the opaque access tokens and the revocations refuse a
 * cutoff in the future (it would delete live rows: a live tombstone deleted re-validates the
 * revoked JWTs it guards) and delete in bounded batches, each committed on its own like the GC's.
 */
class PurgeTest {
    private static final String[] TABLES = {"oidc_access_token", "oidc_opaque_access_token", "oidc_grant_tombstone",
        "oidc_revoked_jti"};

    /** {@code n} rows of each purgeable table expiring at {@code exp}. */
    private static void seed(OidcStore store, Instant now, Instant exp, int n) {
        for (int i = 0; i < n; i++) {
            store.accessTokens().register(new JwtAccessToken(Samples.secret("jti"), "client-a", "sub", "g", null, now,
                    exp, false));
            store.opaqueAccessTokens().save(OpaqueAccessToken.builder().token(Samples.secret("at"))
                    .clientId("client-a").issuedAt(now).expiresAt(exp).build());
            store.grantRevocations().revokeGrant(Samples.id("grant"), now, exp);
            store.grantRevocations().revokeJti(Samples.secret("jti"), exp);
        }
    }

    private static int[] counts(JpaFixture f) {
        int[] out = new int[TABLES.length];
        for (int i = 0; i < TABLES.length; i++) {
            out[i] = f.count(TABLES[i]);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aCutoffAfterTheStoreClocksInstantIsRefusedAndNothingIsDeleted(Engine engine) {
        JpaFixture f = TestStores.fixture(engine);
        Instant now = f.clock().now();
        seed(f.store(), now, now.plusSeconds(1), 2);
        int[] before = counts(f);
        Instant future = now.plusNanos(1_000);
        for (Function<Instant, Integer> purge : java.util.List.<Function<Instant, Integer>>of(
                c -> f.store().accessTokens().purgeExpired(c), c -> f.store().opaqueAccessTokens().purgeExpired(c),
                c -> f.store().grantRevocations().purge(c))) {
            assertThatThrownBy(() -> purge.apply(future)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("store clock");
            assertThatThrownBy(() -> purge.apply(now.plus(Duration.ofDays(1)))).isInstanceOf(IllegalArgumentException.class);
            assertThat(purge.apply(now)).as("the clock's own instant is a valid cutoff; nothing is expired").isZero();
        }
        assertThat(counts(f)).as("nothing deleted").isEqualTo(before);
        assertThat(f.store().grantRevocations().isRevoked(null, null, now)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void purgesDeleteTheExpiredRowsInBatchesCommittedOnTheirOwn(Engine engine) throws Exception {
        TestStores.fixture(engine); // empties the tables
        MutableClock clock = MutableClock.startingNow();
        try (JpaStore small = JpaStores.open(TestStores.settings(engine).withGcBatchSize(3), clock)) {
            Instant now = clock.now();
            seed(small, now, now.plusSeconds(60), 7);
            seed(small, now, now.plusSeconds(3600), 2);
            clock.advance(Duration.ofSeconds(60));
            TransactionManager tm = small.transactionManager();
            tm.begin();
            try {
                assertThat(small.accessTokens().purgeExpired(clock.now())).isEqualTo(7);
                assertThat(small.opaqueAccessTokens().purgeExpired(clock.now())).isEqualTo(7);
                assertThat(small.grantRevocations().purge(clock.now())).isEqualTo(14);
                assertThat(tm.getStatus()).as("the caller's transaction is resumed").isEqualTo(Status.STATUS_ACTIVE);
            } finally {
                tm.rollback();
            }
            assertThat(counts(TestStores.current(engine))).as("batches committed on their own, not in the rolled-back caller transaction;"
                    + " the live rows stay").containsExactly(2, 2, 2, 2);
            assertThat(small.accessTokens().purgeExpired(clock.now())).as("nothing left to purge").isZero();
        }
    }
}
