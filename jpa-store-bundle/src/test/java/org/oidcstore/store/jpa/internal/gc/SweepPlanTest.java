package org.oidcstore.store.jpa.internal.gc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oidcstore.store.jpa.internal.store.JpaAuthorizationCodeStore;
import org.oidcstore.store.jpa.internal.store.JpaConsumedJwtIdStore;
import org.oidcstore.store.jpa.internal.store.JpaGrantRevocationStore;
import org.oidcstore.store.jpa.internal.store.JpaGrantStore;
import org.oidcstore.store.jpa.internal.store.JpaRefreshTokenStore;

/** Which index each sweep walks, and how batches are sized: no engine involved. */
class SweepPlanTest {

    @Test
    void aSweepWalksTheColumnItsConditionOpensWith() {
        assertThat(JpaAuthorizationCodeStore.SWEEP.seek()).isEqualTo("expires_at");
        assertThat(JpaConsumedJwtIdStore.SWEEP.seek()).as("the skew-shifted cutoff ?2").isEqualTo("expires_at");
        assertThat(JpaGrantStore.SWEEP.seek()).as("after IS NOT NULL of the same column").isEqualTo("expires_at");
        assertThat(JpaRefreshTokenStore.SWEEP.seek()).as("followed by the live-chain condition").isEqualTo("expires_at");
        assertThat(JpaGrantRevocationStore.TOMBSTONE_SWEEP.seek()).isEqualTo("retain_until");
        assertThat(JpaRefreshTokenStore.LOCK_SWEEP.seek()).as("NOT EXISTS only: walks the key").isNull();
    }

    @Test
    void conditionsWhoseRowsCouldBeNullOrOutsideTheRangeWalkTheKey() {
        assertThat(new Sweep(null, "t", "k", "expires_at <= ?1 OR revoked = TRUE").seek()).isNull();
        assertThat(new Sweep(null, "t", "k", "a IS NOT NULL AND b <= ?1").seek()).isNull();
        assertThat(new Sweep(null, "t", "k", "expires_at >= ?1").seek()).isNull();
    }

    @Test
    void batchesStartSmallGrowWhileFastAndShrinkInProportionWhenSlow() {
        Pacer p = new Pacer(2000);
        assertThat(p.limit()).isEqualTo(50);
        p.took(5_000_000L); // 5 ms: under half the 25 ms budget
        assertThat(p.limit()).isEqualTo(100);
        p.took(20_000_000L); // 20 ms: within the budget, unchanged
        assertThat(p.limit()).isEqualTo(100);
        p.took(50_000_000L); // 50 ms: twice the budget; aim at 18.75 ms
        assertThat(p.limit()).isEqualTo(37);
        p.took(5_000_000_000L); // 5 s: shrunk to the floor, not to nothing
        assertThat(p.limit()).isEqualTo(20);
        for (int i = 0; i < 10; i++) {
            p.took(1_000_000L);
        }
        assertThat(p.limit()).as("never above the configured batch size").isEqualTo(2000);
    }

    @Test
    void aConfiguredBatchSizeBelowTheFloorIsKept() {
        Pacer p = new Pacer(3);
        assertThat(p.limit()).isEqualTo(3);
        p.took(5_000_000_000L);
        assertThat(p.limit()).isEqualTo(3);
        p.took(1_000_000L);
        assertThat(p.limit()).isEqualTo(3);
    }

    @Test
    void anInterruptedPauseStopsTheSweepAndKeepsTheInterrupt() {
        Pacer p = new Pacer(100);
        Thread.currentThread().interrupt();
        try {
            assertThat(p.pause(1_000_000_000L)).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(p.pause(1_000L)).isTrue();
    }
}
