package org.oidcstore.store.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Approval;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionCompareAndSwap;
import org.oidcstore.store.StoreKind;
import org.oidcstore.store.memory.MemorySettings;
import org.oidcstore.store.spi.SecretDigest;
import org.oidcstore.store.spi.StoreSettings;
import org.oidcstore.store.tck.MutableClock;
import org.oidcstore.store.tck.Samples;

/**
 * The subject indexes the memory tier keeps beside its interactions, device authorizations and
 * CIBA requests for {@code eraseSubject}: they follow every write (a swap that changes the subject
 * moves the entry), empty with their records (erasure, delete, reclamation), and an erasure racing
 * saves for the subject leaves each saved record either erased or present and indexed.
 */
class MemorySubjectIndexTest {
    private static final Duration LIFE = Duration.ofMinutes(10);

    private final MutableClock clock = MutableClock.startingNow();

    private MemoryAggregate store() {
        return new MemoryAggregate(new MemorySettings(10_000, MemorySettings.DEFAULT_MAX_VALUE_BYTES, 64), clock,
                new StoreSettings(SecretDigest.peppered("test-pepper-0123456789abcdef-0123456789".getBytes(
                        StandardCharsets.UTF_8)), StoreSettings.DEFAULT_JWT_ID_CLOCK_SKEW));
    }

    private Interaction interaction(String id, String state, String subject) {
        Instant now = clock.now();
        return new Interaction(id, state.getBytes(StandardCharsets.UTF_8), now, now.plus(LIFE), subject);
    }

    private CibaRequest ciba(String authReqId, String subject) {
        Instant now = clock.now();
        return CibaRequest.pending(authReqId, "client-a", subject, Set.of("openid"), List.of(), null, CibaMode.POLL,
                null, now, now.plus(LIFE), Duration.ofSeconds(5));
    }

    private DeviceAuthorization device(String deviceCode, String userCode) {
        Instant now = clock.now();
        return DeviceAuthorization.pending(deviceCode, userCode, "client-a", Set.of("openid"), Map.of(), now,
                now.plus(LIFE), Duration.ofSeconds(5));
    }

    @Test
    void aSwapThatChangesTheSubjectMovesTheInteractionsEntry() {
        MemoryAggregate store = store();
        InteractionCompareAndSwap ia = (InteractionCompareAndSwap) store.interactions();
        ia.save(interaction("ia-1", "s0", null));
        assertThat(store.subjectsOf(StoreKind.INTERACTIONS).view()).isEmpty();
        ia.compareAndSwap("s0".getBytes(StandardCharsets.UTF_8), interaction("ia-1", "s1", "alice"));
        assertThat(store.subjectsOf(StoreKind.INTERACTIONS).keysOf("alice")).containsExactly("ia-1");
        ia.compareAndSwap("s1".getBytes(StandardCharsets.UTF_8), interaction("ia-1", "s2", "bob"));
        assertThat(store.subjectsOf(StoreKind.INTERACTIONS).keysOf("alice")).isEmpty();
        assertThat(store.subjectsOf(StoreKind.INTERACTIONS).keysOf("bob")).containsExactly("ia-1");

        assertThat(ia.eraseSubject("alice")).isZero();
        assertThat(ia.find("ia-1")).contains(interaction("ia-1", "s2", "bob"));
        assertThat(ia.eraseSubject("bob")).isEqualTo(1);
        assertThat(ia.find("ia-1")).isEmpty();
        assertThat(store.subjectsOf(StoreKind.INTERACTIONS).view()).isEmpty();
        assertThat(ia.eraseSubject("bob")).isZero();
    }

    @Test
    void theIndexesEmptyWithTheirRecordsOnDeleteAndReclamation() {
        MemoryAggregate store = store();
        store.interactions().save(interaction("ia-1", "s", "alice"));
        store.interactions().save(interaction("ia-2", "s", "alice"));
        store.cibaRequests().save(ciba(Samples.secret("rid"), "alice"));
        String dc = Samples.secret("dc");
        store.deviceAuthorizations().save(device(dc, "WDJB-MJHT"));
        assertThat(store.subjectsOf(StoreKind.DEVICE_AUTHORIZATIONS).view()).isEmpty(); // pending: no subject yet
        store.deviceAuthorizations().approve(dc, Approval.of("alice", clock.now()));
        assertThat(store.subjectsOf(StoreKind.DEVICE_AUTHORIZATIONS).keysOf("alice")).hasSize(1);
        assertThat(store.subjectsOf(StoreKind.CIBA_REQUESTS).keysOf("alice")).hasSize(1);

        store.interactions().delete("ia-1");
        assertThat(store.subjectsOf(StoreKind.INTERACTIONS).keysOf("alice")).containsExactly("ia-2");

        clock.advance(LIFE.plusSeconds(1));
        MemoryTierAccess.sweep(store);
        assertThat(store.subjectsOf(StoreKind.INTERACTIONS).view()).isEmpty();
        assertThat(store.subjectsOf(StoreKind.DEVICE_AUTHORIZATIONS).view()).isEmpty();
        assertThat(store.subjectsOf(StoreKind.CIBA_REQUESTS).view()).isEmpty();
    }

    @Test
    void theIndexesHoldDigestsOnlyNeverTheBearerSecrets() {
        MemoryAggregate store = store();
        String rid = Samples.secret("rid");
        String dc = Samples.secret("dc");
        store.cibaRequests().save(ciba(rid, "alice"));
        store.deviceAuthorizations().save(device(dc, "WDJB-MJHT"));
        store.deviceAuthorizations().approve(dc, Approval.of("alice", clock.now()));
        String held = String.join("\n", store.dump());
        assertThat(held).contains("alice").doesNotContain(rid).doesNotContain(dc);
    }

    @Test
    void anErasureRacingSavesForTheSubjectLeavesEachEitherErasedOrPresentAndIndexed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 50; round++) {
                MemoryAggregate store = store();
                InteractionCompareAndSwap ia = (InteractionCompareAndSwap) store.interactions();
                for (int i = 0; i < 20; i++) {
                    ia.save(interaction("old-" + i, "s", "alice"));
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 30; i++) {
                            ia.save(interaction("new-" + writer + "-" + i, "s", "alice"));
                        }
                        return null;
                    }));
                }
                Future<Integer> eraser = pool.submit(() -> {
                    start.await();
                    return ia.eraseSubject("alice");
                });
                start.countDown();
                for (Future<?> f : writers) {
                    f.get();
                }
                int erased = eraser.get();
                Set<String> present = new HashSet<>();
                for (int i = 0; i < 20; i++) {
                    assertThat(ia.find("old-" + i)).as("saved before the erasure began").isEmpty();
                }
                for (int w = 0; w < 3; w++) {
                    for (int i = 0; i < 30; i++) {
                        if (ia.find("new-" + w + "-" + i).isPresent()) {
                            present.add("new-" + w + "-" + i);
                        }
                    }
                }
                assertThat(erased + present.size()).isEqualTo(20 + 90);
                // the index names exactly the interactions that survived: a later erasure finds them all
                assertThat(store.subjectsOf(StoreKind.INTERACTIONS).keysOf("alice")).isEqualTo(present);
                assertThat(ia.eraseSubject("alice")).isEqualTo(present.size());
                assertThat(store.subjectsOf(StoreKind.INTERACTIONS).view()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
