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
 * The sessions of a subject ({@link SessionStore#listBySubject}, {@link SessionStore#deleteBySubject}):
 * the keyset rules of {@link SessionPagingContract} (one stable order, pages strictly after their
 * cursor, nothing that existed throughout repeated or skipped under churn, page sizes 1 and
 * {@link Limits#MAX_PAGE_SIZE}, bad limits and cursors refused, expired and deleted sessions never
 * listed), and "sign out everywhere": the count, nothing of the subject left, everyone else's
 * sessions kept, and a save racing the delete either deleted or whole, never half indexed.
 */
@ContractFor(SessionStore.class)
public abstract class SubjectSessionsContract extends StoreContract {

    private static final Comparator<Session> ORDER = KeysetWalk.SESSION_ORDER;

    private SessionStore sessions() {
        return store.sessions();
    }

    /** A session of {@code subject}, in a chooser group of its own or none, created at {@code at}. */
    private Session of(String subject, String group, Instant at) {
        return samples.session(group).toBuilder().subject(subject).createdAt(at).updatedAt(at).authTime(at).build();
    }

    private List<Session> walk(String subject, int limit) {
        return walk(subject, limit, () -> { });
    }

    private List<Session> walk(String subject, int limit, Runnable beforePage) {
        return KeysetWalk.sessionsOf(sessions(), subject, limit, beforePage);
    }

    @Test
    @Covers("listBySubject")
    void aSubjectsSessionsAcrossGroupsAreListedInOneStableOrder() {
        List<Session> saved = new ArrayList<>();
        Instant t = clock.now();
        for (int i = 0; i < 12; i++) {
            // several groups (and none): on Redis each its own home, in its own slot
            Session s = of("sub-many", i % 3 == 0 ? null : "grp-" + (i % 4), t.plusMillis(i / 4));
            sessions().save(s);
            saved.add(s);
        }
        sessions().save(of("sub-other", "grp-1", t));
        saved.sort(ORDER);
        assertThat(walk("sub-many", 1)).containsExactlyElementsOf(saved);
        assertThat(walk("sub-many", 5)).as("the same order whatever the page size").containsExactlyElementsOf(saved);
        KeysetPage<Session> first = sessions().listBySubject("sub-many", null, 1);
        assertThat(first.items()).containsExactly(saved.get(0));
        assertThat(sessions().listBySubject("sub-many", first.nextCursor(), 1).items()).containsExactly(saved.get(1));
        assertThat(sessions().listBySubject("sub-nobody", null, 10)).isEqualTo(new KeysetPage<>(List.of(), null));
    }

    @Test
    @Covers("listBySubject")
    void aSessionSavedAgainUnderAnotherSubjectOrGroupIsListedOnlyUnderItsCurrentSubject() {
        Session s = of("sub-before", "grp-a", clock.now());
        sessions().save(s);
        Session moved = s.toBuilder().subject("sub-after").chooserGroup("grp-b").build();
        sessions().save(moved);
        assertThat(walk("sub-before", 10)).isEmpty();
        assertThat(walk("sub-after", 10)).containsExactly(moved);
        assertThat(sessions().deleteBySubject("sub-before")).isZero();
        assertThat(sessions().find(s.sessionId())).contains(moved);
    }

    @Test
    @Covers("listBySubject")
    void pagesNeitherRepeatNorSkipSessionsThatExistedThroughoutWhileOthersAreSavedAndDeleted() {
        for (int round = 0; round < SessionPagingContract.PAGING_ROUNDS; round++) {
            String subject = "sub-busy-" + round;
            Instant t0 = clock.now();
            List<Session> stable = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Session s = of(subject, i % 2 == 0 ? null : "g-" + (i % 5), t0.plusMillis(i / 12));
                sessions().save(s);
                stable.add(s);
            }
            ConcurrentLinkedQueue<String> churned = new ConcurrentLinkedQueue<>();
            List<Session> listed;
            try (Churn churn = Churn.start(3, (thread, n) -> {
                Session s = of(subject, thread == 0 ? null : "g-" + thread,
                        t0.plusMillis(ThreadLocalRandom.current().nextInt(0, 2)));
                sessions().save(s);
                churned.add(s.sessionId());
                if (n > 0) {
                    sessions().delete(churned.poll());
                }
            })) {
                listed = walk(subject, 2, () -> churn.pace(3));
            }
            Set<String> ids = new HashSet<>();
            for (Session s : listed) {
                assertThat(ids.add(s.sessionId())).as("round %d: %s listed twice", round, s).isTrue();
            }
            List<Session> skipped = new ArrayList<>(stable);
            skipped.removeAll(listed);
            assertThat(skipped).as("round %d: sessions that existed throughout but were skipped", round).isEmpty();
        }
    }

    @Test
    @Covers("listBySubject")
    void aPageOfTheMaximumSizeHoldsThatManySessions() {
        List<Session> saved = new ArrayList<>();
        inTransactionIfAny(() -> {
            for (int i = 0; i <= Limits.MAX_PAGE_SIZE; i++) {
                Session s = of("sub-crowded", i % 2 == 0 ? null : "grp-crowded", clock.now().plusMillis(i / 10));
                sessions().save(s);
                saved.add(s);
            }
            return null;
        });
        saved.sort(ORDER);
        KeysetPage<Session> first = sessions().listBySubject("sub-crowded", null, Limits.MAX_PAGE_SIZE);
        assertThat(first.items()).containsExactlyElementsOf(saved.subList(0, Limits.MAX_PAGE_SIZE));
        assertThat(first.nextCursor()).isNotNull();
        KeysetPage<Session> second = sessions().listBySubject("sub-crowded", first.nextCursor(), Limits.MAX_PAGE_SIZE);
        assertThat(second).isEqualTo(new KeysetPage<>(List.of(saved.get(Limits.MAX_PAGE_SIZE)), null));
    }

    @Test
    @Covers("listBySubject")
    @Covers("deleteBySubject")
    void badArgumentsAreRefusedAndChangeNothing() {
        Session s = of("sub-strict", null, clock.now());
        sessions().save(s);
        for (int bad : List.of(0, -1, Integer.MIN_VALUE, Limits.MAX_PAGE_SIZE + 1, Integer.MAX_VALUE)) {
            assertThatThrownBy(() -> sessions().listBySubject("sub-strict", null, bad)).as("limit %d", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String bad : SessionPagingContract.MALFORMED_CURSORS) {
            assertThatThrownBy(() -> sessions().listBySubject("sub-strict", bad, 10)).as("cursor %s", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> sessions().listBySubject(null, null, 10)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> sessions().deleteBySubject(null)).isInstanceOf(NullPointerException.class);
        for (String never : List.of("", " ", "sub\u0000", "sub\uDC00", "x".repeat(Limits.MAX_ID_LENGTH + 1))) {
            assertThat(sessions().listBySubject(never, null, 10).items()).as("subject %s", never).isEmpty();
            assertThat(sessions().deleteBySubject(never)).as("subject %s", never).isZero();
        }
        assertThat(sessions().find(s.sessionId())).contains(s);
    }

    @Test
    @Covers("listBySubject")
    @Covers("deleteBySubject")
    void expiredAndDeletedSessionsAreNeverListedNorCounted() {
        Instant t = clock.now();
        Session a = of("sub-fading", "grp-f", t);
        Session b = of("sub-fading", null, t.plusMillis(1)).toBuilder().expiresAt(t.plusSeconds(5)).build();
        Session c = of("sub-fading", "grp-f", t.plusMillis(2));
        Session bornExpired = of("sub-fading", "grp-f", t.minus(HowExpired.AGE)).toBuilder()
                .expiresAt(t.minus(HowExpired.EXPIRED_FOR)).build();
        Session d = of("sub-fading", null, t.plusMillis(3));
        Session e = of("sub-fading", "grp-g", t.plusMillis(4)).toBuilder().expiresAt(t.plusSeconds(5)).build();
        Session f = of("sub-fading", "grp-g", t.plusMillis(5));
        for (Session s : List.of(a, b, c, bornExpired, d, e, f)) {
            sessions().save(s);
        }
        assertThat(sessions().delete(d.sessionId())).isTrue();
        KeysetPage<Session> first = sessions().listBySubject("sub-fading", null, 2);
        assertThat(first.items()).containsExactly(a, b);
        clock.advance(Duration.ofSeconds(5));
        KeysetPage<Session> second = sessions().listBySubject("sub-fading", first.nextCursor(), 2);
        assertThat(second.items()).as("e expired between the pages").containsExactly(c, f);
        assertThat(second.nextCursor()).isNull();
        assertThat(sessions().deleteBySubject("sub-fading")).as("a, c and f were live").isEqualTo(3);
    }

    @Test
    @Covers("deleteBySubject")
    @Covers("listByChooserGroup")
    void signingOutEverywhereDeletesEverySessionOfTheSubjectAndNoOtherOne() {
        Instant t = clock.now();
        List<Session> mine = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            mine.add(of("sub-leaving", i % 3 == 0 ? null : "shared-" + (i % 4), t.plusMillis(i % 7)));
        }
        List<Session> others = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            others.add(of(i % 2 == 0 ? "sub-staying" : "sub-leaving-not", i % 3 == 0 ? null : "shared-" + (i % 4), t));
        }
        for (Session s : mine) {
            sessions().save(s);
        }
        for (Session s : others) {
            sessions().save(s);
        }
        assertThat(sessions().deleteBySubject("sub-leaving")).isEqualTo(mine.size());
        for (Session s : mine) {
            assertThat(sessions().find(s.sessionId())).as("%s signed out", s.sessionId()).isEmpty();
        }
        for (Session s : others) {
            assertThat(sessions().find(s.sessionId())).as("%s kept", s.sessionId()).contains(s);
        }
        assertThat(walk("sub-leaving", 10)).isEmpty();
        for (int g = 1; g < 4; g++) {
            for (Session s : sessions().listByChooserGroup("shared-" + g, null, Limits.MAX_PAGE_SIZE).items()) {
                assertThat(s.subject()).as("group shared-%d lists only sessions still there", g).isNotEqualTo("sub-leaving");
            }
        }
        List<Session> staying = others.stream().filter(s -> s.subject().equals("sub-staying")).sorted(ORDER).toList();
        assertThat(walk("sub-staying", 3)).containsExactlyElementsOf(staying);
        assertThat(sessions().deleteBySubject("sub-leaving")).as("idempotent").isZero();
    }

    /**
     * Thread 0 signs the subject out everywhere while the others save new sessions of it: each new
     * session is then either gone everywhere (deleted, counted) or whole (found, listed by its
     * subject and its group); every session saved before the round is gone; the count is exactly
     * the sessions that disappeared.
     */
    @Test
    @Covers(value = "deleteBySubject", race = true)
    void aSaveRacingASignOutIsEitherDeletedOrWholeNeverHalfIndexed() {
        List<Set<String>> before = new ArrayList<>();
        List<List<Session>> fresh = new ArrayList<>();
        Race.<Integer>rounds(round -> {
            String subject = "sub-race-" + round;
            Set<String> existing = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                Session s = of(subject, i % 2 == 0 ? null : "race-g" + round, clock.now());
                sessions().save(s);
                existing.add(s.sessionId());
            }
            before.clear();
            before.add(existing);
            List<Session> mine = new ArrayList<>();
            for (int i = 1; i < Race.THREADS; i++) {
                mine.add(of(subject, i % 2 == 0 ? null : "race-g" + round, clock.now().plusMillis(i)));
            }
            fresh.clear();
            fresh.add(mine);
            return i -> i == 0 ? () -> sessions().deleteBySubject(subject) : () -> {
                sessions().save(mine.get(i - 1));
                return -1;
            };
        }, (round, outcomes) -> {
            for (Race.Outcome<Integer> o : outcomes) {
                assertThat(o.error()).as("round %d", round).isNull();
            }
            String subject = "sub-race-" + round;
            for (String sid : before.get(0)) {
                assertThat(sessions().find(sid)).as("round %d: %s existed before the sign-out", round, sid).isEmpty();
            }
            Set<String> listed = new HashSet<>();
            for (Session s : walk(subject, 3)) {
                listed.add(s.sessionId());
            }
            Set<String> grouped = new HashSet<>();
            for (Session s : sessions().listByChooserGroup("race-g" + round, null, Limits.MAX_PAGE_SIZE).items()) {
                grouped.add(s.sessionId());
            }
            int gone = before.get(0).size();
            for (Session s : fresh.get(0)) {
                boolean found = sessions().find(s.sessionId()).isPresent();
                assertThat(listed.contains(s.sessionId())).as("round %d: %s listed by subject iff found", round,
                        s.sessionId()).isEqualTo(found);
                if (s.chooserGroup() != null) {
                    assertThat(grouped.contains(s.sessionId())).as("round %d: %s listed by group iff found", round,
                            s.sessionId()).isEqualTo(found);
                }
                if (!found) {
                    gone++;
                }
            }
            assertThat(outcomes.get(0).value()).as("round %d: the count is what disappeared", round).isEqualTo(gone);
            assertThat(sessions().deleteBySubject(subject)).as("round %d: the survivors", round)
                    .isEqualTo(listed.size());
            assertThat(walk(subject, 5)).isEmpty();
        });
    }
}
