package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.Limits;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;

/**
 * Keyset paging of {@link SessionStore#listByChooserGroup}: every page strictly after its cursor
 * in one stable order ({@code createdAt}, then id), no session that existed throughout the listing
 * repeated or skipped while other threads save and delete members, page sizes 1 and
 * {@link Limits#MAX_PAGE_SIZE}, bad limits and malformed cursors refused, expired members never
 * listed.
 */
@ContractFor(SessionStore.class)
public abstract class SessionPagingContract extends StoreContract {

    private static final Comparator<Session> ORDER = KeysetWalk.SESSION_ORDER;

    /** Rounds of the concurrent listing cases (each a fresh group among fresh writers). */
    static final int PAGING_ROUNDS = 20;

    /** Cursors no listing ever hands out. */
    static final List<String> MALFORMED_CURSORS = List.of("", "not-a-cursor", ".", "123", "123.", ".sid", "abc.sid",
            "1.2.3x\u0000", "-1.sid", "12345678901234567890.sid", "253402300800000000.sid", "1.\n", "1.jti\uDC00",
            "1." + "x".repeat(Limits.MAX_ID_LENGTH + 1));

    private SessionStore sessions() {
        return store.sessions();
    }

    private List<Session> walk(String group, int limit) {
        return walk(group, limit, () -> { });
    }

    /**
     * Every member of {@code group}, {@code limit} per page, checking that each item follows the
     * previous one; {@code beforePage} runs before each page is read.
     */
    private List<Session> walk(String group, int limit, Runnable beforePage) {
        return KeysetWalk.walk((cursor, l) -> sessions().listByChooserGroup(group, cursor, l), limit, ORDER, beforePage);
    }

    /** A member of {@code group} created at {@code at}. */
    private Session member(String group, Instant at) {
        return samples.session(group).toBuilder().createdAt(at).updatedAt(at).authTime(at).build();
    }

    @Test
    @Covers("listByChooserGroup")
    void pagesNeitherRepeatNorSkipSessionsThatExistedThroughoutWhileOthersAreSavedAndDeleted() {
        for (int round = 0; round < PAGING_ROUNDS; round++) {
            String group = "busy-" + round;
            Instant t0 = clock.now();
            List<Session> stable = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                // long runs of ties: the id orders them, and pages start and end inside a run
                Session s = member(group, t0.plusMillis(i / 12));
                sessions().save(s);
                stable.add(s);
            }
            ConcurrentLinkedQueue<String> churned = new ConcurrentLinkedQueue<>();
            List<Session> listed;
            try (Churn churn = Churn.start(3, (thread, n) -> {
                Session s = member(group, t0.plusMillis(ThreadLocalRandom.current().nextInt(0, 2)));
                sessions().save(s);
                churned.add(s.sessionId());
                if (n > 0) {
                    sessions().delete(churned.poll()); // a bounded set of sessions comes and goes
                }
            })) {
                listed = walk(group, 2, () -> churn.pace(3));
            }
            Set<String> ids = new HashSet<>();
            for (Session s : listed) {
                assertThat(ids.add(s.sessionId())).as("round %d: %s listed twice", round, s).isTrue();
            }
            List<Session> skipped = new ArrayList<>(stable);
            skipped.removeAll(listed);
            assertThat(skipped).as("round %d: sessions that existed throughout but were skipped (of %d)", round,
                    stable.size()).isEmpty();
        }
    }

    @Test
    @Covers("listByChooserGroup")
    void aPageOfOneWalksTheGroupInItsStableOrder() {
        List<Session> saved = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Session s = member("one-by-one", clock.now().plusMillis(i / 4));
            sessions().save(s);
            saved.add(s);
        }
        saved.sort(ORDER);
        assertThat(walk("one-by-one", 1)).containsExactlyElementsOf(saved);
        assertThat(walk("one-by-one", 5)).as("the same order whatever the page size").containsExactlyElementsOf(saved);
        KeysetPage<Session> first = sessions().listByChooserGroup("one-by-one", null, 1);
        assertThat(first.items()).containsExactly(saved.get(0));
        assertThat(sessions().listByChooserGroup("one-by-one", first.nextCursor(), 1).items())
                .containsExactly(saved.get(1));
    }

    @Test
    @Covers("listByChooserGroup")
    void aPageOfTheMaximumSizeHoldsThatManySessions() {
        List<Session> saved = new ArrayList<>();
        inTransactionIfAny(() -> {
            for (int i = 0; i <= Limits.MAX_PAGE_SIZE; i++) {
                Session s = member("crowded", clock.now().plusMillis(i / 10));
                sessions().save(s);
                saved.add(s);
            }
            return null;
        });
        saved.sort(ORDER);
        KeysetPage<Session> first = sessions().listByChooserGroup("crowded", null, Limits.MAX_PAGE_SIZE);
        assertThat(first.items()).containsExactlyElementsOf(saved.subList(0, Limits.MAX_PAGE_SIZE));
        assertThat(first.nextCursor()).isNotNull();
        KeysetPage<Session> second = sessions().listByChooserGroup("crowded", first.nextCursor(), Limits.MAX_PAGE_SIZE);
        assertThat(second).isEqualTo(new KeysetPage<>(List.of(saved.get(Limits.MAX_PAGE_SIZE)), null));
    }

    @Test
    @Covers("listByChooserGroup")
    void badLimitsAndMalformedCursorsAreRefused() {
        sessions().save(samples.session("strict"));
        for (int bad : List.of(0, -1, Integer.MIN_VALUE, Limits.MAX_PAGE_SIZE + 1, Integer.MAX_VALUE)) {
            assertThatThrownBy(() -> sessions().listByChooserGroup("strict", null, bad)).as("limit %d", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String bad : MALFORMED_CURSORS) {
            assertThatThrownBy(() -> sessions().listByChooserGroup("strict", bad, 10)).as("cursor %s", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @Covers("listByChooserGroup")
    void expiredMembersAreNeverListedOnAnyPage() {
        Instant t = clock.now();
        Session a = member("fading", t);
        Session b = member("fading", t.plusMillis(1)).toBuilder().expiresAt(t.plusSeconds(5)).build();
        Session c = member("fading", t.plusMillis(2));
        Session bornExpired = member("fading", t.minus(HowExpired.AGE)).toBuilder()
                .expiresAt(t.minus(HowExpired.EXPIRED_FOR)).build();
        Session e = member("fading", t.plusMillis(3)).toBuilder().expiresAt(t.plusSeconds(5)).build();
        Session f = member("fading", t.plusMillis(4));
        for (Session s : List.of(a, b, c, bornExpired, e, f)) {
            sessions().save(s);
        }
        KeysetPage<Session> first = sessions().listByChooserGroup("fading", null, 2);
        assertThat(first.items()).containsExactly(a, b);
        clock.advance(Duration.ofSeconds(5));
        KeysetPage<Session> second = sessions().listByChooserGroup("fading", first.nextCursor(), 2);
        assertThat(second.items()).as("e expired between the pages").containsExactly(c, f);
        assertThat(second.nextCursor()).isNull();
        assertThat(walk("fading", 1)).containsExactly(a, c, f);
    }
}
