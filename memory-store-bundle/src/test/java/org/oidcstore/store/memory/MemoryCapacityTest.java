package org.oidcstore.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.ConsumedJwtIdStore;
import org.oidcstore.store.Session;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.StoreUnavailableException;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.tck.Samples;

/** Capacity is a hard limit that refuses rather than evicts, and churn never grows the heap. */
class MemoryCapacityTest {
    /** What every store of these tests keeps a JWT-ID marker past its expiry (the default allowance). */
    private static final Duration SKEW = StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW;

    @Test
    void aFullStoreRefusesNewMarkersAndKeepsTheLiveOnes() {
        MemoryFixture f = new MemoryFixture(new MemorySettings(10, MemorySettings.DEFAULT_MAX_VALUE_BYTES, 64));
        ConsumedJwtIdStore jtis = f.store().consumedJwtIds();
        for (int i = 0; i < 10; i++) {
            jtis.mark("jti-" + i, f.clock().now().plusSeconds(60));
        }
        assertThatThrownBy(() -> jtis.mark("jti-10", f.clock().now().plusSeconds(60)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("OIDCS-1110")
                .hasMessageNotContaining("jti-10");
        assertThat(jtis.isMarked("jti-10")).isFalse();
        for (int i = 0; i < 10; i++) {
            assertThat(jtis.isMarked("jti-" + i)).as("no live marker was evicted").isTrue();
        }
    }

    @Test
    void markersPastTheirSkewAllowanceMakeRoomWithoutAnyRead() {
        MemoryFixture f = new MemoryFixture(new MemorySettings(10, MemorySettings.DEFAULT_MAX_VALUE_BYTES, 64));
        ConsumedJwtIdStore jtis = f.store().consumedJwtIds();
        for (int i = 0; i < 10; i++) {
            jtis.mark("old-" + i, f.clock().now().plusSeconds(1));
        }
        f.clock().advance(Duration.ofSeconds(2).plus(SKEW));
        for (int i = 0; i < 10; i++) {
            jtis.mark("new-" + i, f.clock().now().plusSeconds(60));
        }
        assertThat(f.memoryStore().sizes().get(StoreKind.CONSUMED_JWT_IDS)).isEqualTo(10);
    }

    /**
     * A marker that expired less than the skew allowance ago is still replay evidence for a node
     * whose clock lags: a full store refuses a new marker rather than reclaim it, and takes new
     * markers as soon as the allowance has passed.
     */
    @Test
    void markersWithinTheSkewAllowanceKeepTheirRoomUntilItHasPassed() {
        MemoryFixture f = new MemoryFixture(new MemorySettings(10, MemorySettings.DEFAULT_MAX_VALUE_BYTES, 64));
        ConsumedJwtIdStore jtis = f.store().consumedJwtIds();
        Instant exp = f.clock().now().plusSeconds(1);
        for (int i = 0; i < 10; i++) {
            jtis.mark("old-" + i, exp);
        }
        f.clock().set(exp.plus(SKEW).minusMillis(1));
        assertThat(jtis.isMarked("old-0")).as("expired by this node's clock").isFalse();
        assertThatThrownBy(() -> jtis.mark("new", f.clock().now().plusSeconds(60)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("OIDCS-1110");
        f.clock().set(exp.plus(SKEW));
        jtis.mark("new", f.clock().now().plusSeconds(60));
        assertThat(f.memoryStore().sizes().get(StoreKind.CONSUMED_JWT_IDS)).isEqualTo(1);
    }

    /**
     * Half a million short-lived markers written while time passes: what the store holds stays
     * proportional to what is live or within the skew allowance (markers of the last minute and a
     * few seconds), not to what was ever written.
     */
    @Test
    void churnDoesNotGrowTheStore() {
        MemoryFixture f = new MemoryFixture(new MemorySettings(70_000, MemorySettings.DEFAULT_MAX_VALUE_BYTES, 64));
        ConsumedJwtIdStore jtis = f.store().consumedJwtIds();
        int maxHeld = 0;
        for (int i = 0; i < 500_000; i++) {
            jtis.mark("jti-" + i, f.clock().now().plusSeconds(2));
            f.clock().advance(Duration.ofMillis(1)); // 1000 writes per simulated second
            maxHeld = Math.max(maxHeld, f.memoryStore().sizes().get(StoreKind.CONSUMED_JWT_IDS));
        }
        // held at any instant: (2 s live + 60 s allowance) x 1000/s = 62000; plus the current second not yet swept
        assertThat(SKEW).isEqualTo(Duration.ofSeconds(60));
        assertThat(maxHeld).isLessThanOrEqualTo(63_100);
    }

    @Test
    void expiredSessionsLeaveTheirChooserGroup() {
        MemoryFixture f = new MemoryFixture();
        Samples samples = new Samples(f.clock());
        for (int i = 0; i < 100; i++) {
            Session s = samples.session("group-" + i).toBuilder().expiresAt(f.clock().now().plusSeconds(1)).build();
            f.store().sessions().save(s);
        }
        f.clock().advance(Duration.ofSeconds(5));
        // each write reclaims at most sweepBatch (64) expired entries: two writes reclaim all 100
        f.store().sessions().save(samples.session("survivor"));
        assertThat(f.memoryStore().sizes().get(StoreKind.SESSIONS)).isEqualTo(1 + 100 - 64);
        f.store().sessions().save(samples.session("survivor"));
        Map<StoreKind, Integer> sizes = f.memoryStore().sizes();
        assertThat(sizes.get(StoreKind.SESSIONS)).isEqualTo(2);
        assertThat(f.store().sessions().listByChooserGroup("group-7", null, 1000).items()).isEmpty();
        assertThat(f.memoryStore().dump()).noneMatch(s -> s.startsWith("group-"));
    }

    @Test
    void aFullStoreReclaimsEntriesThatExpiredEarlierInTheCurrentSecond() {
        MemoryFixture f = new MemoryFixture(new MemorySettings(10, MemorySettings.DEFAULT_MAX_VALUE_BYTES, 64));
        long ms = f.clock().now().toEpochMilli();
        f.clock().advance(Duration.ofMillis(1000 - Math.floorMod(ms, 1000) + 100)); // x.100 s
        ConsumedJwtIdStore jtis = f.store().consumedJwtIds();
        for (int i = 0; i < 10; i++) {
            jtis.mark("old-" + i, f.clock().now().plusMillis(100)); // expire at x.200 s, reclaimable at (x + 60).200 s
        }
        f.clock().advance(Duration.ofMillis(500).plus(SKEW)); // (x + 60).600 s: past the allowance, same second
        jtis.mark("new", f.clock().now().plusSeconds(60));
        assertThat(jtis.isMarked("new")).isTrue();
        assertThat(f.memoryStore().sizes().get(StoreKind.CONSUMED_JWT_IDS)).isEqualTo(1);
    }

    /**
     * A value that was replaced is garbage at once: the reclamation queue holds keys, not values,
     * so a session touched every request does not keep its old copies until their old expiry.
     */
    @Test
    void aReplacedValueIsNotKeptReachableUntilItsOldExpiry() throws InterruptedException {
        MemoryFixture f = new MemoryFixture();
        Session s = new Samples(f.clock()).session("g");
        f.store().sessions().save(s);
        String sid = s.sessionId();
        WeakReference<Session> old = new WeakReference<>(s);
        assertThat(f.store().sessions().touch(sid, f.clock().now().plusSeconds(7200))).isTrue();
        s = null;
        for (int i = 0; i < 50 && old.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(old.get()).as("the session as saved, before the touch replaced it").isNull();
        assertThat(f.store().sessions().find(sid)).as("the touched session is still there").isPresent();
    }

    @Test
    void aSessionRefusedByAFullStoreLeavesNoTraceInTheChooserGroupIndex() {
        MemoryFixture f = new MemoryFixture(new MemorySettings(2, MemorySettings.DEFAULT_MAX_VALUE_BYTES, 64));
        Samples samples = new Samples(f.clock());
        f.store().sessions().save(samples.session("kept-a"));
        f.store().sessions().save(samples.session("kept-b"));
        for (int i = 0; i < 3; i++) {
            Session refused = samples.session("refused-group");
            assertThatThrownBy(() -> f.store().sessions().save(refused)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("OIDCS-1110");
        }
        assertThat(f.store().sessions().listByChooserGroup("refused-group", null, 1000).items()).isEmpty();
        assertThat(f.memoryStore().dump()).noneMatch(line -> line.contains("refused-group"));
        assertThat(f.memoryStore().dump()).anyMatch(line -> line.contains("kept-a"));
    }

    @Test
    void anInteractionAboveMaxValueBytesIsRefusedAndWritesNothing() {
        MemoryFixture f = new MemoryFixture(new MemorySettings(10, 1024, 64));
        var i = new Samples(f.clock()).interaction(new byte[1025]);
        assertThatThrownBy(() -> f.store().interactions().save(i)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1024").hasMessageContaining(MemorySettings.MAX_VALUE_BYTES_KEY);
        assertThat(f.store().interactions().find(i.interactionId())).isEmpty();
        assertThat(f.memoryStore().sizes().get(StoreKind.INTERACTIONS)).isZero();
    }
}
