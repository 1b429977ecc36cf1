package org.oidcstore.store.redis.internal;

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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Approval;
import org.oidcstore.store.CibaMode;
import org.oidcstore.store.CibaRequest;
import org.oidcstore.store.DeviceAuthorization;
import org.oidcstore.store.Interaction;
import org.oidcstore.store.InteractionStore;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.tck.Samples;
import redis.clients.jedis.UnifiedJedis;

/**
 * The subject hints of interactions, device authorizations and CIBA requests on the real
 * three-master cluster: records spread over the masters, each kind's index in the subject's slot.
 * A hint is only a hint (a forged or stale one never deletes another subject's record), an index
 * expires with its records, and an erasure racing saves for the subject leaves each saved
 * interaction either erased or present with its hint.
 */
class ClusterSubjectHintsTest {
    private static final Duration LIFE = Duration.ofMinutes(10);

    private static Set<String> hints(RedisFixture f, String segment, String subject) {
        UnifiedJedis admin = f.admin().jedis();
        return admin.zrange(SubjectHints.key(new RedisKeys(f.prefix()), segment, subject), 0, -1).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).collect(Collectors.toSet());
    }

    private static Interaction interaction(RedisFixture f, String id, String subject) {
        Instant now = f.clock().now();
        return new Interaction(id, new byte[] {1, 2, 3}, now, now.plus(LIFE), subject);
    }

    @Test
    void aForgedOrStaleHintNeverDeletesAnotherSubjectsRecord() {
        try (RedisFixture f = new RedisFixture(Topology.CLUSTER)) {
            Instant now = f.clock().now();
            RedisKeys keys = new RedisKeys(f.prefix());
            f.store().interactions().save(interaction(f, "ia-bob", "bob"));
            String arid = Samples.secret("arid");
            f.store().cibaRequests().save(CibaRequest.pending(arid, "client-a", "bob", Set.of("openid"), List.of(),
                    null, CibaMode.POLL, null, now, now.plus(LIFE), Duration.ofSeconds(5)));
            String dc = Samples.secret("dc");
            f.store().deviceAuthorizations().save(DeviceAuthorization.pending(dc, "WDJB-MJHT", "client-a",
                    Set.of("openid"), Map.of(), now, now.plus(LIFE), Duration.ofSeconds(5)));
            f.store().deviceAuthorizations().approve(dc, Approval.of("bob", now));
            // alice's indexes hint at bob's records (what a crash, or a write to the keys, could leave)
            UnifiedJedis admin = f.admin().jedis();
            double later = Micros.of(now.plus(LIFE));
            for (String segment : List.of("ia:", "ciba:", "dev:")) {
                Set<String> bobs = hints(f, segment, "bob");
                assertThat(bobs).as("bob's %s hints", segment).hasSize(1);
                admin.zadd(SubjectHints.key(keys, segment, "alice"), later,
                        bobs.iterator().next().getBytes(StandardCharsets.UTF_8));
            }
            assertThat(f.store().interactions().eraseSubject("alice")).isZero();
            assertThat(f.store().cibaRequests().eraseSubject("alice")).isZero();
            assertThat(f.store().deviceAuthorizations().eraseSubject("alice")).isZero();
            assertThat(f.store().interactions().find("ia-bob")).isPresent();
            assertThat(f.store().cibaRequests().find(arid)).isPresent();
            assertThat(f.store().deviceAuthorizations().find(dc)).isPresent();
            for (String segment : List.of("ia:", "ciba:", "dev:")) {
                assertThat(hints(f, segment, "alice")).as("alice's %s hints, taken", segment).isEmpty();
            }
            // and bob's own erasure finds every one of them
            assertThat(f.store().interactions().eraseSubject("bob")).isEqualTo(1);
            assertThat(f.store().cibaRequests().eraseSubject("bob")).isEqualTo(1);
            assertThat(f.store().deviceAuthorizations().eraseSubject("bob")).isEqualTo(1);
            assertThat(f.persisted().dump()).noneMatch(s -> s.contains("bob"));
        }
    }

    @Test
    void aHintWhoseRecordIsAbsentButWouldBeLiveIsPutBackAndAnExpiredOneIsNot() {
        try (RedisFixture f = new RedisFixture(Topology.CLUSTER)) {
            Instant now = f.clock().now();
            RedisKeys keys = new RedisKeys(f.prefix());
            UnifiedJedis admin = f.admin().jedis();
            byte[] index = SubjectHints.key(keys, "ia:", "alice");
            // a save in flight: its hint written, its record not yet
            admin.zadd(index, Micros.of(now.plus(LIFE)), RedisInteractionStore.segment("ia-in-flight").getBytes(
                    StandardCharsets.UTF_8));
            admin.zadd(index, Micros.of(now.minusSeconds(1)), RedisInteractionStore.segment("ia-gone").getBytes(
                    StandardCharsets.UTF_8));
            assertThat(f.store().interactions().eraseSubject("alice")).isZero();
            assertThat(hints(f, "ia:", "alice")).containsExactly(RedisInteractionStore.segment("ia-in-flight"));
            assertThat(admin.pttl(index)).as("the index put back expires with its record")
                    .isBetween(LIFE.toMillis(), LIFE.plus(SubjectHints.MARGIN).toMillis() + 1000);
            f.store().interactions().save(interaction(f, "ia-in-flight", "alice")); // the save lands
            assertThat(f.store().interactions().eraseSubject("alice")).isEqualTo(1);
            assertThat(f.persisted().dump()).noneMatch(s -> s.contains("alice"));
        }
    }

    @Test
    void aDeletedInteractionTakesItsHintAlong() {
        try (RedisFixture f = new RedisFixture(Topology.CLUSTER)) {
            var ia = f.store().interactionCompareAndSwap().orElseThrow();
            ia.save(interaction(f, "ia-1", "alice"));
            ia.save(interaction(f, "ia-2", "alice"));
            ia.save(interaction(f, "ia-3", null));
            assertThat(hints(f, "ia:", "alice")).hasSize(2);
            assertThat(ia.delete("ia-1")).isTrue();
            ia.deleteIfUnchanged("ia-2", new byte[] {1, 2, 3});
            assertThat(ia.delete("ia-3")).isTrue();
            assertThat(f.persisted().dump()).noneMatch(s -> s.contains("alice"));
            assertThat(ia.eraseSubject("alice")).isZero();
        }
    }

    @Test
    void anIndexExpiresWithItsRecordsAndTrimsHintsOfExpiredOnes() {
        try (RedisFixture f = new RedisFixture(Topology.CLUSTER)) {
            InteractionStore ia = f.store().interactions();
            ia.save(interaction(f, "ia-1", "alice"));
            byte[] index = SubjectHints.key(new RedisKeys(f.prefix()), "ia:", "alice");
            long pttl = f.admin().jedis().pttl(index);
            assertThat(pttl).isBetween(LIFE.toMillis(), LIFE.plus(SubjectHints.MARGIN).toMillis() + 1000);
            // long after ia-1 expired (past the margin), another save trims its hint
            f.clock().advance(LIFE.plus(SubjectHints.MARGIN).plusSeconds(1));
            ia.save(interaction(f, "ia-2", "alice"));
            assertThat(hints(f, "ia:", "alice")).containsExactly(RedisInteractionStore.segment("ia-2"));
        }
    }

    @Test
    void anErasureRacingSavesForTheSubjectLeavesEachEitherErasedOrPresentAndHinted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (RedisFixture f = new RedisFixture(Topology.CLUSTER)) {
            InteractionStore ia = f.store().interactions();
            for (int round = 0; round < 20; round++) {
                String subject = Samples.id("sub-race");
                for (int i = 0; i < 10; i++) {
                    ia.save(interaction(f, "old-" + round + "-" + i, subject));
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> writers = new ArrayList<>();
                List<String> saved = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        ids.add("new-" + round + "-" + w + "-" + i);
                    }
                    saved.addAll(ids);
                    writers.add(pool.submit(() -> {
                        start.await();
                        for (String id : ids) {
                            ia.save(interaction(f, id, subject));
                        }
                        return null;
                    }));
                }
                Future<Integer> eraser = pool.submit(() -> {
                    start.await();
                    return ia.eraseSubject(subject);
                });
                start.countDown();
                for (Future<?> w : writers) {
                    w.get();
                }
                int erased = eraser.get();
                for (int i = 0; i < 10; i++) {
                    assertThat(ia.find("old-" + round + "-" + i)).as("saved before the erasure").isEmpty();
                }
                Set<String> present = new HashSet<>();
                for (String id : saved) {
                    if (ia.find(id).isPresent()) {
                        present.add(id);
                    }
                }
                assertThat(erased + present.size()).as("round %d", round).isEqualTo(10 + saved.size());
                assertThat(hints(f, "ia:", subject)).as("round %d: every survivor is hinted", round)
                        .containsAll(present.stream().map(RedisInteractionStore::segment).toList());
                assertThat(ia.eraseSubject(subject)).as("round %d: a later erasure finds them all", round)
                        .isEqualTo(present.size());
                assertThat(f.persisted().dump()).noneMatch(s -> s.contains(subject));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
