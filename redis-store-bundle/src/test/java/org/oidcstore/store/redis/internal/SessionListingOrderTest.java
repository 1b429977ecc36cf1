package org.oidcstore.store.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;
import org.oidcstore.store.redis.support.TestServers.Topology;
import org.oidcstore.store.tck.Samples;

/**
 * The keyset of {@code listByChooserGroup} on Redis: sessions created in the same microsecond are
 * listed by the bytes of their UTF-8 ids, as Redis orders equal scores ({@code memcmp}: a prefix
 * first, bytes unsigned), and a cursor inside such a run resumes right after its member, whatever
 * the page size. The TCK's ids are ASCII; these are not.
 */
class SessionListingOrderTest {
    /** Prefixes, upper and lower case, two-, three- and four-byte characters, key-escaped characters. */
    private static final List<String> IDS = List.of("a", "ab", "a~", "b", "B", "Z", "é", "éa", "ñ1", "€", "\uD83D\uDE00x",
            "%3A", ":", "{x}", "~", "0");

    private static final Comparator<String> UTF8_BYTES = (x, y) -> Arrays.compareUnsigned(
            x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"PLAIN", "CLUSTER"})
    void sessionsOfOneMicrosecondAreListedByTheBytesOfTheirIdsOnEveryPageSize(Topology topology) {
        try (RedisFixture f = new RedisFixture(topology)) {
            SessionStore sessions = f.store().sessions();
            Samples samples = new Samples(f.clock());
            String group = Samples.id("ties");
            Instant t = f.clock().now();
            List<Session> expected = new ArrayList<>();
            // two runs of equal scores, one microsecond apart; the second run's ids keep their prefixes
            for (String run : List.of("", "2")) {
                Instant at = run.isEmpty() ? t : t.plusNanos(1_000);
                for (String id : IDS) {
                    expected.add(samples.session(group).toBuilder().sessionId(run + id).createdAt(at).updatedAt(at)
                            .authTime(at).build());
                }
            }
            expected.sort(Comparator.comparing(Session::createdAt).thenComparing(Session::sessionId, UTF8_BYTES));
            List<Session> saveOrder = new ArrayList<>(expected);
            Collections.reverse(saveOrder);
            for (Session s : saveOrder) {
                sessions.save(s);
            }
            for (int pageSize : new int[] {1, 2, 3, 7, 1000}) {
                assertThat(walk(sessions, group, pageSize)).as("page size %d", pageSize)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    private static List<Session> walk(SessionStore sessions, String group, int limit) {
        List<Session> all = new ArrayList<>();
        String cursor = null;
        do {
            KeysetPage<Session> page = sessions.listByChooserGroup(group, cursor, limit);
            for (Session s : page.items()) {
                assertThat(all).as("an item listed again").doesNotContain(s);
                all.add(s);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }
}
