package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oidcstore.store.KeysetPage;
import org.oidcstore.store.Limits;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;

/** Contract of {@link SessionStore}. */
@ContractFor(SessionStore.class)
public abstract class SessionStoreContract extends StoreContract {

    private SessionStore sessions() {
        return store.sessions();
    }

    /** Every live member of a group, read two per page, so that every case also walks the pages. */
    private List<Session> group(String chooserGroup) {
        List<Session> all = new ArrayList<>();
        String cursor = null;
        do {
            KeysetPage<Session> page = sessions().listByChooserGroup(chooserGroup, cursor, 2);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    @Test
    @Covers("listByChooserGroup")
    void aChooserGroupIsListedInKeysetPagesStrictlyAfterTheCursor() {
        List<Session> saved = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Session s = samples.session("paged");
            sessions().save(s);
            saved.add(s);
            if (i % 2 == 1) {
                clock.advance(Duration.ofMillis(1)); // some share a createdAt: the id breaks the tie
            }
        }
        // sample ids are ASCII, so byte order and UTF-16 order agree
        saved.sort(java.util.Comparator.comparing(Session::createdAt).thenComparing(Session::sessionId));
        KeysetPage<Session> first = sessions().listByChooserGroup("paged", null, 3);
        assertThat(first.items()).containsExactlyElementsOf(saved.subList(0, 3));
        assertThat(first.nextCursor()).isNotNull();
        Session late = samples.session("paged"); // saved during the listing, with a later createdAt
        clock.advance(Duration.ofMillis(1));
        late = late.toBuilder().createdAt(clock.now()).updatedAt(clock.now()).authTime(clock.now()).build();
        sessions().save(late);
        KeysetPage<Session> second = sessions().listByChooserGroup("paged", first.nextCursor(), 3);
        assertThat(second.items()).containsExactly(saved.get(3), saved.get(4), late);
        assertThat(second.nextCursor()).as("nothing after the last page").isNull();
        assertThat(sessions().listByChooserGroup("paged", first.nextCursor(), 2).nextCursor()).isNotNull();
        assertThat(sessions().listByChooserGroup("paged", null, 6).items()).hasSize(6);

        assertThatThrownBy(() -> sessions().listByChooserGroup("paged", null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sessions().listByChooserGroup("paged", null, org.oidcstore.store.Limits.MAX_PAGE_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sessions().listByChooserGroup("paged", "not-a-cursor", 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Covers("save")
    @Covers("find")
    void aSavedSessionReadsBackWithEveryField() {
        Session s = samples.session("browser-1");
        sessions().save(s);
        assertThat(sessions().find(s.sessionId())).contains(s);
        assertThat(sessions().find("no-such-session")).isEmpty();
        Session noGroup = samples.session(null);
        sessions().save(noGroup);
        assertThat(sessions().find(noGroup.sessionId())).contains(noGroup);
    }

    @Test
    @Covers("save")
    void saveReplacesTheSessionWithTheSameId() {
        Session s = samples.session("browser-1");
        sessions().save(s);
        Session changed = s.toBuilder().acr("urn:acr:mfa").clientIds(java.util.List.of("client-z")).build();
        sessions().save(changed);
        assertThat(sessions().find(s.sessionId())).contains(changed);
    }

    @Test
    @Covers("find")
    void aSessionIsExpiredAtItsExpiryInstant() {
        Session s = samples.session("browser-1");
        sessions().save(s);
        clock.set(s.expiresAt().minusMillis(1));
        assertThat(sessions().find(s.sessionId())).isPresent();
        clock.set(s.expiresAt());
        assertThat(sessions().find(s.sessionId())).isEmpty();
    }

    @Test
    @Covers("touch")
    void touchMovesOnlyExpiryAndUpdateTime() {
        Session s = samples.session("browser-1");
        sessions().save(s);
        clock.advance(Duration.ofMinutes(2));
        Instant newExpiry = clock.now().plus(Duration.ofHours(1));
        assertThat(sessions().touch(s.sessionId(), newExpiry)).isTrue();
        assertThat(sessions().find(s.sessionId())).contains(s.touched(newExpiry, clock.now()));
        clock.set(s.expiresAt().plusSeconds(1));
        assertThat(sessions().find(s.sessionId())).as("alive past its original expiry").isPresent();
    }

    @Test
    @Covers("touch")
    void touchNeverResurrectsADeletedOrExpiredSession() {
        Session deleted = samples.session("browser-1");
        Session expired = samples.session("browser-1");
        sessions().save(deleted);
        sessions().save(expired);
        sessions().delete(deleted.sessionId());
        assertThat(sessions().touch(deleted.sessionId(), clock.now().plusSeconds(3600))).isFalse();
        assertThat(sessions().find(deleted.sessionId())).isEmpty();

        clock.set(expired.expiresAt());
        assertThat(sessions().touch(expired.sessionId(), clock.now().plusSeconds(3600))).isFalse();
        assertThat(sessions().find(expired.sessionId())).isEmpty();
        assertThat(group("browser-1")).isEmpty();
        assertThat(sessions().touch("never-existed", clock.now().plusSeconds(60))).isFalse();
    }

    @Test
    @Covers("touch")
    void touchingToAnExpiryInThePastIsRefused() {
        Session s = samples.session("browser-1");
        sessions().save(s);
        assertThatThrownBy(() -> sessions().touch(s.sessionId(), clock.now())).isInstanceOf(IllegalArgumentException.class);
        assertThat(sessions().find(s.sessionId())).contains(s);
    }

    @Test
    @Covers("delete")
    void deleteIsIdempotentAndLeavesTheChooserGroup() {
        Session s = samples.session("browser-1");
        sessions().save(s);
        assertThat(sessions().delete(s.sessionId())).isTrue();
        assertThat(sessions().delete(s.sessionId())).isFalse();
        assertThat(sessions().find(s.sessionId())).isEmpty();
        assertThat(group("browser-1")).isEmpty();
    }

    @Test
    @Covers("listByChooserGroup")
    void aChooserGroupListsItsLiveSessionsOldestFirst() {
        Session first = samples.session("browser-1");
        sessions().save(first);
        clock.advance(Duration.ofSeconds(1));
        Session second = samples.session("browser-1");
        sessions().save(second);
        clock.advance(Duration.ofSeconds(1));
        Session shortLived = samples.session("browser-1").toBuilder().expiresAt(clock.now().plusSeconds(5)).build();
        sessions().save(shortLived);
        Session elsewhere = samples.session("browser-2");
        sessions().save(elsewhere);
        sessions().save(samples.session(null));

        assertThat(group("browser-1")).containsExactly(first, second, shortLived);
        clock.advance(Duration.ofSeconds(5));
        assertThat(group("browser-1")).containsExactly(first, second);
        assertThat(group("browser-2")).containsExactly(elsewhere);
        assertThat(group("no-such-group")).isEmpty();
    }

    @Test
    @Covers("save")
    @Covers("listByChooserGroup")
    void savingASessionInAnotherGroupMovesIt() {
        Session s = samples.session("browser-1");
        sessions().save(s);
        Session moved = s.toBuilder().chooserGroup("browser-2").build();
        sessions().save(moved);
        assertThat(group("browser-1")).isEmpty();
        assertThat(group("browser-2")).containsExactly(moved);
    }

    /** Touches racing a delete (logout): the delete wins for good, whatever the interleaving. */
    @Test
    @Covers(value = "touch", race = true)
    @Covers(value = "delete", race = true)
    void touchesRacingADeleteNeverResurrectTheSession() {
        String[] id = new String[1];
        Race.<Boolean>rounds(round -> {
            Session s = samples.session("race-group");
            sessions().save(s);
            id[0] = s.sessionId();
            Instant later = clock.now().plus(Duration.ofHours(1));
            return i -> i == 0 ? () -> sessions().delete(s.sessionId()) : () -> sessions().touch(s.sessionId(), later);
        }, (round, outcomes) -> {
            assertThat(outcomes).allMatch(Race.Outcome::succeeded);
            assertThat(outcomes.get(0).value()).as("round %d: the delete found the session", round).isTrue();
            assertThat(sessions().find(id[0])).as("round %d: resurrected", round).isEmpty();
            assertThat(group("race-group")).as("round %d: index", round).isEmpty();
        });
    }

    /** A session of {@code group} that is expired by the store clock, as {@code how} says. */
    private Session expired(String group, HowExpired how) {
        if (how == HowExpired.SAVED_EXPIRED) {
            Instant created = clock.now().minus(HowExpired.AGE);
            Session s = samples.session(group).toBuilder().createdAt(created).updatedAt(created).authTime(created)
                    .expiresAt(clock.now().minus(HowExpired.EXPIRED_FOR)).build();
            sessions().save(s);
            return s;
        }
        Session s = samples.session(group);
        sessions().save(s);
        clock.set(s.expiresAt());
        return s;
    }

    @ParameterizedTest
    @EnumSource(HowExpired.class)
    @Covers("delete")
    void deletingAnExpiredSessionAnswersFalseAsForAnAbsentOne(HowExpired how) {
        Session s = expired("expired-group", how);
        assertThat(sessions().delete(s.sessionId())).as("an expired session is absent").isFalse();
        assertThat(sessions().delete(s.sessionId())).isFalse();
        assertThat(sessions().find(s.sessionId())).isEmpty();
        assertThat(group("expired-group")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(HowExpired.class)
    @Covers("touch")
    void touchingAnExpiredSessionAnswersFalseAndNeverResurrectsIt(HowExpired how) {
        Session s = expired("expired-group", how);
        assertThat(sessions().touch(s.sessionId(), clock.now().plus(Duration.ofHours(8)))).isFalse();
        assertThat(sessions().find(s.sessionId())).isEmpty();
        assertThat(group("expired-group")).isEmpty();
    }

    @Test
    @Covers("touch")
    void touchingBeyondTheLatestInstantIsRefusedAndChangesNothingWhileTheLatestInstantItselfIsKept() {
        Session s = samples.session("instants");
        sessions().save(s);
        for (Instant bad : List.of(Instant.MAX, Limits.MAX_INSTANT.plusNanos(1_000))) {
            Evidence.assertWritesNothing(fixture, "touch until " + bad, () -> assertThatThrownBy(
                    () -> sessions().touch(s.sessionId(), bad)).isInstanceOf(IllegalArgumentException.class));
        }
        assertThat(sessions().find(s.sessionId())).contains(s);
        assertThat(sessions().touch(s.sessionId(), Limits.MAX_INSTANT)).isTrue();
        assertThat(sessions().find(s.sessionId())).contains(s.touched(Limits.MAX_INSTANT, clock.now()));
    }
}
