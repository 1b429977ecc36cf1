package org.oidcstore.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.oidcstore.store.Session;
import org.oidcstore.store.SessionStore;

/** Contract of {@link SessionStore}. */
@ContractFor(SessionStore.class)
public abstract class SessionStoreContract extends StoreContract {

    private SessionStore sessions() {
        return store.sessions();
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
        assertThat(sessions().listByChooserGroup("browser-1")).isEmpty();
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
        assertThat(sessions().listByChooserGroup("browser-1")).isEmpty();
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

        assertThat(sessions().listByChooserGroup("browser-1")).containsExactly(first, second, shortLived);
        clock.advance(Duration.ofSeconds(5));
        assertThat(sessions().listByChooserGroup("browser-1")).containsExactly(first, second);
        assertThat(sessions().listByChooserGroup("browser-2")).containsExactly(elsewhere);
        assertThat(sessions().listByChooserGroup("no-such-group")).isEmpty();
    }

    @Test
    @Covers("save")
    @Covers("listByChooserGroup")
    void savingASessionInAnotherGroupMovesIt() {
        Session s = samples.session("browser-1");
        sessions().save(s);
        Session moved = s.toBuilder().chooserGroup("browser-2").build();
        sessions().save(moved);
        assertThat(sessions().listByChooserGroup("browser-1")).isEmpty();
        assertThat(sessions().listByChooserGroup("browser-2")).containsExactly(moved);
    }

    /** Touches racing a delete (logout): the delete wins for good, whatever the interleaving. */
    @Test
    @Covers("touch")
    @Covers("delete")
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
            assertThat(sessions().listByChooserGroup("race-group")).as("round %d: index", round).isEmpty();
        });
    }
}
