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
import org.oidcstore.store.Grant;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.Limits;

/**
 * Keyset paging of {@link GrantStore#listBySubject} (newest first: {@code createdAt}, then grant
 * id, descending), {@link GrantStore#listClientIds} and {@link GrantStore#listSubjects} (ascending
 * binary): every page strictly
 * after its cursor, no item that existed throughout repeated or skipped while other threads save
 * and delete grants, page sizes 1 and {@link Limits#MAX_PAGE_SIZE}, bad limits and malformed
 * cursors refused, expired grants never listed.
 */
@ContractFor(GrantStore.class)
public abstract class GrantPagingContract extends StoreContract {

    /** Sample ids are ASCII, so this is the byte order every backend sorts ids in. */
    private static final Comparator<Grant> NEWEST_FIRST = Comparator.comparing(Grant::createdAt)
            .thenComparing(Grant::grantId).reversed();

    private GrantStore grants() {
        return store.grants();
    }

    private List<Grant> bySubject(String subject, int limit, Runnable beforePage) {
        return KeysetWalk.walk((c, l) -> grants().listBySubject(subject, c, l), limit, NEWEST_FIRST, beforePage);
    }

    private List<Grant> bySubject(String subject, int limit) {
        return bySubject(subject, limit, () -> { });
    }

    private List<String> clientIds(String subject, int limit, Runnable beforePage) {
        return KeysetWalk.walk((c, l) -> grants().listClientIds(subject, c, l), limit, Comparator.<String>naturalOrder(), beforePage);
    }

    private List<String> clientIds(String subject, int limit) {
        return clientIds(subject, limit, () -> { });
    }

    private Grant grant(String subject, String clientId, Instant at) {
        return grants().save(samples.grant(subject, clientId).toBuilder().createdAt(at).updatedAt(at).build());
    }

    @Test
    @Covers("listBySubject")
    @Covers("listClientIds")
    void pagesNeitherRepeatNorSkipGrantsThatExistedThroughoutWhileOthersAreSavedAndDeleted() {
        for (int round = 0; round < SessionPagingContract.PAGING_ROUNDS; round++) {
            String subject = "busy-" + round;
            Instant t0 = clock.now();
            List<Grant> stable = new ArrayList<>();
            for (int i = 0; i < 18; i++) {
                stable.add(grant(subject, "client-" + (char) ('a' + i), t0.plusMillis(i / 9))); // long runs of ties
            }
            ConcurrentLinkedQueue<String> churned = new ConcurrentLinkedQueue<>();
            List<Grant> listed;
            List<String> listedClients;
            try (Churn churn = Churn.start(3, (thread, n) -> {
                Instant at = t0.plusMillis(ThreadLocalRandom.current().nextInt(0, 2));
                churned.add(grant(subject, "churn-" + thread + "-" + n, at).grantId());
                if (n > 0) {
                    grants().delete(churned.poll()); // a bounded set of grants comes and goes
                }
            })) {
                listed = bySubject(subject, 2, () -> churn.pace(3));
                listedClients = clientIds(subject, 2, () -> churn.pace(3));
            }
            Set<String> ids = new HashSet<>();
            for (Grant g : listed) {
                assertThat(ids.add(g.grantId())).as("round %d: grant listed twice", round).isTrue();
            }
            List<Grant> skipped = new ArrayList<>(stable);
            skipped.removeAll(listed);
            assertThat(skipped).as("round %d: grants that existed throughout but were skipped", round).isEmpty();
            assertThat(new HashSet<>(listedClients)).as("round %d: no client id twice", round).hasSameSizeAs(listedClients);
            List<String> skippedClients = new ArrayList<>(stable.stream().map(Grant::clientId).toList());
            skippedClients.removeAll(listedClients);
            assertThat(skippedClients).as("round %d: client ids skipped", round).isEmpty();
        }
    }

    @Test
    @Covers("listBySubject")
    @Covers("listClientIds")
    void aPageOfOneWalksBothListingsInTheirStableOrder() {
        List<Grant> saved = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            saved.add(grant("sub-one", "client-" + (9 - i), clock.now().plusMillis(i / 3)));
        }
        saved.sort(NEWEST_FIRST);
        assertThat(bySubject("sub-one", 1)).containsExactlyElementsOf(saved);
        assertThat(bySubject("sub-one", 4)).containsExactlyElementsOf(saved);
        List<String> clients = saved.stream().map(Grant::clientId).sorted().toList();
        assertThat(clientIds("sub-one", 1)).containsExactlyElementsOf(clients);
        assertThat(grants().listClientIds("sub-one", clients.get(0), 1).items()).containsExactly(clients.get(1));
    }

    @Test
    @Covers("listBySubject")
    @Covers("listClientIds")
    void aPageOfTheMaximumSizeHoldsThatManyItems() {
        List<Grant> saved = new ArrayList<>();
        inTransactionIfAny(() -> {
            for (int i = 0; i <= Limits.MAX_PAGE_SIZE; i++) {
                saved.add(grant("sub-many", String.format("client-%04d", i), clock.now().plusMillis(i / 10)));
            }
            return null;
        });
        saved.sort(NEWEST_FIRST);
        KeysetPage<Grant> first = grants().listBySubject("sub-many", null, Limits.MAX_PAGE_SIZE);
        assertThat(first.items()).containsExactlyElementsOf(saved.subList(0, Limits.MAX_PAGE_SIZE));
        assertThat(grants().listBySubject("sub-many", first.nextCursor(), Limits.MAX_PAGE_SIZE))
                .isEqualTo(new KeysetPage<>(List.of(saved.get(Limits.MAX_PAGE_SIZE)), null));
        KeysetPage<String> ids = grants().listClientIds("sub-many", null, Limits.MAX_PAGE_SIZE);
        assertThat(ids.items()).hasSize(Limits.MAX_PAGE_SIZE).startsWith("client-0000").endsWith("client-0999");
        assertThat(grants().listClientIds("sub-many", ids.nextCursor(), Limits.MAX_PAGE_SIZE))
                .isEqualTo(new KeysetPage<>(List.of("client-1000"), null));
    }

    @Test
    @Covers("listBySubject")
    @Covers("listClientIds")
    void badLimitsAndMalformedCursorsAreRefused() {
        grant("sub-strict", "client-a", clock.now());
        for (int bad : List.of(0, -1, Integer.MIN_VALUE, Limits.MAX_PAGE_SIZE + 1, Integer.MAX_VALUE)) {
            assertThatThrownBy(() -> grants().listBySubject("sub-strict", null, bad)).as("limit %d", bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> grants().listClientIds("sub-strict", null, bad)).as("limit %d", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String bad : SessionPagingContract.MALFORMED_CURSORS) {
            assertThatThrownBy(() -> grants().listBySubject("sub-strict", bad, 10)).as("cursor %s", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @Covers("listBySubject")
    @Covers("listClientIds")
    void expiredGrantsAreNeverListedOnAnyPage() {
        Instant t = clock.now();
        Grant a = grant("sub-fading", "client-a", t.plusMillis(4));
        Grant b = grants().save(samples.grant("sub-fading", "client-b").toBuilder().createdAt(t.plusMillis(3))
                .updatedAt(t.plusMillis(3)).expiresAt(t.plusSeconds(5)).build());
        Grant c = grant("sub-fading", "client-c", t.plusMillis(2));
        grants().save(samples.grant("sub-fading", "client-x").toBuilder().createdAt(t.minus(HowExpired.AGE))
                .updatedAt(t.minus(HowExpired.AGE)).expiresAt(t.minus(HowExpired.EXPIRED_FOR)).build());
        Grant e = grants().save(samples.grant("sub-fading", "client-e").toBuilder().createdAt(t.plusMillis(1))
                .updatedAt(t.plusMillis(1)).expiresAt(t.plusSeconds(5)).build());
        Grant f = grant("sub-fading", "client-f", t);
        KeysetPage<Grant> first = grants().listBySubject("sub-fading", null, 2);
        assertThat(first.items()).containsExactly(a, b);
        assertThat(grants().listClientIds("sub-fading", null, 10).items())
                .containsExactly("client-a", "client-b", "client-c", "client-e", "client-f");
        clock.advance(Duration.ofSeconds(5));
        KeysetPage<Grant> second = grants().listBySubject("sub-fading", first.nextCursor(), 2);
        assertThat(second.items()).as("e expired between the pages").containsExactly(c, f);
        assertThat(second.nextCursor()).isNull();
        assertThat(bySubject("sub-fading", 1)).containsExactly(a, c, f);
        assertThat(clientIds("sub-fading", 1)).containsExactly("client-a", "client-c", "client-f");
    }

    private List<String> subjects(String clientId, int limit, Runnable beforePage) {
        return KeysetWalk.walk((c, l) -> grants().listSubjects(clientId, c, l), limit, Comparator.<String>naturalOrder(), beforePage);
    }

    @Test
    @Covers("listSubjects")
    void subjectsOfAClientArePagedInAscendingOrderStrictlyAfterTheCursorEachOnce() {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String subject = "sub-" + (9 - i);
            subjects.add(subject);
            grant(subject, "client-fan", clock.now().plusMillis(i));
            grant(subject, "client-fan", clock.now().plusMillis(i + 1)); // two grants, one subject
            grant(subject + "-elsewhere", "client-other", clock.now());
        }
        List<String> sorted = subjects.stream().sorted().toList();
        assertThat(subjects("client-fan", 1, () -> { })).containsExactlyElementsOf(sorted);
        assertThat(subjects("client-fan", 3, () -> { })).containsExactlyElementsOf(sorted);
        assertThat(grants().listSubjects("client-fan", sorted.get(0), 1))
                .isEqualTo(new KeysetPage<>(List.of(sorted.get(1)), sorted.get(1)));
        assertThat(grants().listSubjects("client-fan", sorted.get(9), 5)).isEqualTo(new KeysetPage<>(List.of(), null));
        assertThat(grants().listSubjects("client-fan", "sub-4x", 2).items()).as("a cursor between two subjects")
                .containsExactly("sub-5", "sub-6");
        assertThat(grants().listSubjects("no-such-client", null, 10)).isEqualTo(new KeysetPage<>(List.of(), null));
    }

    @Test
    @Covers("listSubjects")
    void aSubjectsPageOfTheMaximumSizeHoldsThatManyItems() {
        inTransactionIfAny(() -> {
            for (int i = 0; i <= Limits.MAX_PAGE_SIZE; i++) {
                grant(String.format("sub-%04d", i), "client-busy", clock.now());
            }
            return null;
        });
        KeysetPage<String> first = grants().listSubjects("client-busy", null, Limits.MAX_PAGE_SIZE);
        assertThat(first.items()).hasSize(Limits.MAX_PAGE_SIZE).startsWith("sub-0000").endsWith("sub-0999");
        assertThat(first.nextCursor()).isEqualTo("sub-0999");
        assertThat(grants().listSubjects("client-busy", first.nextCursor(), Limits.MAX_PAGE_SIZE))
                .isEqualTo(new KeysetPage<>(List.of("sub-1000"), null));
    }

    @Test
    @Covers("listSubjects")
    void subjectsListingRefusesBadLimitsAndCursorsNoSubjectCouldHave() {
        grant("sub-a", "client-strict", clock.now());
        for (int bad : List.of(0, -1, Integer.MIN_VALUE, Limits.MAX_PAGE_SIZE + 1, Integer.MAX_VALUE)) {
            assertThatThrownBy(() -> grants().listSubjects("client-strict", null, bad)).as("limit %d", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String bad : List.of("", "x".repeat(Limits.MAX_ID_LENGTH + 1))) {
            assertThatThrownBy(() -> grants().listSubjects("client-strict", bad, 10)).as("cursor %s", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> grants().listSubjects(null, null, 10)).isInstanceOf(NullPointerException.class);
        assertThat(grants().listSubjects("client-strict", null, 10).items()).containsExactly("sub-a");
    }

    @Test
    @Covers("listSubjects")
    void subjectsWhoseOnlyGrantsExpiredOrWereDeletedAreNotListed() {
        Instant t = clock.now();
        grant("sub-a", "client-f", t);
        grants().save(samples.grant("sub-b", "client-f").toBuilder().expiresAt(t.plusSeconds(5)).build());
        grants().save(samples.grant("sub-c", "client-f").toBuilder().createdAt(t.minus(HowExpired.AGE))
                .updatedAt(t.minus(HowExpired.AGE)).expiresAt(t.minus(HowExpired.EXPIRED_FOR)).build());
        Grant d = grant("sub-d", "client-f", t);
        grant("sub-e", "client-f", t);
        assertThat(grants().listSubjects("client-f", null, 10).items()).containsExactly("sub-a", "sub-b", "sub-d", "sub-e");
        grants().delete(d.grantId());
        clock.advance(Duration.ofSeconds(5));
        assertThat(subjects("client-f", 1, () -> { })).containsExactly("sub-a", "sub-e");
    }

    @Test
    @Covers("listSubjects")
    void subjectPagesNeitherRepeatNorSkipSubjectsThatHeldAGrantThroughoutWhileOthersComeAndGo() {
        for (int round = 0; round < SessionPagingContract.PAGING_ROUNDS; round++) {
            String client = "fan-" + round;
            List<String> stable = new ArrayList<>();
            for (int i = 0; i < 18; i++) {
                stable.add("sub-" + (char) ('a' + i));
                grant("sub-" + (char) ('a' + i), client, clock.now());
            }
            ConcurrentLinkedQueue<String> churned = new ConcurrentLinkedQueue<>();
            List<String> listed;
            try (Churn churn = Churn.start(3, (thread, n) -> {
                churned.add(grant("sub-" + (char) ('a' + ThreadLocalRandom.current().nextInt(0, 20)) + "-" + thread + n,
                        client, clock.now()).grantId());
                if (n > 0) {
                    grants().delete(churned.poll());
                }
            })) {
                listed = subjects(client, 2, () -> churn.pace(3));
            }
            assertThat(new HashSet<>(listed)).as("round %d: no subject twice", round).hasSameSizeAs(listed);
            List<String> skipped = new ArrayList<>(stable);
            skipped.removeAll(listed);
            assertThat(skipped).as("round %d: subjects skipped", round).isEmpty();
        }
    }
}
