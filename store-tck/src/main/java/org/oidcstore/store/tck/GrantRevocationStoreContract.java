package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.GrantRevocationStore;
import org.oidcstore.store.Limits;
import org.oidcstore.store.StoreKind;

/** Contract of {@link GrantRevocationStore}. */
@ContractFor(GrantRevocationStore.class)
public abstract class GrantRevocationStoreContract extends StoreContract {

    private GrantRevocationStore revocations() {
        return store.grantRevocations();
    }

    @Test
    @Covers("revokeGrant")
    @Covers("isRevoked")
    void tokensIssuedAtOrBeforeTheTombstoneAreRevoked() {
        Instant revokedAt = clock.now();
        revocations().revokeGrant("g1", revokedAt, revokedAt.plus(Duration.ofHours(1)));
        assertThat(revocations().isRevoked("g1", null, revokedAt.minusSeconds(1))).isTrue();
        assertThat(revocations().isRevoked("g1", null, revokedAt)).as("boundary is inclusive").isTrue();
        assertThat(revocations().isRevoked("g1", null, revokedAt.plusMillis(1))).isFalse();
        assertThat(revocations().isRevoked("g2", null, revokedAt.minusSeconds(1))).isFalse();
        assertThat(revocations().isRevoked(null, null, revokedAt)).isFalse();
    }

    @Test
    @Covers("revokeGrant")
    void aTombstoneOnlyWidens() {
        Instant t = clock.now();
        revocations().revokeGrant("g1", t.plusSeconds(60), t.plus(Duration.ofHours(2)));
        revocations().revokeGrant("g1", t, t.plus(Duration.ofHours(1)));
        assertThat(revocations().isRevoked("g1", null, t.plusSeconds(30))).as("revokedAt not narrowed").isTrue();
        clock.set(t.plus(Duration.ofHours(1)).plusSeconds(1));
        assertThat(revocations().isRevoked("g1", null, t)).as("retainUntil not shortened").isTrue();
        revocations().revokeGrant("g1", t.plusSeconds(120), t.plus(Duration.ofHours(3)));
        assertThat(revocations().isRevoked("g1", null, t.plusSeconds(90))).as("widened").isTrue();
    }

    @Test
    @Covers("revokeGrant")
    void aRetentionBeforeTheRevocationInstantIsRefused() {
        Instant t = clock.now();
        assertThatThrownBy(() -> revocations().revokeGrant("g1", t, t.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(revocations().isRevoked("g1", null, t.minusSeconds(5))).isFalse();
    }

    @Test
    @Covers("revokeJti")
    @Covers("isRevoked")
    void aDenylistedJwtIdIsRevokedUntilItsExpiry() {
        String jti = Samples.secret("jti");
        Instant exp = clock.now().plusSeconds(300);
        revocations().revokeJti(jti, exp);
        revocations().revokeJti(jti, exp.minusSeconds(100));
        assertThat(revocations().isRevoked(null, jti, clock.now())).isTrue();
        assertThat(revocations().isRevoked("unrelated-grant", jti, clock.now())).isTrue();
        assertThat(revocations().isRevoked(null, Samples.secret("jti"), clock.now())).isFalse();
        clock.set(exp.minusMillis(1));
        assertThat(revocations().isRevoked(null, jti, clock.now())).as("expiry not shortened").isTrue();
        clock.set(exp);
        assertThat(revocations().isRevoked(null, jti, clock.now())).as("expired entries are ignored").isFalse();
    }

    @Test
    @Covers("isRevoked")
    void anExpiredTombstoneIsIgnored() {
        Instant t = clock.now();
        revocations().revokeGrant("g1", t, t.plusSeconds(60));
        clock.set(t.plusSeconds(60));
        assertThat(revocations().isRevoked("g1", null, t.minusSeconds(1))).isFalse();
    }

    @Test
    @Covers("purge")
    void purgeDeletesEntriesRetainedUntilTheCutoff() {
        Instant t = clock.now();
        revocations().revokeGrant("old", t, t.plusSeconds(10));
        revocations().revokeGrant("new", t, t.plusSeconds(1000));
        revocations().revokeJti(Samples.secret("jti"), t.plusSeconds(10));
        String keep = Samples.secret("jti");
        revocations().revokeJti(keep, t.plusSeconds(1000));
        clock.advance(Duration.ofSeconds(10));
        assertThat(revocations().purge(clock.now())).isEqualTo(2);
        assertThat(revocations().purge(clock.now())).isZero();
        assertThat(revocations().isRevoked("new", null, t)).isTrue();
        assertThat(revocations().isRevoked(null, keep, t)).isTrue();
        clock.set(t);
        assertThat(revocations().isRevoked("old", null, t)).as("purged tombstones stay gone").isFalse();
    }

    /** A cutoff in the future would drop live tombstones and so revive revoked tokens. */
    @Test
    @Covers("purge")
    void aPurgeWithACutoffAfterTheStoreClockIsRefusedAndLiveTombstonesStillRevoke() {
        Instant t = clock.now();
        String jti = Samples.secret("jti");
        revocations().revokeGrant("g1", t, t.plusSeconds(60));
        revocations().revokeJti(jti, t.plusSeconds(60));
        assertThatThrownBy(() -> revocations().purge(t.plusSeconds(60))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> revocations().purge(Instant.MAX)).isInstanceOf(IllegalArgumentException.class);
        assertThat(revocations().isRevoked("g1", null, t)).isTrue();
        assertThat(revocations().isRevoked(null, jti, t)).isTrue();
        clock.advance(Duration.ofSeconds(60));
        assertThat(revocations().purge(clock.now())).as("both entries were still there").isEqualTo(2);
    }

    @Test
    @Covers("purge")
    void aPurgeDeletesEveryExpiredEntryEvenWhenThereAreMoreThanOneBatch() {
        Instant t = clock.now();
        int half = Purges.MORE_THAN_ONE_BATCH / 2;
        inTransactionIfAny(() -> {
            for (int i = 0; i < half; i++) {
                revocations().revokeGrant("bulk-grant-" + i, t, t.plusSeconds(1));
                revocations().revokeJti("bulk-jti-" + i, t.plusSeconds(1));
            }
            return null;
        });
        revocations().revokeGrant("live-grant", t, t.plusSeconds(3600));
        clock.advance(Duration.ofSeconds(1));
        assertThat(revocations().purge(clock.now())).isEqualTo(2 * half);
        assertThat(revocations().purge(clock.now())).isZero();
        assertThat(revocations().isRevoked("live-grant", null, t)).isTrue();
    }

    @Test
    @Covers("revokeJti")
    void onlyTheDigestOfADenylistedJwtIdIsStored() {
        String jti = Samples.secret("jti");
        revocations().revokeJti(jti, clock.now().plusSeconds(60));
        Hashing.assertOnlyDigestStored(fixture, StoreKind.GRANT_REVOCATIONS, jti);
        String digest = fixture.digest().digest(StoreKind.GRANT_REVOCATIONS, jti);
        assertThat(revocations().isRevoked(null, digest, clock.now())).isFalse();
    }

    /** Concurrent revocations with different windows converge on the widest, with no error. */
    @Test
    @Covers(value = "revokeGrant", race = true)
    void concurrentRevocationsConvergeOnTheWidestWindow() {
        Instant base = clock.now();
        String[] grant = new String[1];
        Race.<Void>rounds(round -> {
            grant[0] = Samples.id("grant");
            return i -> () -> {
                revocations().revokeGrant(grant[0], base.plusSeconds(i), base.plusSeconds(1000 + i));
                return null;
            };
        }, (round, outcomes) -> {
            assertThat(outcomes).as("round %d: every revocation succeeds", round).allMatch(Race.Outcome::succeeded);
            int max = Race.THREADS - 1;
            assertThat(revocations().isRevoked(grant[0], null, base.plusSeconds(max))).isTrue();
            assertThat(revocations().isRevoked(grant[0], null, base.plusSeconds(max).plusMillis(1))).isFalse();
            Instant saved = clock.now();
            clock.set(base.plusSeconds(1000 + max).minusMillis(1));
            assertThat(revocations().isRevoked(grant[0], null, base)).as("widest retention kept").isTrue();
            clock.set(saved);
        });
    }

    @Test
    @Covers("revokeGrant")
    @Covers("revokeJti")
    void revocationsBeyondTheInstantRangeAreRefusedAndWriteNothing() {
        Instant now = clock.now();
        String jti = Samples.secret("jti");
        Evidence.assertWritesNothing(fixture, "revocations out of range", () -> {
            for (Instant bad : List.of(Instant.MAX, Limits.MAX_INSTANT.plusNanos(1_000))) {
                assertThatThrownBy(() -> revocations().revokeGrant("g-range", now, bad))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> revocations().revokeGrant("g-range", bad, bad))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> revocations().revokeJti(jti, bad)).isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> revocations().revokeGrant("g-range", Instant.MIN, now.plusSeconds(60)))
                    .isInstanceOf(IllegalArgumentException.class);
        });
        assertThat(revocations().isRevoked("g-range", null, now)).isFalse();
        assertThat(revocations().isRevoked(null, jti, now)).isFalse();
        revocations().revokeGrant("g-range", now, Limits.MAX_INSTANT);
        revocations().revokeJti(jti, Limits.MAX_INSTANT);
        clock.advance(Duration.ofDays(3650));
        assertThat(revocations().isRevoked("g-range", null, now)).as("kept until the latest instant").isTrue();
        assertThat(revocations().isRevoked(null, jti, now)).isTrue();
    }
}
