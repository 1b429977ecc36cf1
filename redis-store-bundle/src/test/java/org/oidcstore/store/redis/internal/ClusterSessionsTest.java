package org.oidcstore.store.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.tck.Race;
import org.oidcstore.store.tck.Samples;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Sessions on the real three-master cluster: the keys of each multi-key script share one slot, the
 * groups of a workload spread over several masters, and moving a session between groups (slots)
 * keeps find, list and the pointer consistent, also under concurrent moves.
 */
class ClusterSessionsTest {

    @Test
    void theKeysOfEveryMultiKeyScriptShareOneSlotAndGroupsSpreadOverTheMasters() {
        try (RedisFixture f = new RedisFixture(Topology.CLUSTER)) {
            RedisKeys keys = new RedisKeys(f.prefix());
            AdminClient admin = f.admin();
            Set<Long> slots = new HashSet<>();
            for (int g = 0; g < 40; g++) {
                // random, like real chooser groups; braces and colons must not break the tag
                String home = SessionKeys.groupHome(Samples.id("browser") + "{x}:y");
                byte[] hash = SessionKeys.hashKey(keys, home, "sid:" + g + "}{");
                byte[] index = SessionKeys.indexKey(keys, home);
                long slot = admin.keySlot(hash);
                assertThat(admin.keySlot(index)).as("group %d", g).isEqualTo(slot);
                assertThat(JedisClusterCRC16.getSlot(hash)).isEqualTo((int) slot);
                slots.add(slot);
            }
            String noGroup = SessionKeys.home(null, "lonely}{sid");
            assertThat(admin.keySlot(SessionKeys.hashKey(keys, noGroup, "lonely}{sid")))
                    .isEqualTo(admin.keySlot(SessionKeys.indexKey(keys, noGroup)));
            assertThat(slots).as("distinct slots of 40 groups").hasSizeGreaterThan(30);
            assertThat(slots.stream().map(ClusterSessionsTest::master).distinct().count())
                    .as("masters holding those groups").isEqualTo(3);
        }
    }

    @Test
    void sessionsOfManyGroupsMoveBetweenSlotsConsistently() {
        try (RedisFixture f = new RedisFixture(Topology.CLUSTER)) {
            SessionStore sessions = f.store().sessions();
            Samples samples = new Samples(f.clock());
            List<Session> saved = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Session s = samples.session("group-" + (i % 20));
                sessions.save(s);
                saved.add(s);
            }
            for (int g = 0; g < 20; g++) {
                assertThat(sessions.listByChooserGroup("group-" + g, null, 1000).items()).hasSize(3);
            }
            // every session moves to the next group (another slot, mostly another master)
            List<Session> moved = new ArrayList<>();
            for (int i = 0; i < saved.size(); i++) {
                Session m = saved.get(i).toBuilder().chooserGroup("group-" + ((i + 1) % 20)).build();
                sessions.save(m);
                moved.add(m);
                assertThat(sessions.find(m.sessionId())).contains(m);
            }
            for (int g = 0; g < 20; g++) {
                int group = g;
                assertThat(sessions.listByChooserGroup("group-" + g, null, 1000).items()).containsExactlyInAnyOrderElementsOf(
                        moved.stream().filter(s -> s.chooserGroup().equals("group-" + group)).toList());
            }
            Session lonely = moved.get(0).toBuilder().chooserGroup(null).build();
            sessions.save(lonely);
            assertThat(sessions.find(lonely.sessionId())).contains(lonely);
            assertThat(sessions.listByChooserGroup(moved.get(0).chooserGroup(), null, 1000).items()).doesNotContain(moved.get(0));
            f.clock().advance(Duration.ofMinutes(1));
            assertThat(sessions.touch(moved.get(1).sessionId(), f.clock().now().plus(Duration.ofHours(1)))).isTrue();
            for (Session s : moved) {
                assertThat(sessions.delete(s.sessionId())).isTrue();
            }
            for (int g = 0; g < 20; g++) {
                assertThat(sessions.listByChooserGroup("group-" + g, null, 1000).items()).isEmpty();
            }
            assertThat(f.admin().dump(f.prefix())).as("nothing is left behind").isEmpty();
        }
    }

    /**
     * 16 threads save one session into 16 different groups (slots) at once while it is being read:
     * afterwards exactly one group lists it, find agrees with that group, and no reader ever saw it
     * missing.
     */
    @Test
    void concurrentMovesOfOneSessionLeaveExactlyOneConsistentHome() {
        try (RedisFixture f = new RedisFixture(Topology.CLUSTER)) {
            SessionStore sessions = f.store().sessions();
            Samples samples = new Samples(f.clock());
            AtomicInteger missing = new AtomicInteger();
            Session[] current = new Session[1];
            Race.<Integer>rounds(round -> {
                Session s = samples.session("start-" + round);
                sessions.save(s);
                current[0] = s;
                return t -> () -> {
                    if (t % 4 == 3) { // a reader
                        for (int r = 0; r < 5; r++) {
                            if (sessions.find(s.sessionId()).isEmpty()) {
                                missing.incrementAndGet();
                            }
                        }
                        return -1;
                    }
                    sessions.save(s.toBuilder().chooserGroup("round-" + round + "-g" + t).build());
                    return t;
                };
            }, (round, outcomes) -> {
                assertThat(outcomes).allMatch(Race.Outcome::succeeded);
                Session found = sessions.find(current[0].sessionId()).orElseThrow();
                int listed = 0;
                for (int t = 0; t < Race.THREADS; t++) {
                    List<Session> members = sessions.listByChooserGroup("round-" + round + "-g" + t, null, 1000).items();
                    if (!members.isEmpty()) {
                        listed++;
                        assertThat(members).containsExactly(found);
                    }
                }
                assertThat(sessions.listByChooserGroup("start-" + round, null, 1000).items()).isEmpty();
                assertThat(listed).as("round %d: groups listing the session", round).isEqualTo(1);
                assertThat(sessions.delete(found.sessionId())).isTrue();
                assertThat(sessions.find(found.sessionId())).isEmpty();
            });
            assertThat(missing.get()).as("reads that saw a moving session as missing").isZero();
        }
    }

    private static int master(long slot) {
        return slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2;
    }
}
