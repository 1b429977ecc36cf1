package org.oidcstore.store.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.tck.Race;
import org.oidcstore.store.tck.Samples;
import redis.clients.jedis.UnifiedJedis;

/**
 * The subject index on the real three-master cluster: a subject's sessions live in the slots of
 * their homes (many masters), its index in a slot of its own, so the index entries are hints
 * checked against the sessions. Stale hints (a session gone, expired, of another subject, or
 * re-scored) are never listed and are removed by the listing that meets them; a sign-out racing
 * saves of new sessions of the subject leaves each new session either deleted or whole, and the
 * index, once listed, holding exactly the live sessions.
 */
class ClusterSubjectSessionsTest {

    private static Session of(Samples samples, String subject, String group, Instant at) {
        return samples.session(group).toBuilder().subject(subject).createdAt(at).updatedAt(at).authTime(at).build();
    }

    /** The members of the subject's index, as an admin reads them. */
    private static Set<String> hints(RedisFixture f, String subject) {
        UnifiedJedis admin = f.admin().jedis();
        return admin.zrange(SessionIndexes.indexKey(new RedisKeys(f.prefix()), subject), 0, -1).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).collect(Collectors.toSet());
    }

    @Test
    void aSubjectsSessionsOnEveryMasterAreListedAndSignedOutAndNothingIsLeftBehind() {
        try (RedisFixture f = new RedisFixture(Topology.CLUSTER)) {
            SessionStore sessions = f.store().sessions();
            Samples samples = new Samples(f.clock());
            RedisKeys keys = new RedisKeys(f.prefix());
            Set<Long> homeSlots = new HashSet<>();
            List<Session> mine = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Session s = of(samples, "alice{x}:y", i % 4 == 0 ? null : "browser-" + i, f.clock().now().plusMillis(i));
                sessions.save(s);
                mine.add(s);
                homeSlots.add(f.admin().keySlot(SessionKeys.hashKey(keys,
                        SessionKeys.home(s.chooserGroup(), s.sessionId()), s.sessionId())));
            }
            assertThat(homeSlots.stream().map(slot -> slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2).distinct().count())
                    .as("masters holding alice's sessions").isEqualTo(3);
            Session bob = of(samples, "bob", "browser-1", f.clock().now());
            sessions.save(bob);
            assertThat(sessions.listBySubject("alice{x}:y", null, 1000).items()).containsExactlyElementsOf(mine);
            assertThat(hints(f, "alice{x}:y")).hasSize(40);
            assertThat(sessions.deleteBySubject("alice{x}:y")).isEqualTo(40);
            for (Session s : mine) {
                assertThat(sessions.find(s.sessionId())).isEmpty();
            }
            assertThat(sessions.listByChooserGroup("browser-1", null, 1000).items()).containsExactly(bob);
            assertThat(sessions.delete(bob.sessionId())).isTrue();
            assertThat(f.admin().dump(f.prefix())).as("nothing is left behind").isEmpty();
        }
    }

    @Test
    void staleHintsAreNeverListedAndTheListingThatMeetsThemRemovesThem() {
        try (RedisFixture f = new RedisFixture(Topology.CLUSTER)) {
            SessionStore sessions = f.store().sessions();
            Samples samples = new Samples(f.clock());
            Instant t = f.clock().now();
            Session kept = of(samples, "carol", "g1", t);
            Session movedAway = of(samples, "carol", "g2", t.plusMillis(1));
            Session deleted = of(samples, "carol", null, t.plusMillis(2));
            Session rescored = of(samples, "carol", "g3", t.plusMillis(3));
            for (Session s : List.of(kept, movedAway, deleted, rescored)) {
                sessions.save(s);
            }
            sessions.save(movedAway.toBuilder().subject("dave").build()); // carol's hint of it is now stale
            // a delete that died before removing its hint: the session is gone, the hint stays
            UnifiedJedis admin = f.admin().jedis();
            RedisKeys keys = new RedisKeys(f.prefix());
            assertThat(admin.del(SessionKeys.pointerKey(keys, deleted.sessionId()))).isEqualTo(1);
            byte[] index = SessionIndexes.indexKey(keys, "carol");
            admin.zadd(index, Micros.of(t.plusMillis(4)), "forged-sid".getBytes(StandardCharsets.UTF_8));
            admin.zadd(index, Micros.of(t.minusSeconds(60)), rescored.sessionId().getBytes(StandardCharsets.UTF_8));
            assertThat(hints(f, "carol")).hasSize(5);

            assertThat(sessions.listBySubject("carol", null, 1000).items()).as("the first listing")
                    .containsExactly(kept);
            assertThat(hints(f, "carol")).as("stale hints removed, the re-scored one put at its place")
                    .containsExactlyInAnyOrder(kept.sessionId(), rescored.sessionId());
            assertThat(admin.zscore(index, rescored.sessionId().getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo((double) Micros.of(rescored.createdAt()));
            assertThat(sessions.listBySubject("carol", null, 1).items()).containsExactly(kept);
            assertThat(sessions.listBySubject("carol", null, 1000).items()).containsExactly(kept, rescored);
            assertThat(sessions.listBySubject("dave", null, 1000).items()).containsExactly(
                    movedAway.toBuilder().subject("dave").build());
            assertThat(sessions.deleteBySubject("carol")).isEqualTo(2);
            assertThat(hints(f, "carol")).isEmpty();
        }
    }

    /** A session written before the index existed (an upgrade: no hint) gets its hint at its first touch. */
    @Test
    void aSessionWithoutAHintGetsOneWhenTouched() {
        try (RedisFixture f = new RedisFixture(Topology.CLUSTER)) {
            SessionStore sessions = f.store().sessions();
            Samples samples = new Samples(f.clock());
            Session old = of(samples, "frank", "g-old", f.clock().now());
            sessions.save(old);
            assertThat(f.admin().jedis().del(SessionIndexes.indexKey(new RedisKeys(f.prefix()), "frank"))).isEqualTo(1);
            assertThat(sessions.listBySubject("frank", null, 10).items()).isEmpty();
            Instant until = f.clock().now().plusSeconds(7200);
            assertThat(sessions.touch(old.sessionId(), until)).isTrue();
            Session touched = sessions.find(old.sessionId()).orElseThrow();
            assertThat(sessions.listBySubject("frank", null, 10).items()).containsExactly(touched);
            assertThat(f.admin().jedis().pttl(SessionIndexes.indexKey(new RedisKeys(f.prefix()), "frank")))
                    .as("the index lives at least as long as its member").isGreaterThan(7_100_000L);
            assertThat(sessions.deleteBySubject("frank")).isEqualTo(1);
        }
    }

    /**
     * Per round: thread 0 signs the subject out while 14 threads save new sessions of it in
     * groups all over the cluster and one thread lists it (pruning as it goes). Afterwards every
     * new session is found iff it is listed by subject and by group; the index, once listed,
     * holds exactly the live sessions; a second sign-out deletes exactly those.
     */
    @Test
    void signOutRacingSavesAndListingsLosesNoHintAndListsNoGhost() {
        try (RedisFixture f = new RedisFixture(Topology.CLUSTER)) {
            SessionStore sessions = f.store().sessions();
            Samples samples = new Samples(f.clock());
            List<List<Session>> fresh = new ArrayList<>();
            Race.<Integer>rounds(round -> {
                String subject = "erin-" + round;
                for (int i = 0; i < 5; i++) {
                    sessions.save(of(samples, subject, "old-" + round + "-" + i, f.clock().now()));
                }
                List<Session> mine = new ArrayList<>();
                for (int i = 0; i < Race.THREADS; i++) {
                    mine.add(of(samples, subject, "new-" + round + "-" + i, f.clock().now().plusMillis(i)));
                }
                fresh.clear();
                fresh.add(mine);
                return t -> switch (t) {
                    case 0 -> () -> sessions.deleteBySubject(subject);
                    case 1 -> () -> sessions.listBySubject(subject, null, 3).items().size();
                    default -> () -> {
                        sessions.save(mine.get(t));
                        return -1;
                    };
                };
            }, (round, outcomes) -> {
                assertThat(outcomes).allMatch(Race.Outcome::succeeded);
                String subject = "erin-" + round;
                Set<String> listed = sessions.listBySubject(subject, null, 1000).items().stream()
                        .map(Session::sessionId).collect(Collectors.toSet());
                for (int t = 2; t < Race.THREADS; t++) {
                    Session s = fresh.get(0).get(t);
                    boolean found = sessions.find(s.sessionId()).isPresent();
                    assertThat(listed.contains(s.sessionId())).as("round %d: %s listed iff found", round, t)
                            .isEqualTo(found);
                    assertThat(sessions.listByChooserGroup(s.chooserGroup(), null, 10).items().isEmpty())
                            .as("round %d: group of %s", round, t).isEqualTo(!found);
                }
                for (int i = 0; i < 5; i++) {
                    assertThat(sessions.listByChooserGroup("old-" + round + "-" + i, null, 10).items()).isEmpty();
                }
                assertThat(hints(f, subject)).as("round %d: the index after a listing", round).isEqualTo(listed);
                assertThat(sessions.deleteBySubject(subject)).isEqualTo(listed.size());
                assertThat(hints(f, subject)).isEmpty();
            });
        }
    }
}
