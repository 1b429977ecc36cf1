package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.ConflictException;
import org.oidcstore.store.DuplicateRecordException;
import org.oidcstore.store.Grant;
import org.oidcstore.store.GrantStore;
import org.oidcstore.store.KeysetPage;

/** Contract of {@link GrantStore}. */
@ContractFor(GrantStore.class)
public abstract class GrantStoreContract extends StoreContract {

    private GrantStore grants() {
        return store.grants();
    }

    private Grant saved(String subject, String clientId) {
        return grants().save(samples.grant(subject, clientId));
    }

    @Test
    @Covers("save")
    @Covers("find")
    void insertAssignsVersionOneAndReadsBack() {
        Grant g = samples.grant("sub-1", "client-a");
        Grant stored = grants().save(g);
        assertThat(stored).isEqualTo(g.withVersion(1));
        assertThat(grants().find(g.grantId())).contains(stored);
        assertThat(grants().find("no-such-grant")).isEmpty();
    }

    @Test
    @Covers("save")
    void insertingAnExistingGrantIsADuplicate() {
        Grant g = saved("sub-1", "client-a");
        assertThatThrownBy(() -> grants().save(g.withVersion(0))).isInstanceOf(DuplicateRecordException.class);
        assertThat(grants().find(g.grantId())).contains(g);
    }

    @Test
    @Covers("save")
    void anUpdateWithTheCurrentVersionIncrementsIt() {
        Grant v1 = saved("sub-1", "client-a");
        clock.advance(Duration.ofMinutes(1));
        Grant change = v1.toBuilder().scopes(Set.of("openid", "email", "phone")).updatedAt(clock.now()).build();
        Grant v2 = grants().save(change);
        assertThat(v2).isEqualTo(change.withVersion(2));
        assertThat(grants().find(v1.grantId())).contains(v2);
    }

    @Test
    @Covers("save")
    void anUpdateWithAStaleVersionConflictsAndWritesNothing() {
        Grant v1 = saved("sub-1", "client-a");
        Grant v2 = grants().save(v1.toBuilder().scopes(Set.of("openid")).build());
        Grant stale = v1.toBuilder().scopes(Set.of("openid", "admin")).build();
        assertThatThrownBy(() -> grants().save(stale)).isInstanceOf(ConflictException.class);
        assertThat(grants().find(v1.grantId())).contains(v2);
    }

    @Test
    @Covers("save")
    @Covers("delete")
    void updatingADeletedGrantConflictsAndDoesNotRecreateIt() {
        Grant v1 = saved("sub-1", "client-a");
        assertThat(grants().delete(v1.grantId())).isTrue();
        assertThat(grants().delete(v1.grantId())).as("idempotent").isFalse();
        assertThatThrownBy(() -> grants().save(v1)).isInstanceOf(ConflictException.class);
        assertThat(grants().find(v1.grantId())).isEmpty();
    }

    @Test
    @Covers("find")
    void aGrantIsExpiredAtItsExpiryInstantAndOneWithoutExpiryIsNot() {
        Grant expiring = saved("sub-1", "client-a");
        Grant forever = grants().save(samples.grant("sub-1", "client-b").toBuilder().expiresAt(null).build());
        clock.set(expiring.expiresAt().minusMillis(1));
        assertThat(grants().find(expiring.grantId())).isPresent();
        clock.set(expiring.expiresAt());
        assertThat(grants().find(expiring.grantId())).isEmpty();
        clock.advance(Duration.ofDays(3650));
        assertThat(grants().find(forever.grantId())).contains(forever);
    }

    @Test
    @Covers("findActive")
    void findActiveReturnsTheNewestLiveGrantOfSubjectAndClient() {
        Grant old = saved("sub-1", "client-a");
        clock.advance(Duration.ofMinutes(1));
        Grant newer = saved("sub-1", "client-a");
        clock.advance(Duration.ofMinutes(1));
        saved("sub-1", "client-b");
        saved("sub-2", "client-a");
        Grant newestButShort = grants().save(samples.grant("sub-1", "client-a").toBuilder()
                .expiresAt(clock.now().plusSeconds(1)).build());
        assertThat(grants().findActive("sub-1", "client-a")).contains(newestButShort);
        clock.advance(Duration.ofSeconds(1));
        assertThat(grants().findActive("sub-1", "client-a")).contains(newer);
        assertThat(old.createdAt()).isBefore(newer.createdAt());
        assertThat(grants().findActive("sub-3", "client-a")).isEmpty();
    }

    @Test
    @Covers("findActive")
    void findActiveBreaksTimeTiesByTheGreatestGrantId() {
        Grant a = grants().save(samples.grant("sub-t", "client-a").toBuilder().grantId("grant-aaa").build());
        Grant b = grants().save(samples.grant("sub-t", "client-a").toBuilder().grantId("grant-bbb").build());
        assertThat(a.createdAt()).isEqualTo(b.createdAt());
        assertThat(grants().findActive("sub-t", "client-a")).contains(b);
    }

    @Test
    @Covers("listBySubject")
    void listBySubjectReturnsLiveGrantsNewestFirst() {
        Grant g1 = saved("sub-1", "client-a");
        clock.advance(Duration.ofMinutes(1));
        Grant g2 = saved("sub-1", "client-b");
        clock.advance(Duration.ofMinutes(1));
        Grant g3 = grants().save(samples.grant("sub-1", "client-c").toBuilder()
                .expiresAt(clock.now().plusSeconds(10)).build());
        saved("sub-2", "client-a");
        assertThat(bySubject("sub-1")).containsExactly(g3, g2, g1);
        clock.advance(Duration.ofSeconds(10));
        assertThat(bySubject("sub-1")).containsExactly(g2, g1);
        assertThat(bySubject("nobody")).isEmpty();
    }

    @Test
    @Covers("listBySubject")
    void grantsOfASubjectArePagedByKeysetNewestFirst() {
        List<Grant> saved = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            saved.add(saved("sub-k", "client-" + i));
            if (i % 2 == 1) {
                clock.advance(Duration.ofMillis(1)); // some share a createdAt: the id breaks the tie
            }
        }
        saved.sort(java.util.Comparator.comparing(Grant::createdAt).thenComparing(Grant::grantId).reversed());
        KeysetPage<Grant> first = grants().listBySubject("sub-k", null, 3);
        assertThat(first.items()).containsExactlyElementsOf(saved.subList(0, 3));
        saved("sub-k", "client-new"); // newer than every listed grant: it belongs before the cursor
        KeysetPage<Grant> second = grants().listBySubject("sub-k", first.nextCursor(), 3);
        assertThat(second.items()).containsExactlyElementsOf(saved.subList(3, 5));
        assertThat(second.nextCursor()).isNull();
        assertThatThrownBy(() -> grants().listBySubject("sub-k", null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> grants().listBySubject("sub-k", "bogus", 3)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Every live grant of a subject, read two per page. */
    private List<Grant> bySubject(String subject) {
        List<Grant> all = new ArrayList<>();
        String cursor = null;
        do {
            KeysetPage<Grant> page = grants().listBySubject(subject, cursor, 2);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    @Test
    @Covers("listClientIds")
    void clientIdsArePagedByKeysetInBinaryAscendingOrder() {
        for (String c : List.of("c-delta", "C-upper", "c-alpha", "c-echo", "c-bravo", "c-alpha")) {
            saved("sub-p", c);
        }
        saved("sub-other", "c-zulu");
        grants().save(samples.grant("sub-p", "c-expired").toBuilder().expiresAt(clock.now().plusSeconds(1)).build());
        clock.advance(Duration.ofSeconds(1));

        List<String> all = new ArrayList<>();
        List<KeysetPage<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            KeysetPage<String> page = grants().listClientIds("sub-p", cursor, 2);
            pages.add(page);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(all).containsExactly("C-upper", "c-alpha", "c-bravo", "c-delta", "c-echo");
        assertThat(pages).extracting(p -> p.items().size()).containsExactly(2, 2, 1);
        assertThat(pages.get(0).nextCursor()).isEqualTo("c-alpha");
        assertThat(grants().listClientIds("sub-p", "c-echo", 2)).isEqualTo(new KeysetPage<>(List.<String>of(), null));
        assertThat(grants().listClientIds("sub-p", null, 5)).isEqualTo(new KeysetPage<>(all, null));
    }

    @Test
    @Covers("listClientIds")
    void aNonPositivePageSizeOrACursorNoClientIdCouldBeIsRefused() {
        assertThatThrownBy(() -> grants().listClientIds("sub-p", null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> grants().listClientIds("sub-p", null, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> grants().listClientIds("sub-p", "c\u0000x", 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Covers(value = "save", race = true)
    void concurrentUpdatesOfOneVersionHaveExactlyOneWinner() {
        Race.<Grant>rounds(round -> {
            Grant v1 = saved(Samples.id("sub"), "client-a");
            return i -> () -> grants().save(v1.toBuilder().scopes(Set.of("openid", "s" + i)).build());
        }, (round, outcomes) -> {
            Race.assertOneWinner(round, outcomes, ConflictException.class);
            Grant winner = outcomes.stream().filter(Race.Outcome::succeeded).findFirst().orElseThrow().value();
            assertThat(winner.version()).isEqualTo(2);
            assertThat(grants().find(winner.grantId())).contains(winner);
        });
    }

    /** A stored grant (version 1) of {@code subject} that is expired by the store clock, as {@code how} says. */
    private Grant expired(String subject, HowExpired how) {
        if (how == HowExpired.SAVED_EXPIRED) {
            Instant created = clock.now().minus(HowExpired.AGE);
            return grants().save(samples.grant(subject, "client-a").toBuilder().createdAt(created).updatedAt(created)
                    .expiresAt(clock.now().minus(HowExpired.EXPIRED_FOR)).build());
        }
        Grant g = saved(subject, "client-a");
        clock.set(g.expiresAt());
        return g;
    }

    @ParameterizedTest
    @EnumSource(HowExpired.class)
    @Covers("delete")
    @Covers("save")
    void deletingOrUpdatingAnExpiredGrantIsAsForAnAbsentOne(HowExpired how) {
        Grant deleted = expired("sub-x", how);
        Grant updated = grants().save(samples.grant("sub-x", "client-b").toBuilder().createdAt(deleted.createdAt())
                .updatedAt(deleted.updatedAt()).expiresAt(deleted.expiresAt()).build());
        assertThat(grants().delete(deleted.grantId())).as("an expired grant is absent").isFalse();
        assertThatThrownBy(() -> grants().save(updated.toBuilder().scopes(Set.of("openid")).expiresAt(null).build()))
                .as("an optimistic update of an expired grant").isInstanceOf(ConflictException.class);
        assertThat(grants().find(updated.grantId())).as("the update revived nothing").isEmpty();
        assertThat(grants().findActive("sub-x", "client-b")).isEmpty();
        assertThat(bySubject("sub-x")).isEmpty();
        assertThat(grants().listClientIds("sub-x", null, 10).items()).isEmpty();
    }
}
